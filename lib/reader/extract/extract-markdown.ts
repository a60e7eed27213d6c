// Markdown written by OCR tools and document converters → rows. Pipe tables become table rows (separator rows
// and generic column headers such as 类别 | 数据1 … 数据6 | 总计 dropped); a row table whose label cell is generic
// (数量, empty, or missing) takes its label from the heading above it (### （一）予以公开); headings lose their
// marks; sentences outside tables are prose, whose numbers are never table cells.
import type { ExtractedDocument, TextRow } from "@/lib/reader/types";

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const SEPARATOR_CELL = /^:?-{3,}:?$/;
/** Column headers that name no template column: the converter's own numbering. */
const GENERIC_COLUMN = /^(?:数据|列|栏|字段|值|数值|Column|Col)\s*\d{1,2}$/i;
const GENERIC_HEADER_CELL = /^(?:类别|项目|指标|内容|名称|总计|合计|)$/;
/** A row table's label cell that names nothing: the heading above names the row. */
const GENERIC_LABEL = /^(?:数量|数值|件数|数据|值|内容|情况|类别|项目|-|—)?$/;
/** A line outside the tables is a row of the table only when it prints a row's worth of separate numbers. */
const ROW_NUMBERS = /(?:^|\s)[-+]?\d[\d,.]*(?=\s|$)/g;
const MIN_ROW_NUMBERS = 3;

/** Markdown tables have a separator row (|---|---|); converter output also marks headings with #. */
export function looksLikeMarkdown(text: string, fileName: string): boolean {
  if (/\.(md|markdown)$/i.test(fileName)) return true;
  // Cheap tests first: most text is no Markdown, and a regular expression over all of it costs more.
  if (text.includes("---") && /^\s*\|?\s*:?-{3,}:?\s*\|/m.test(text)) return true;
  return text.includes("# ") && (text.match(/^#{1,6}\s/gm)?.length ?? 0) >= 2;
}

export function extractMarkdown(text: string): ExtractedDocument {
  const rows: TextRow[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let heading: string | null = null;
  const flushHeading = () => {
    if (heading !== null) rows.push({ cells: [heading], source: "line" });
    heading = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const title = HEADING.exec(line);
    if (title) {
      flushHeading();
      heading = cleanInline(title[1] ?? "");
      continue;
    }
    if (isTableLine(line)) {
      const block: string[][] = [];
      for (; i < lines.length && isTableLine(lines[i] ?? ""); i++) block.push(splitPipes(lines[i] ?? ""));
      i--;
      const table = readTable(block, heading);
      if (table.usedHeading) heading = null;
      else flushHeading();
      rows.push(...table.rows);
      continue;
    }
    const plain = cleanInline(line);
    if (plain === "") {
      rows.push({ cells: [""], source: "line" });
      continue;
    }
    // Outside the tables numbers are prose (“本年新收申请数量13件”), never cells; a sentence between a heading
    // and its table does not end the heading's wait for it.
    if ((plain.match(ROW_NUMBERS)?.length ?? 0) < MIN_ROW_NUMBERS) {
      rows.push({ cells: [plain], source: "line", prose: true });
      continue;
    }
    flushHeading();
    rows.push({ cells: [plain], source: "line" });
  }
  flushHeading();
  return { mediaType: "text/markdown", rows };
}

function readTable(block: string[][], heading: string | null): { rows: TextRow[]; usedHeading: boolean } {
  const body = block.filter((cells) => !cells.every((cell) => SEPARATOR_CELL.test(cell) || cell === ""));
  const generic = body.filter(isGenericHeader);
  // 数据1 … in the first column: the table has no label column at all.
  const noLabelColumn = generic.some((cells) => GENERIC_COLUMN.test(cells[0] ?? ""));
  let usedHeading = false;
  const rows: TextRow[] = [];
  for (const cells of body) {
    if (generic.includes(cells)) continue;
    let row = cells;
    if (heading !== null && noLabelColumn) row = [heading, ...cells];
    else if (heading !== null && GENERIC_LABEL.test(cells[0] ?? "") && cells.length > 1)
      row = [heading, ...cells.slice(1)];
    if (row !== cells) usedHeading = true;
    rows.push({ cells: row, source: "table" });
  }
  return { rows, usedHeading };
}

/** A header row of the converter's own: generic column names and nothing a template column is called. */
function isGenericHeader(cells: readonly string[]): boolean {
  return (
    cells.some((cell) => GENERIC_COLUMN.test(cell)) &&
    cells.every((cell) => GENERIC_COLUMN.test(cell) || GENERIC_HEADER_CELL.test(cell))
  );
}

function isTableLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith("|") && trimmed.length > 1;
}

function splitPipes(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return trimmed.split(/(?<!\\)\|/).map((cell) => cleanInline(cell.replace(/\\\|/g, "|")));
}

/** Emphasis, code marks, line breaks and entities as converters write them. */
function cleanInline(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, "")
    .replace(/&nbsp;/g, " ")
    .replace(/\*\*|__|`/g, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1")
    .trim();
}
