// A cell id is its row key and column joined (“t3.new.natural”). Every report builds the same few hundred
// ids many times over; handing out one string per id means each is hashed and internalised once, so the Map
// lookups and object keys downstream never rebuild or re-hash a fresh copy.

const IDS = new Map<string, Map<string, string>>();

export function joinCellId(rowKey: string, column: string): string {
  let byColumn = IDS.get(rowKey);
  if (!byColumn) IDS.set(rowKey, (byColumn = new Map()));
  let id = byColumn.get(column);
  if (id === undefined) byColumn.set(column, (id = `${rowKey}.${column}`));
  return id;
}
