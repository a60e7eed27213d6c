// Merged cells → a rectangular grid: the origin position of a merged cell holds its text, every other
// position it covers is null, so table reading can count columns the way the reader of the page sees them.

export interface SpannedCell {
  text: string;
  rowspan: number;
  colspan: number;
}

/** Browsers cap spans (rowspan ≤ 65534, colspan ≤ 1000); smaller caps keep hostile input cheap. */
const MAX_COLSPAN = 100;

export function expandTableGrid(rows: SpannedCell[][]): (string | null)[][] {
  const grid: (string | null | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      const line = grid[r]!;
      while (line[col] !== undefined) col++;
      const colspan = clamp(cell.colspan, 1, MAX_COLSPAN);
      // rowspan="0" means "to the end of the table"; spans never reach past the last row.
      const rowspan = cell.rowspan === 0 ? rows.length - r : clamp(cell.rowspan, 1, rows.length - r);
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          const target = grid[r + dr]!;
          // An earlier span already claims this slot (overlapping spans in bad markup): keep the first.
          if (target[col + dc] === undefined) target[col + dc] = dr === 0 && dc === 0 ? cell.text : null;
        }
      }
      col += colspan;
    }
  });
  // A slot no cell covers (a row shorter than a span below it) is an empty cell, not a continuation.
  return grid.map((line) => Array.from(line, (value) => (value === undefined ? "" : value)));
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.max(min, Math.min(max, Math.trunc(value)));
}
