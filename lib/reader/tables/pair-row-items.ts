// Labels → the items holding their numbers. Usually the label's own item; in PDF text a row's numbers may
// sit on their own line just above or below its label (vertically centred cells), so an unlabelled line of
// numbers next to a label without numbers is paired with it.
import { matchRowLabelParts } from "@/lib/reader/template/match-row-label";
import type { RowSpec } from "@/lib/reader/template/row-catalogue";
import type { Item } from "./build-items";

/** How many items below a label its numbers may sit (wrapped label lines, repeated group labels). */
const PARTNER_REACH = 4;

export interface PairedRow {
  key: string;
  /** The item whose values are the row's; null when the row is printed without numbers. */
  item: Item | null;
  label: string;
}

export interface PairResult {
  rows: Map<string, PairedRow>;
  /** Items in range that carry numbers but no known label. */
  unmatched: Item[];
}

export function pairRowItems(
  items: readonly Item[],
  from: number,
  to: number,
  specs: readonly RowSpec[],
): PairResult {
  const rows = new Map<string, PairedRow>();
  const matches = new Map<number, RowSpec>();
  for (let i = from; i < to; i++) {
    const item = items[i];
    if (!item || item.labelParts.length === 0) continue;
    const own = matchRowLabelParts(item.labelParts, specs);
    const previous = items[i - 1];
    const wrapped =
      own === null && previous && previous.values.length === 0 && i - 1 >= from
        ? matchRowLabelParts([...previous.labelParts, ...item.labelParts], specs)
        : null;
    const match = own ?? wrapped;
    if (match) matches.set(i, match.spec);
    if (item.fromLines && item.labelParts.length > 1) markPrintedEmpty(item, specs, match?.spec, rows);
  }
  const present = new Set([...matches.values()].map((spec) => spec.key));
  const isHeading = (spec: RowSpec | undefined): boolean =>
    spec?.heading === true || (spec?.headingIf?.some((key) => present.has(key)) ?? false);
  const consumed = new Set<number>();
  const isOrphan = (index: number, key?: string): boolean => {
    const item = items[index];
    if (!item || index < from || index >= to || consumed.has(index) || item.values.length === 0) return false;
    const spec = matches.get(index);
    return spec === undefined || isHeading(spec) || spec.key === key;
  };
  /** The next numbers below a label, past wrapped-label fragments and repeated group labels. */
  const nextPartner = (index: number, key: string): number => {
    for (let j = index + 1; j < Math.min(to, index + 1 + PARTNER_REACH); j++) {
      if (isOrphan(j, key)) return j;
      const item = items[j];
      const spec = matches.get(j);
      if (!item || item.values.length > 0 || (spec && !isHeading(spec))) return -1;
    }
    return -1;
  };
  for (let i = from; i < to; i++) {
    const spec = matches.get(i);
    const item = items[i];
    if (!spec || isHeading(spec) || !item || rows.get(spec.key)?.item) continue;
    const label = item.labelParts.join(" ");
    if (item.values.length > 0) {
      consumed.add(i);
      rows.set(spec.key, { key: spec.key, item, label });
      continue;
    }
    const partner = isOrphan(i - 1) ? i - 1 : nextPartner(i, spec.key);
    if (partner >= 0) consumed.add(partner);
    rows.set(spec.key, { key: spec.key, item: items[partner] ?? null, label });
  }
  const unmatched: Item[] = [];
  for (let i = from; i < to; i++) if (isOrphan(i)) unmatched.push(items[i] as Item);
  for (const key of [...rows.keys()]) if (isHeading(specs.find((spec) => spec.key === key))) rows.delete(key);
  return { rows, unmatched };
}

/** One-cell-per-line labels piled up before a row: any that names another row means that row printed no numbers. */
function markPrintedEmpty(
  item: Item,
  specs: readonly RowSpec[],
  matched: RowSpec | undefined,
  rows: Map<string, PairedRow>,
): void {
  for (const part of item.labelParts.slice(0, -1)) {
    const spec = matchRowLabelParts([part], specs)?.spec;
    if (!spec || spec.heading || spec === matched || rows.has(spec.key)) continue;
    rows.set(spec.key, { key: spec.key, item: null, label: part });
  }
}
