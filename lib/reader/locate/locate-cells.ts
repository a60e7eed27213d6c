// Where every cell of a document's reading was printed (source-positions.ts), from its bytes:
//   const positions = await locateCells(bytes, fileName, { template: "2021" });   // null: nothing to show
// Reads the document as readReport does (same extraction, same choice of reading, same table stages), then finds each cell's row
// (find-cell-rows.ts) and, for PDFs, its box on the page (find-pdf-boxes.ts). Pure: no database, no Next.
import { extractDocument } from "@/lib/reader/extract/extract-document";
import { restoreLineBreaks } from "@/lib/reader/extract/restore-line-breaks";
import { readBestReading } from "@/lib/reader/read-report";
import type { TemplateVersion, TextRow } from "@/lib/reader/types";
import { findCellRows } from "./find-cell-rows";
import { findPdfBoxes } from "./find-pdf-boxes";
import type { CellPosition, SourcePositions } from "./source-positions";

export async function locateCells(
  bytes: Uint8Array,
  fileName: string,
  options: { template?: TemplateVersion } = {},
): Promise<SourcePositions | null> {
  const extracted = await extractDocument(bytes, fileName);
  if ("ok" in extracted) return null;
  const best = await readBestReading(extracted, options);
  const reading = best.reading;
  if (!reading.ok) return null;
  // The rows exactly as readDocument saw them: line breaks restored (a no-op on most files), and the ruled
  // tables' rows when the PDF's second reading was kept.
  const rows = restoreLineBreaks(best.rows);
  const lines = rows.map(rowText);
  const cellRows = findCellRows(rows, reading);
  const cells: Record<string, CellPosition> = {};
  for (const [id, cell] of cellRows) cells[id] = { line: cell.row, exact: cell.exact };
  if (extracted.mediaType !== "application/pdf") return { kind: "text", lines, cells };
  const { pages, boxes } = await findPdfBoxes(bytes, rows, cellRows);
  for (const [id, { page, box }] of boxes) cells[id] = { ...cells[id]!, page, box };
  return { kind: "pdf", lines, linePages: rows.map((row) => row.page ?? 1), pages, cells };
}

/** A row as one line of text, as readDocument joins it. */
function rowText(row: TextRow): string {
  return row.cells.filter((cell): cell is string => cell !== null).join(row.source === "line" ? "" : "\t");
}
