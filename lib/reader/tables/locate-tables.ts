// Where tables 二, 三 and 四 lie in the item list: by their headings, or by their first row when a heading is
// missing (HTML fragments, tables pasted without section titles).
import { normalizeLabel } from "@/lib/reader/template/normalize-label";
import { matchRowLabelParts } from "@/lib/reader/template/match-row-label";
import { T2_ROWS, T3_ROWS } from "@/lib/reader/template/row-catalogue";
import type { Item } from "./build-items";

export interface TableRanges {
  t2: [number, number] | null;
  t3: [number, number] | null;
  t4: [number, number] | null;
}

/** “四、政府信息公开行政复议、行政诉讼情况”, its variant “…因政府信息公开工作被申请行政复议…”, or the header cell. */
const T4_HEADING =
  /^四?(?:政府信息公开|因政府信息公开工作被申请)?行政复议(?:行政诉讼|提起行政诉讼)?(?:情况)?$/;

/**
 * Every heading searched for below holds one of these characters (收 of 收到和处理, 条 of 第二十条, 主 of 主动公开,
 * 复 of 行政复议, 问 of 存在的主要问题, 项 of 需要报告的事项), and NFKC makes none of them from any other character
 * (locate-tables.test.ts checks every code point): a label part without one cannot match any heading, and is not
 * normalised — most parts of a report (its rows' labels, its prose) are not.
 */
const HEADING_CHARS = /[收条主复问项]/;

export function locateTables(items: readonly Item[]): TableRanges {
  // The searches below pass over the same items (t2's and t3's from the start): each item's label parts are
  // normalised once, on the first search that reaches it ("" for a part that can be no heading).
  const normalized: (readonly string[] | undefined)[] = [];
  const has = (at: number, pattern: RegExp) => {
    let parts = normalized[at];
    if (parts === undefined) normalized[at] = parts = (items[at] as Item).labelParts.map(headingText);
    return parts.some((part) => pattern.test(part));
  };
  const find = (from: number, test: (item: Item, at: number) => boolean): number => {
    for (let i = Math.max(0, from); i < items.length; i++) if (test(items[i] as Item, i)) return i;
    return -1;
  };
  let t3 = find(0, (_item, at) => has(at, /^三?收到和处理政府信息公开申请情况$/));
  if (t3 < 0)
    t3 = find(
      0,
      (item) => item.values.length > 0 && matchRowLabelParts(item.labelParts, T3_ROWS)?.spec.key === "t3.new",
    );
  let t2 = find(0, (_item, at) => has(at, /^第二十条|^二?主动公开政府信息情况$/));
  if (t2 < 0 || (t3 >= 0 && t2 > t3)) t2 = find(0, (item) => item.values.length > 0 && isStrictTwoRow(item));
  const t4 = find(Math.max(t3, t2, 0), (_item, at) => has(at, T4_HEADING));
  const end = find(Math.max(t4, t3, t2, 0), (_item, at) =>
    has(at, /^(五|六)?(?:政府信息公开工作)?存在的主要问题|^其他需要报告的事项/),
  );
  const stop = (from: number, ...candidates: number[]) =>
    Math.min(...candidates.filter((index) => index > from), end > from ? end : items.length, items.length);
  return {
    t2: t2 >= 0 ? [t2, stop(t2, t3, t4)] : null,
    t3: t3 >= 0 ? [t3, stop(t3, t4)] : null,
    t4: t4 >= 0 ? [t4, stop(t4)] : null,
  };
}

/** A label part normalised for the heading searches, or "" when it holds none of HEADING_CHARS. */
function headingText(part: string): string {
  return HEADING_CHARS.test(part) ? normalizeLabel(part) : "";
}

function isStrictTwoRow(item: Item): boolean {
  const match = matchRowLabelParts(item.labelParts, T2_ROWS);
  return match !== null && match.score >= 0.9;
}
