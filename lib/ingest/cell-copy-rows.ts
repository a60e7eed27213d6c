// A document's cells as the text the bulk path COPYs into ReportCell, less each line's report id (known
// only once the report row is written): one line per cell, in cell-number order (the table's key order),
// "cellNo \t inferred \t value \t rawText \t unit \n" in COPY's text format. An import makes it in the
// reader thread that read the file, so the main thread only prefixes each line with its report id — and
// gets the cells back from it (parseCellCopyRows) instead of receiving 200 objects per file from the
// thread, which cost it more to take in than the whole reading did.
//   const rows = formatCellCopyRows(document.cells);    // "12\tf\t3\t\\N\t\\N\n13\t…"
//   parseCellCopyRows(rows);                             // the same cells again, in cell-number order
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

/** How many cells the lines hold. */
export function countCellRows(rows: string): number {
  let count = 0;
  for (let end = rows.indexOf("\n"); end !== -1; end = rows.indexOf("\n", end + 1)) count += 1;
  return count;
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
      rawText: parseField(rawText!),
      inferred: inferred === "t",
      unit: parseField(unit!),
    });
    start = end + 1;
  }
  return cells;
}

const ESCAPED = { "\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r" } as const;

function parseField(field: string): string | null {
  if (field === "\\N") return null;
  if (!field.includes("\\")) return field;
  return field.replace(/\\[\\tnr]/g, (escape) => ESCAPED[escape as keyof typeof ESCAPED]);
}
