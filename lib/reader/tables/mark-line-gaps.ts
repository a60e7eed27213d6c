// One-cell-per-line text marks an empty cell with an extra blank line (seed layouts 000, 004). The usual
// number of blank lines between cells is learnt from the document itself (between values, before the first
// value, after the last); a larger gap is read as that many empty cells.
import type { Item, ValueCell } from "./build-items";

export function markLineGaps(items: readonly Item[]): void {
  const lineItems = items.filter((item) => item.fromLines && item.values.length > 0);
  if (lineItems.length === 0) return;
  const interior = modeOf(lineItems.flatMap((item) => item.values.slice(1).map((value) => value.gap ?? 0)));
  const lead = modeOf(
    lineItems.filter((item) => item.labelParts.length > 0).map((item) => item.values[0]?.gap ?? 0),
  );
  const trail = modeOf(lineItems.map((item) => item.gapAfter ?? trailDefault(item)));
  for (const item of lineItems) {
    const values: ValueCell[] = [];
    item.values.forEach((value, index) => {
      if (index > 0) for (let k = extraCells(value.gap ?? 0, interior); k > 0; k--) values.push(gapBlank());
      values.push(value);
    });
    item.values = values;
    if (item.labelParts.length > 0) item.leadBlanks = extraCells(item.values[0]?.gap ?? 0, lead);
    if (item.gapAfter !== undefined) item.trailBlanks = extraCells(item.gapAfter, trail);
  }
}

/** Blank cells inserted from layout evidence; dropped again if the row then has too many cells. */
function gapBlank(): ValueCell {
  return { text: "", value: null, digits: false, unit: null, gap: -1 };
}

export function isGapBlank(cell: ValueCell): boolean {
  return cell.gap === -1;
}

function extraCells(gap: number, usual: number): number {
  return gap > usual ? Math.ceil((gap - usual) / Math.max(1, usual)) : 0;
}

function trailDefault(item: Item): number {
  return item.values.at(-1)?.gap ?? 0;
}

function modeOf(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
