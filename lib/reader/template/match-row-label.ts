// Which template row a printed label names: exact label, a key phrase, or a close fuzzy match (typos such as
// 行政止公开), with the printed ordinal as a tie-breaker. Labels wrapped over several cells are tried as
// suffixes: the shortest suffix that matches wins, so headers piled before a row do not mislead.
import { detachString } from "./detach-string";
import { diceSimilarity, splitLabel } from "./normalize-label";
import type { RowSpec } from "./row-catalogue";

const MIN_SCORE = 0.55;
const FUZZY_FLOOR = 0.6;
/** Labels much longer than the template's are prose, not row labels. */
const MAX_EXTRA_CHARS = 12;

export interface RowMatch {
  spec: RowSpec;
  score: number;
}

/** Labels repeat across reports: matches are memoised per catalogue (bounded, so memory stays flat). */
const MEMO = new WeakMap<readonly RowSpec[], Map<string, RowMatch | null>>();
const MEMO_LIMIT = 20_000;
/** The longest template label, spaced out, is well under this: longer text is prose. */
const MAX_LABEL_CHARS = 100;

export function matchRowLabel(label: string, rows: readonly RowSpec[]): RowMatch | null {
  if (label.length > MAX_LABEL_CHARS) return null;
  const { ordinal, rest } = splitLabel(label);
  const key = `${ordinal}|${rest}`;
  let memo = MEMO.get(rows);
  if (!memo) MEMO.set(rows, (memo = new Map()));
  const known = memo.get(key);
  if (known !== undefined) return known;
  const match = scoreRows(ordinal, rest, rows);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(detachString(key), match);
  return match;
}

function scoreRows(ordinal: string, rest: string, rows: readonly RowSpec[]): RowMatch | null {
  if (rest.length === 0) return null;
  let best: RowMatch | null = null;
  for (const spec of rows) {
    const score = scoreRow(spec, ordinal, rest);
    if (score >= MIN_SCORE && (best === null || score > best.score)) best = { spec, score };
  }
  return best;
}

const NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** “3.” and “（三）” are the same ordinal: reports mix numbering styles. */
function sameOrdinal(a: string, b: string): boolean {
  if (a === b) return true;
  const value = (ordinal: string) => (/^\d+$/.test(ordinal) ? Number(ordinal) : NUMERALS.indexOf(ordinal));
  return a !== "" && b !== "" && value(a) === value(b) && value(a) > 0;
}

function scoreRow(spec: RowSpec, ordinal: string, rest: string): number {
  if (rest.length > spec.full.length + MAX_EXTRA_CHARS) return 0;
  const same = sameOrdinal(ordinal, spec.ordinal);
  const ordinalBonus = ordinal === "" || spec.ordinal === "" ? 0 : same ? 0.05 : -0.2;
  if (spec.needsOrdinal) {
    if (rest !== spec.full) return 0;
    return same ? 1 : 0;
  }
  if (rest === spec.full) return 1 + ordinalBonus;
  if (spec.cores.some((core) => rest.includes(core))) return 0.9 + ordinalBonus;
  // Dice can only reach 2·min/(a+b): skip labels whose length alone rules a match out.
  const shorter = Math.min(rest.length, spec.full.length) - 1;
  if ((2 * shorter) / (rest.length + spec.full.length - 2) < FUZZY_FLOOR) return 0;
  const similarity = diceSimilarity(rest, spec.full);
  return similarity >= FUZZY_FLOOR ? similarity * 0.9 + ordinalBonus : 0;
}

/** Only the last three parts count; they repeat across reports, so whole answers are memoised too. */
const PARTS_MEMO = new WeakMap<readonly RowSpec[], Map<string, RowMatch | null>>();
const PARTS_SEPARATOR = "\u0000";

/** Try the label parts of a row from the last one backwards (“（三）不予公开 | 1.属于国家秘密”, wrapped labels). */
export function matchRowLabelParts(labelParts: readonly string[], rows: readonly RowSpec[]): RowMatch | null {
  const last = labelParts.length <= 3 ? labelParts : labelParts.slice(-3);
  // A part holding the separator itself could collide with another split: not memoised.
  if (last.some((part) => part.includes(PARTS_SEPARATOR))) return matchLastParts(last, rows);
  // One part (most rows) is its own key: the same string join would build.
  const key = last.length === 1 ? (last[0] as string) : last.join(PARTS_SEPARATOR);
  let memo = PARTS_MEMO.get(rows);
  if (!memo) PARTS_MEMO.set(rows, (memo = new Map()));
  const known = memo.get(key);
  if (known !== undefined) return known;
  const match = matchLastParts(last, rows);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(detachString(key), match);
  return match;
}

function matchLastParts(last: readonly string[], rows: readonly RowSpec[]): RowMatch | null {
  const parts = last.flatMap(splitAtOrdinals);
  for (let take = 1; take <= Math.min(parts.length, 3); take++) {
    const match = matchRowLabel(parts.slice(parts.length - take).join(""), rows);
    if (match) return match;
  }
  return null;
}

/** “三、本年度办理结果 （一）予以公开” printed in one cell → the heading and the row label, separately. */
const INNER_ORDINAL =
  /(?<=\S)\s*(?=[（(]\s*[一二三四五六七八九十]{1,2}\s*[）)]|(?<![\d.])\d{1,2}\s*[.、．](?!\d))/u;

function splitAtOrdinals(part: string): string[] {
  return INNER_ORDINAL.test(part) ? part.split(INNER_ORDINAL).filter((piece) => piece.trim() !== "") : [part];
}
