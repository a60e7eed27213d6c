// Grid positions of a table model's cells (row/column of each origin, spans resolved) for the renderers
// that draw tables themselves (PDF), and the layout variants pages print instead of merged label cells.
import type { ReportTable, TableCell } from "@/lib/reader/testing/report-document";

/** How a table prints a label that covers several rows: one merged cell, the label on every row, or blanks. */
export type GroupLabelStyle = "merged" | "repeated" | "blank";

export interface PlacedCell {
  cell: TableCell;
  row: number;
  column: number;
  rowspan: number;
  colspan: number;
}

export function placeTableCells(table: ReportTable): PlacedCell[] {
  const taken: boolean[][] = table.rows.map(() => []);
  const placed: PlacedCell[] = [];
  table.rows.forEach((cells, row) => {
    let column = 0;
    for (const cell of cells) {
      while (taken[row]![column]) column++;
      const rowspan = Math.min(cell.rowspan ?? 1, table.rows.length - row);
      const colspan = cell.colspan ?? 1;
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) taken[row + dr]![column + dc] = true;
      }
      placed.push({ cell, row, column, rowspan, colspan });
      column += colspan;
    }
  });
  return placed;
}

/** Undo the row merges of label cells the way pages without rowspan print them: repeat the label or leave blanks. */
export function unmergeGroupLabels(table: ReportTable, style: GroupLabelStyle): ReportTable {
  if (style === "merged") return table;
  const rows: { column: number; cell: TableCell }[][] = table.rows.map(() => []);
  for (const p of placeTableCells(table)) {
    if (p.cell.role !== "label" || p.rowspan === 1) {
      rows[p.row]!.push({ column: p.column, cell: p.cell });
      continue;
    }
    for (let row = p.row; row < p.row + p.rowspan; row++) {
      const text = row === p.row || style === "repeated" ? p.cell.text : "";
      rows[row]!.push({ column: p.column, cell: { ...p.cell, text, rowspan: 1 } });
    }
  }
  return {
    widths: table.widths,
    rows: rows.map((cells) => cells.sort((a, b) => a.column - b.column).map(({ cell }) => cell)),
  };
}
