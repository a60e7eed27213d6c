// A document's cells as the text the bulk path COPYs into ReportCell: one line per cell, in cell-number
// order (the table's key order), "reportId \t cellNo \t inferred \t value \t rawText \t unit \n" in COPY's
// text format. The report id is known only once the report row is written, so an import's reader thread —
// which makes the lines of the file it read (encodeCellCopyLines) — writes them as UTF-8 with a report id
// of ten zeros in front of each, and the main thread copies them into the COPY's chunk and writes the
// report's id over the zeros (writeCellCopyLines: "0000000042" is 42 to PostgreSQL), never turning them
// into strings or objects. It gets the cells back from them only if a small batch or a retry asks.
//   const lines = encodeCellCopyLines(document.cells);  // "0000000000\t12\tf\t3\t\\N\t\\N\n…" as UTF-8
//   writeCellCopyLines(chunk, at, lines, 42);             // "0000000042\t12\tf\t3…"
//   parseCellCopyLines(lines);                            // the same cells again, in cell-number order
import { CopyBytes } from "@/lib/db/copy-bytes";
import { formatCopyValue } from "@/lib/db/copy-rows";
import type { PreparedCell } from "@/lib/ingest/prepare-document";

/** The cells' lines, sorted by cell number (the cells themselves are left as they are). */
export function formatCellCopyRows(cells: readonly PreparedCell[]): string {
  const sorted = isSortedByCellNo(cells) ? cells : [...cells].sort((a, b) => a.cellNo - b.cellNo);
  let rows = "";
  for (const cell of sorted) rows += formatCellFields(cell);
  return rows;
}

/** One cell's line: cellNo, inferred, value, rawText, unit. */
export function formatCellFields(cell: PreparedCell): string {
  // value is numeric text (String of a finite number): nothing in it needs escaping.
  return `${cell.cellNo}\t${cell.inferred ? "t" : "f"}\t${cell.value ?? "\\N"}\t${
    cell.rawText === null ? "\\N" : formatCopyValue(cell.rawText)
  }\t${cell.unit === null ? "\\N" : formatCopyValue(cell.unit)}\n`;
}

export function isSortedByCellNo(cells: readonly PreparedCell[]): boolean {
  for (let i = 1; i < cells.length; i++) if (cells[i - 1]!.cellNo > cells[i]!.cellNo) return false;
  return true;
}

/** Every line prefixed with `prefix` (the report id and a tab): the COPY text of one report's cells. */
export function prefixCellCopyRows(rows: string, prefix: string): string {
  if (rows === "") return "";
  // Each line ends with "\n" (escaped text holds none): every line break but the last starts a line.
  return prefix + rows.slice(0, -1).replaceAll("\n", `\n${prefix}`) + "\n";
}

/** A document's cell lines in UTF-8, each behind a report id of REPORT_ID_WIDTH zeros and a tab. */
export interface CellCopyLines {
  bytes: Uint8Array;
  count: number;
}

// int4's largest value, 2147483647, has ten digits; leading zeros are read as nothing.
export const REPORT_ID_WIDTH = 10;
const NO_REPORT_ID = `${"0".repeat(REPORT_ID_WIDTH)}\t`;
const decoder = new TextDecoder();

/** The cells' lines for writeCellCopyLines (the array owns its buffer: it may be moved between threads). */
export function encodeCellCopyLines(cells: readonly PreparedCell[]): CellCopyLines {
  scratch.reset();
  appendCellCopyLines(scratch, cells);
  return { bytes: scratch.finish(), count: cells.length };
}

// One buffer for every document's lines this thread encodes (finish copies them out: CopyBytes.reset).
const scratch = new CopyBytes();

/** The same lines, written at the end of `out` (the same text as formatCellCopyRows, behind the zeros). */
export function appendCellCopyLines(out: CopyBytes, cells: readonly PreparedCell[]): void {
  const sorted = isSortedByCellNo(cells) ? cells : [...cells].sort((a, b) => a.cellNo - b.cellNo);
  for (const cell of sorted) {
    out.ascii(NO_REPORT_ID);
    out.field(cell.cellNo);
    out.tab();
    out.field(cell.inferred);
    out.tab();
    // value is numeric text (String of a finite number): nothing in it needs escaping.
    if (cell.value === null) out.field(null);
    else out.ascii(cell.value);
    out.tab();
    out.field(cell.rawText);
    out.tab();
    out.field(cell.unit);
    out.end();
  }
}

const ID_DIGITS = new Uint8Array(REPORT_ID_WIDTH);

/**
 * Copies the lines into `target` at `offset` with `reportId` in front of each; returns the offset after
 * them. A loop over the bytes: no string, no object per line.
 */
export function writeCellCopyLines(
  target: Uint8Array,
  offset: number,
  lines: CellCopyLines,
  reportId: number,
): number {
  if (!Number.isSafeInteger(reportId) || reportId < 0 || reportId > 2_147_483_647)
    throw new Error(`Not a report id: ${reportId}`);
  const end = offset + lines.bytes.byteLength;
  target.set(lines.bytes, offset);
  // The id's digits worked out once, then copied into each line (a report has ~200): ten divisions per
  // line were most of this loop.
  const digits = ID_DIGITS;
  let id = reportId;
  for (let digit = REPORT_ID_WIDTH - 1; digit >= 0; digit -= 1) {
    digits[digit] = 48 + (id % 10);
    id = Math.floor(id / 10);
  }
  let line = offset;
  while (line < end) {
    for (let digit = 0; digit < REPORT_ID_WIDTH; digit += 1) target[line + digit] = digits[digit]!;
    // Escaped text holds no line break: each line ends at the next one.
    const lineEnd = target.indexOf(10, line + REPORT_ID_WIDTH);
    if (lineEnd === -1 || lineEnd >= end) break;
    line = lineEnd + 1;
  }
  return end;
}

/** The cells encodeCellCopyLines wrote. */
export function parseCellCopyLines(lines: CellCopyLines): PreparedCell[] {
  const text = decoder.decode(lines.bytes);
  // Each line less its first REPORT_ID_WIDTH + 1 characters (the id and its tab).
  let rows = "";
  for (let start = 0; start < text.length;) {
    const end = text.indexOf("\n", start) + 1;
    rows += text.slice(start + NO_REPORT_ID.length, end);
    start = end;
  }
  return parseCellCopyRows(rows);
}

/** The cells formatCellCopyRows wrote. */
export function parseCellCopyRows(rows: string): PreparedCell[] {
  const cells: PreparedCell[] = [];
  let start = 0;
  while (start < rows.length) {
    const end = rows.indexOf("\n", start);
    const [cellNo, inferred, value, rawText, unit] = rows.slice(start, end).split("\t");
    cells.push({
      cellNo: Number(cellNo),
      value: value === "\\N" ? null : value!,
      rawText: parseCopyField(rawText!),
      inferred: inferred === "t",
      unit: parseCopyField(unit!),
    });
    start = end + 1;
  }
  return cells;
}

const ESCAPED = { "\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r" } as const;

/** A field of COPY's text format as its text: null for \\N, the four escapes formatCopyValue writes undone. */
export function parseCopyField(field: string): string | null {
  if (field === "\\N") return null;
  if (!field.includes("\\")) return field;
  return field.replace(/\\[\\tnr]/g, (escape) => ESCAPED[escape as keyof typeof ESCAPED]);
}
