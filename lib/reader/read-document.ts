// The synchronous heart of the reader: extracted rows → template version, year, agency as printed, every
// cell of the version, inferred values and findings. Stages: find tables → map cells → check.
import type { ExtractedDocument, Finding, ReadError, ReadSuccess, TextRow } from "@/lib/reader/types";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { restoreLineBreaks } from "@/lib/reader/extract/restore-line-breaks";
import { buildItems, type Item } from "./tables/build-items";
import { markLineGaps } from "./tables/mark-line-gaps";
import { locateTables, type TableRanges } from "./tables/locate-tables";
import { readTableTwo } from "./tables/read-table-two";
import { readTableThree } from "./tables/read-table-three";
import { readTableFour } from "./tables/read-table-four";
import { resolveRowOptions, type RowReading } from "./checks/resolve-row-options";
import { findReportTitle } from "./meta/find-report-title";
import { findReportYear } from "./meta/find-report-year";
import { findAgencyName } from "./meta/find-agency-name";
import { detectTemplate } from "./meta/detect-template";
import { looksLikeOldFormat } from "./meta/detect-old-format";
import { finishCells } from "./checks/finish-cells";
import { findPrintedUnits } from "./tables/find-printed-units";
import { reportLayoutFindings } from "./checks/report-layout-findings";
import type { TemplateVersion } from "./types";

/** A ReadSuccess before the agency is resolved: only the name as printed is known. */
export type DocumentReading = Omit<ReadSuccess, "agency" | "regionCodes"> & {
  agencyAsPrinted: string | null;
};

/** `template`: read the tables as this version instead of the detected one (staff settled it). */
export function readDocument(
  document: ExtractedDocument,
  options: { template?: TemplateVersion } = {},
): DocumentReading | ReadError {
  const rows = restoreLineBreaks(document.rows);
  const lines = rows.map(rowText);
  const title = findReportTitle(lines);
  const items = buildItems(rows);
  markLineGaps(items);
  const ranges = locateTables(items);
  const hasTables = ranges.t2 !== null || ranges.t3 !== null || ranges.t4 !== null;
  const titleYear = title?.year ?? null;
  const year = titleYear ?? findReportYear(lines);
  // The title's year decides. Without a title, old-format words (网络申请, 同意公开 …) decide only when no
  // year from 2019 on is printed: they also occur in current reports' prose (one cut short before its tables).
  const old =
    titleYear !== null
      ? titleYear < 2019
      : ranges.t3 === null && (year === null || year < 2019) && looksLikeOldFormat(squeeze(lines));
  if (old) return makeReadError("PRE_2019_FORMAT", document.mediaType);
  if (!hasTables)
    return makeReadError(
      "NOT_A_REPORT",
      document.mediaType,
      title ? tablesMissingMessage(title.year) : undefined,
    );
  const template = options.template ?? detectTemplate(squeeze(tableLabels(items, ranges)), year);
  const readings: RowReading[] = [];
  const two = ranges.t2 ? readTableTwo(items, ranges.t2[0], ranges.t2[1], template, rows) : null;
  const three = ranges.t3 ? readTableThree(items, ranges.t3[0], ranges.t3[1], template, rows) : null;
  const four = ranges.t4 ? readTableFour(items, ranges.t4[0], ranges.t4[1], rows) : null;
  readings.push(...(two?.readings ?? []), ...(three?.readings ?? []), ...(four ? [four] : []));
  const resolved = resolveRowOptions(readings, template);
  const finished = finishCells({
    resolved,
    template,
    printedT3: three?.printed ?? new Set(),
    placedByPosition: rows.some((row) => row.xs !== undefined),
  });
  const units = findPrintedUnits(items, ranges.t2, template, resolved.units, finished.cells);
  const findings = [
    ...reportLayoutFindings({ readings, template, two, three, hasFour: four !== null, resolved, finished }),
    ...resolved.findings,
    ...units.findings,
    ...finished.findings,
  ];
  if (finished.derivedOther) extendToDerivedOther(findings);
  if (year === null)
    findings.push({
      code: "YEAR_MISSING",
      severity: "error",
      kind: "uncertain",
      cells: [],
      message: "未能从标题或正文中识别报告所属年度，请人工补充。",
    });
  return {
    ok: true,
    mediaType: document.mediaType,
    agencyAsPrinted: title?.agency ?? findAgencyName(lines),
    year,
    template,
    cells: finished.cells,
    rawText: resolved.raw,
    inferred: finished.inferred,
    units: units.units,
    findings,
    // Text rows left as extracted are the lines of the text extracted: no join to build it again.
    text: rows === document.rows && document.text !== undefined ? document.text : lines.join("\n"),
  };
}

/** A report title without any table: the file is cut short, or its tables are pictures. */
function tablesMissingMessage(year: number | null): string {
  const which = year === null ? "年度报告" : `${year}年度报告`;
  return `找到了${which}的标题，但没有找到其中的表格：文件可能不完整，或表格是图片。请上传完整的报告。`;
}

/** （六） summed from its sub-rows is as uncertain as the sub-row cells it is summed from. */
function extendToDerivedOther(findings: Finding[]): void {
  for (const finding of findings) {
    if (finding.kind !== "uncertain") continue;
    const derived = finding.cells
      .filter((id) => /^t3\.other\.(no_correction|no_fee|misc)\./.test(id))
      .map((id) => `t3.other.${id.split(".")[3]}`);
    for (const id of derived) if (!finding.cells.includes(id)) finding.cells.push(id);
  }
}

/** Text without spaces or slashes, for marker phrases (本年增/减 → 本年增减). */
function squeeze(lines: readonly string[]): string {
  return lines.join("").replace(/[\s\u00a0\u3000/／]+/g, "");
}

/** The labels printed in tables 二 and 三: where the template's column headings and （六） sub-rows are. */
function tableLabels(items: readonly Item[], ranges: TableRanges): string[] {
  const labels: string[] = [];
  for (const range of [ranges.t2, ranges.t3]) {
    if (!range) continue;
    // Pushed one by one: a filtered copy spread into the list per item cost more than the rest of this.
    for (let i = range[0]; i < range[1]; i++)
      for (const part of items[i]?.labelParts ?? []) if (part.length <= 80) labels.push(part);
  }
  return labels;
}

function rowText(row: TextRow): string {
  // Text lines, by far the most rows, have one cell: no array to build.
  if (row.cells.length === 1) return row.cells[0] ?? "";
  return row.cells.filter((cell): cell is string => cell !== null).join(row.source === "line" ? "" : "\t");
}
