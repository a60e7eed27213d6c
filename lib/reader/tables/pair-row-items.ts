// Labels → the numbers that belong to them. The items are flattened into a sequence of label lines and
// groups of numbers. A label's numbers are usually the group right after it; in PDF text they may sit just
// above it, or below it past a wrapped line or a group label printed in the middle of its sub-rows
// (vertically centred cells). A label wrapped over two lines is read as one when the second line does not
// start a new label (no ordinal of its own).
import { matchRowLabel, matchRowLabelParts } from "@/lib/reader/template/match-row-label";
import { splitLabel } from "@/lib/reader/template/normalize-label";
import type { RowSpec } from "@/lib/reader/template/row-catalogue";
import type { Item } from "./build-items";

/** How many entries below a label its numbers may sit (wrapped label lines, repeated group labels). */
const PARTNER_REACH = 5;

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

type Entry = { kind: "label"; text: string; item: Item; spec?: RowSpec } | { kind: "values"; item: Item };

export function pairRowItems(
  items: readonly Item[],
  from: number,
  to: number,
  specs: readonly RowSpec[],
): PairResult {
  const entries = flatten(items, from, to);
  matchLabels(entries, specs);
  // Loops rather than flatMap, here and below: an array per entry is garbage on the hot path of every report.
  const present = new Set<string>();
  for (const entry of entries) if (entry.kind === "label" && entry.spec) present.add(entry.spec.key);
  const isHeading = (spec: RowSpec | undefined): boolean =>
    spec?.heading === true || (spec?.headingIf?.some((key) => present.has(key)) ?? false);
  const rowOf = (entry: Entry | undefined): RowSpec | undefined =>
    entry?.kind === "label" && entry.spec && !isHeading(entry.spec) ? entry.spec : undefined;
  const consumed = new Set<number>();
  /** Numbers whose own label (the label line right before, in the same item) names no other row. */
  const isOrphan = (index: number, key?: string): boolean => {
    const entry = entries[index];
    if (entry?.kind !== "values" || consumed.has(index)) return false;
    const before = entries[index - 1];
    const owner = before?.kind === "label" && before.item === entry.item ? rowOf(before) : undefined;
    return owner === undefined || owner.key === key;
  };
  const rows = new Map<string, PairedRow>();
  entries.forEach((entry, index) => {
    const spec = rowOf(entry);
    if (!spec || entry.kind !== "label" || rows.get(spec.key)?.item) return;
    const partner = findPartner(entries, index, spec.key, isOrphan, rowOf);
    if (partner >= 0) consumed.add(partner);
    rows.set(spec.key, { key: spec.key, item: entries[partner]?.item ?? null, label: entry.text });
  });
  const unmatched: Item[] = [];
  entries.forEach((entry, index) => {
    if (isOrphan(index)) unmatched.push(entry.item);
  });
  return { rows, unmatched };
}

function findPartner(
  entries: readonly Entry[],
  index: number,
  key: string,
  isOrphan: (index: number, key?: string) => boolean,
  rowOf: (entry: Entry | undefined) => RowSpec | undefined,
): number {
  const next = entries[index + 1];
  if (next?.kind === "values" && next.item === entries[index]?.item)
    return isOrphan(index + 1, key) ? index + 1 : -1;
  if (isOrphan(index - 1)) return index - 1;
  for (let j = index + 1; j < Math.min(entries.length, index + 1 + PARTNER_REACH); j++) {
    if (isOrphan(j, key)) return j;
    const entry = entries[j];
    const other = rowOf(entry);
    if (entry?.kind === "values" || (other && other.key !== key)) return -1;
  }
  return -1;
}

function flatten(items: readonly Item[], from: number, to: number): Entry[] {
  const entries: Entry[] = [];
  for (let i = from; i < to; i++) {
    const item = items[i];
    if (!item) continue;
    for (const text of item.labelParts) entries.push({ kind: "label", text, item });
    if (item.values.length > 0) entries.push({ kind: "values", item });
  }
  return entries;
}

/** Each label line on its own, or joined to the line above when it continues that label. */
function matchLabels(entries: Entry[], specs: readonly RowSpec[]): void {
  entries.forEach((entry, index) => {
    if (entry.kind !== "label") return;
    const head = continuedLabel(entries, index);
    const joined = head ? matchRowLabel(`${head.text}${entry.text}`, specs) : null;
    const own = joined ? null : matchRowLabelParts([entry.text], specs);
    const spec = (joined ?? own)?.spec;
    if (spec) entry.spec = spec;
  });
}

/** The label line this one continues: the label just above (or above a line of bare numbers), if it starts a label. */
function continuedLabel(entries: readonly Entry[], index: number): { text: string } | null {
  const entry = entries[index];
  if (entry?.kind !== "label" || hasOrdinal(entry.text)) return null;
  let above = entries[index - 1];
  if (above?.kind === "values") {
    // Past the numbers: to their own label (“2.其他法 0 0 …” then “律行政止公开”), or over bare numbers.
    const owner = entries[index - 2];
    above =
      owner?.kind === "label" && (owner.item === above.item || above.item.labelParts.length === 0)
        ? owner
        : undefined;
  }
  return above?.kind === "label" && hasOrdinal(above.text) ? above : null;
}

function hasOrdinal(text: string): boolean {
  return splitLabel(text).ordinal !== "";
}
