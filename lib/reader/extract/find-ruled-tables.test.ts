import { describe, expect, it } from "vitest";
import { findRuledTables } from "./find-ruled-tables";
import type { Segment } from "./read-pdf-rulings";

const h = (at: number, from: number, to: number): Segment => ({ horizontal: true, at, from, to });
const v = (at: number, from: number, to: number): Segment => ({ horizontal: false, at, from, to });

/** Rows of a table as [row, column, rowspan, colspan, enclosed] for each cell, top-left first. */
function layout(segments: Segment[]) {
  return findRuledTables(segments).map((table) =>
    table.cells
      .map((cell) => [cell.row, cell.column, cell.rowspan, cell.colspan, cell.enclosed])
      .sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1])),
  );
}

describe("findRuledTables", () => {
  it("cuts a ruled grid into its cells", () => {
    const grid = [
      h(100, 0, 200),
      h(80, 0, 200),
      h(60, 0, 200),
      v(0, 60, 100),
      v(100, 60, 100),
      v(200, 60, 100),
    ];
    expect(layout(grid)).toEqual([
      [
        [0, 0, 1, 1, true],
        [0, 1, 1, 1, true],
        [1, 0, 1, 1, true],
        [1, 1, 1, 1, true],
      ],
    ]);
  });

  it("merges cells with no ruling between them: a heading over two columns, a label over two rows", () => {
    const segments = [
      h(100, 0, 300),
      h(80, 100, 300), // no ruling under the label in column 0
      h(60, 0, 300),
      v(0, 60, 100),
      v(100, 60, 100),
      v(200, 60, 80), // the heading in row 0 spans columns 1 and 2
      v(300, 60, 100),
    ];
    expect(layout(segments)).toEqual([
      [
        [0, 0, 2, 1, true],
        [0, 1, 1, 2, true],
        [1, 1, 1, 1, true],
        [1, 2, 1, 1, true],
      ],
    ]);
  });

  it("closes a row broken across pages where its column rulings end", () => {
    // The rulings run 20 pt below the last horizontal one: the row continues on the next page.
    const segments = [h(100, 0, 200), h(80, 0, 200), v(0, 60, 100), v(100, 60, 100), v(200, 60, 100)];
    const [table] = findRuledTables(segments);
    expect(table?.ys).toEqual([100, 80, 60]);
    expect(table?.cells.every((cell) => cell.enclosed)).toBe(true);
  });

  it("leaves the slots beside a narrower table touching a wider one out of any cell", () => {
    const segments = [
      // a wide table of two columns on top …
      h(100, 0, 200),
      h(80, 0, 200),
      v(0, 80, 100),
      v(100, 80, 100),
      v(200, 80, 100),
      // … and a narrower one of one column right under it
      h(60, 0, 100),
      v(0, 60, 80),
      v(100, 60, 80),
    ];
    const [table] = findRuledTables(segments);
    const beside = table?.slots[1]?.[1];
    expect(beside?.enclosed).toBe(false);
    expect(table?.slots[1]?.[0]?.enclosed).toBe(true);
  });
});
