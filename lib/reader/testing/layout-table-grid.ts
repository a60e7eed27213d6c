// Grid positions of a table model's cells (row/column of each origin, spans resolved), shared by the
// renderers that draw tables themselves (PDF).
import type { ReportTable, TableCell } from "@/lib/reader/testing/report-document";

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
