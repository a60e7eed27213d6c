// A cell id is its row key and column joined (“t3.new.natural”). Every report builds the same few hundred
// ids many times over; handing out one string per id means each is hashed and internalised once, so the Map
// lookups and object keys downstream never rebuild or re-hash a fresh copy.
import { CELLS } from "./cell-catalogue";

const IDS = new Map<string, Map<string, string>>();

export function joinCellId(rowKey: string, column: string): string {
  let byColumn = IDS.get(rowKey);
  if (!byColumn) IDS.set(rowKey, (byColumn = new Map()));
  let id = byColumn.get(column);
  if (id === undefined) byColumn.set(column, (id = `${rowKey}.${column}`));
  return id;
}

// Seeded with the catalogue's own strings, so a joined id and the id listCellIds gives are one object:
// comparing them in a Map is a pointer check. Every dot may split key from column (t4 joins "t4" with
// "review.corrected"); each split joins back to the same id, so seeding them all is always right.
for (const { id } of CELLS) {
  for (let dot = id.indexOf("."); dot >= 0; dot = id.indexOf(".", dot + 1)) {
    const rowKey = id.slice(0, dot);
    let byColumn = IDS.get(rowKey);
    if (!byColumn) IDS.set(rowKey, (byColumn = new Map()));
    byColumn.set(id.slice(dot + 1), id);
  }
}

/** A row's cell ids, one array per row and column list (the lists are the catalogue's constants). */
const ROW_IDS = new WeakMap<readonly string[], Map<string, readonly string[]>>();

export function joinCellIds(rowKey: string, columns: readonly string[]): readonly string[] {
  let byKey = ROW_IDS.get(columns);
  if (!byKey) ROW_IDS.set(columns, (byKey = new Map()));
  let ids = byKey.get(rowKey);
  if (!ids) byKey.set(rowKey, (ids = columns.map((column) => joinCellId(rowKey, column))));
  return ids;
}
