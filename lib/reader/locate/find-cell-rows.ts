// The rows cells were read from: the table rows are found again with the reader's own stages (items, table
// ranges, label pairing — the same calls readDocument makes on the same rows, so the same result), then each
// cell's printed text is matched, in column order, to the values of its row. Values carry the index of the
// row they were printed in (build-items.ts), so every cell comes out as a row index, and for PDF rows the
// x where its text starts.
import { buildItems, type Item, type ValueCell } from "@/lib/reader/tables/build-items";
import { locateTables } from "@/lib/reader/tables/locate-tables";
import { markLineGaps } from "@/lib/reader/tables/mark-line-gaps";
import { pairRowItems } from "@/lib/reader/tables/pair-row-items";
import { joinCellId } from "@/lib/reader/template/join-cell-id";
import {
  T2_COLUMNS,
  T2_ROWS,
  T3_COLUMNS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUPS,
} from "@/lib/reader/template/row-catalogue";
import type { TemplateVersion, TextRow } from "@/lib/reader/types";

export interface CellRow {
  row: number;
  /** PDF: left x of the printed value (reading space). */
  x?: number;
  exact: boolean;
}

export function findCellRows(
  rows: readonly TextRow[],
  reading: { template: TemplateVersion; rawText: Record<string, string> },
): Map<string, CellRow> {
  const items = buildItems(rows);
  markLineGaps(items);
  const ranges = locateTables(items);
  const found = new Map<string, CellRow>();
  const tables = [
    { range: ranges.t2, specs: T2_ROWS, columns: (key: string) => T2_COLUMNS[reading.template][key] },
    { range: ranges.t3, specs: T3_ROWS, columns: () => T3_COLUMNS },
  ];
  for (const { range, specs, columns } of tables) {
    if (!range) continue;
    const { rows: paired } = pairRowItems(items, range[0], range[1], specs);
    for (const [key, { item }] of paired) {
      const ids = columns(key)?.map((column) => joinCellId(key, column));
      if (ids && item) matchRow(ids, item.values, item, reading.rawText, found);
    }
  }
  if (ranges.t4) {
    const ids = T4_GROUPS.flatMap((group) => T4_COLUMNS.map((column) => `t4.${group}.${column}`));
    const values: ValueCell[] = [];
    let first: Item | undefined;
    for (let i = ranges.t4[0]; i < ranges.t4[1] && values.length < ids.length; i++) {
      const item = items[i];
      if (!item || item.values.length === 0) continue;
      first ??= item;
      values.push(...item.values);
    }
    if (first) matchRow(ids, values, first, reading.rawText, found);
  }
  return found;
}

/**
 * Each cell's printed text is looked for among the row's values from where the previous cell was found on:
 * equal text, or — digits glued together, split by the reader — a value containing it (several cells then
 * point at the same value). A cell that printed nothing, or is not found, points at its row's label.
 */
function matchRow(
  ids: readonly string[],
  values: readonly ValueCell[],
  item: Item,
  rawText: Record<string, string>,
  found: Map<string, CellRow>,
): void {
  let from = 0;
  const labelRow = item.rows?.[0] ?? values[0]?.row;
  for (const id of ids) {
    const text = rawText[id];
    let at = -1;
    if (text !== undefined) {
      at = values.findIndex((value, index) => index >= from && value.text === text);
      if (at < 0)
        at = values.findIndex((value, index) => index >= from && value.digits && value.text.includes(text));
    }
    const value = values[at];
    if (value?.row !== undefined) {
      found.set(id, { row: value.row, ...(value.x !== undefined ? { x: value.x } : {}), exact: true });
      from = value.text === text ? at + 1 : at;
    } else if (labelRow !== undefined) found.set(id, { row: labelRow, exact: false });
  }
}
