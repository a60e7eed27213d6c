// Findings about the reading itself (kind uncertain): tables or rows not found, rows printed without numbers,
// blank cells, rows with too many numbers.
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { describeCell, describeRow, listCellIds } from "@/lib/reader/template/cell-catalogue";
import { joinCellIds } from "@/lib/reader/template/join-cell-id";
import { T2_COLUMNS } from "@/lib/reader/template/row-catalogue";
import type { TableRead } from "@/lib/reader/tables/read-table-three";
import { listTableThreeRows, OTHER_SUB_ROWS } from "./list-equations";
import type { FinishedCells } from "./finish-cells";
import type { ResolvedCells, RowReading } from "./resolve-row-options";

interface LayoutInput {
  readings: readonly RowReading[];
  template: TemplateVersion;
  two: TableRead | null;
  three: TableRead | null;
  hasFour: boolean;
  resolved: ResolvedCells;
  finished: FinishedCells;
}

const TABLE_NAMES = {
  t2: "表二（主动公开政府信息情况）",
  t3: "表三（收到和处理政府信息公开申请情况）",
  t4: "表四（行政复议、行政诉讼情况）",
};

export function reportLayoutFindings(input: LayoutInput): Finding[] {
  const { template } = input;
  const findings: Finding[] = [];
  const present = { t2: input.two !== null, t3: input.three !== null, t4: input.hasFour };
  for (const table of ["t2", "t3", "t4"] as const) {
    if (present[table]) continue;
    findings.push({
      code: "TABLE_MISSING",
      severity: "error",
      kind: "uncertain",
      cells: listCellIds(template).filter((id) => id.startsWith(`${table}.`)),
      message: `未找到${TABLE_NAMES[table]}，其单元格均留空，请核对原文。`,
    });
  }
  const inferred = new Set(input.finished.inferred);
  for (const reading of input.readings) {
    const ids = joinCellIds(reading.key, reading.columns);
    // The row's name only in a finding's message: most rows have none, and naming costs a lookup by a fresh key.
    if (reading.fit.issue === "ROW_EMPTY") {
      const filled = ids.every((id) => inferred.has(id));
      findings.push({
        code: "ROW_EMPTY",
        severity: filled ? "info" : "warning",
        kind: "uncertain",
        cells: [...ids],
        message: `${describeRow(reading.key, template)}：该行未印任何数字${filled ? "，已按勾稽关系推定（见推定说明）" : "，单元格留空"}。`,
      });
      continue;
    }
    if (reading.fit.issue === "DIGITS_AMBIGUOUS" && reading.fit.options.length === 1)
      findings.push({
        code: "DIGITS_AMBIGUOUS",
        severity: "warning",
        kind: "uncertain",
        cells: [...ids],
        message: `${describeRow(reading.key, template)}：数字粘连且没有符合勾稽关系的拆分，单元格留空，请核对原文。`,
      });
    if (reading.fit.issue === "ROW_LONG")
      findings.push({
        code: "ROW_LONG",
        severity: "warning",
        kind: "uncertain",
        cells: [...ids],
        message: `${describeRow(reading.key, template)}：该行印出的数字多于表格列数，已按前 ${ids.length} 个读取，请核对原文。`,
      });
    if (input.resolved.blanks.size === 0) continue;
    const blank = ids.filter((id) => input.resolved.blanks.has(id) && !inferred.has(id));
    if (blank.length > 0)
      findings.push({
        code: "CELL_BLANK",
        severity: "warning",
        kind: "uncertain",
        cells: blank,
        message: `以下单元格报告中为空白（未印数字）：${blank.map(describeCell).join("；")}。`,
      });
  }
  findings.push(...missingRows(input));
  return findings;
}

function missingRows(input: LayoutInput): Finding[] {
  const { template } = input;
  const missing: string[] = [];
  if (input.three) {
    const printed = input.three.printed;
    const subRowsPrinted = OTHER_SUB_ROWS.some((row) => printed.has(row));
    for (const row of listTableThreeRows(template)) {
      if (printed.has(row)) continue;
      if (row === "t3.other" && subRowsPrinted) continue;
      if ((OTHER_SUB_ROWS as readonly string[]).includes(row) && printed.has("t3.other") && !subRowsPrinted)
        continue;
      missing.push(row);
    }
  }
  if (input.two)
    for (const row of Object.keys(T2_COLUMNS[template])) if (!input.two.printed.has(row)) missing.push(row);
  const findings: Finding[] = missing.map((row) => ({
    code: "LABEL_UNMATCHED",
    severity: "warning",
    kind: "uncertain",
    cells: listCellIds(template).filter(
      (id) => id.startsWith(`${row}.`) && id.split(".").length === row.split(".").length + 1,
    ),
    message: `未找到${describeRow(row, template)}这一行，其单元格留空，请核对原文。`,
  }));
  const strays = [...(input.two?.unmatched ?? []), ...(input.three?.unmatched ?? [])].filter(
    (item) => item.values.filter((value) => value.value !== null).length >= 2,
  );
  for (const item of strays)
    findings.push({
      code: "LABEL_UNMATCHED",
      severity: "warning",
      kind: "uncertain",
      cells: [],
      message: `有一行数字（${item.values.map((value) => value.text || "空").join("、")}）未能对应到表格中的任何行${item.labelParts.length ? `（标签“${item.labelParts.join("")}”）` : ""}，请核对原文。`,
    });
  return findings;
}
