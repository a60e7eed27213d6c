// Table 三 (申请情况): every row of seven numbers, found by label within the table's range. （六）其他处理 may
// be one row or three sub-rows; both are kept and settled in checks/finish-cells.
import { T3_COLUMNS, T3_ROWS } from "@/lib/reader/template/row-catalogue";
import { listTableThreeRows, OTHER_SUB_ROWS } from "@/lib/reader/checks/list-equations";
import type { RowReading } from "@/lib/reader/checks/resolve-row-options";
import type { TemplateVersion, TextRow } from "@/lib/reader/types";
import type { Item } from "./build-items";
import { findColumnBands, type ColumnBand } from "./find-column-bands";
import { blankRow, fitRowValues } from "./fit-row-values";
import { pairRowItems } from "./pair-row-items";

export interface TableRead {
  readings: RowReading[];
  /** Rows whose label was found (whether or not they print numbers). */
  printed: Set<string>;
  unmatched: Item[];
}

const WIDTH = T3_COLUMNS.length;

export function readTableThree(
  items: readonly Item[],
  from: number,
  to: number,
  template: TemplateVersion,
  textRows: readonly TextRow[] = [],
): TableRead {
  const { rows, unmatched } = pairRowItems(items, from, to, T3_ROWS);
  // （六） named only as the heading of its printed sub-rows is not a row of its own.
  if (rows.get("t3.other")?.item === null && OTHER_SUB_ROWS.some((row) => rows.has(row)))
    rows.delete("t3.other");
  const bands = learnColumnBands([...rows.values()], textRows);
  const readings: RowReading[] = [];
  const printed = new Set<string>();
  const wanted = new Set(listTableThreeRows(template));
  for (const [key, row] of rows) {
    if (!wanted.has(key)) continue;
    printed.add(key);
    const fit = row.item
      ? fitRowValues(row.item, WIDTH, bands, WIDTH)
      : { options: [blankRow(WIDTH)], issue: "ROW_EMPTY" as const };
    readings.push({ key, columns: T3_COLUMNS, fit });
  }
  return { readings, printed, unmatched };
}

/**
 * PDF text without rulings: the columns' extents from their headings above the table's first row, or else from
 * the rows that print all seven numbers (their order is their column).
 */
function learnColumnBands(
  rows: readonly { item: Item | null }[],
  textRows: readonly TextRow[],
): ColumnBand[] | null {
  // The first row any of them was printed in (a loop: flatMap and a spread cost more than the rest here).
  let first = Infinity;
  for (const { item } of rows) {
    const row = item?.rows?.[0];
    if (row !== undefined && row < first) first = row;
  }
  const headed = Number.isFinite(first)
    ? findColumnBands({ rows: textRows, at: first, n: WIDTH, specs: T3_ROWS })
    : null;
  if (headed) return headed;
  // Text has no x positions (nearly every report read), so neither have its values: no band to learn.
  if (textRows.length > 0 && textRows.every((row) => row.xs === undefined)) return null;
  const bands: (ColumnBand | null)[] = Array.from({ length: WIDTH }, () => null);
  for (const { item } of rows) {
    if (!item || item.values.length !== WIDTH) continue;
    item.values.forEach((value, index) => {
      if (value.x === undefined || value.right === undefined) return;
      const band = bands[index];
      bands[index] = band
        ? { left: Math.min(band.left, value.x), right: Math.max(band.right, value.right) }
        : { left: value.x, right: value.right };
    });
  }
  if (bands.some((band) => band === null)) return null;
  const learnt = bands as ColumnBand[];
  return learnt.every((band, index) => index === 0 || learnt[index - 1]!.right <= band.left) ? learnt : null;
}
