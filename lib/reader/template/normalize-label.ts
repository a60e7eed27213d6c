// Labels are compared after NFKC (full-width → half-width), with whitespace, quotes and punctuation removed,
// so “（一） 予以公开”, "(一)予以公开" and "（ 一 ）予以 公开" all compare equal.
import { detachString } from "./detach-string";

/** Characters kept in a normalised label: CJK ideographs, ASCII letters and digits. */
const DROPPED = /[^\p{Script=Han}A-Za-z0-9]/gu;
const MEMO_LIMIT = 20_000;

/** The same labels and headings are normalised many times per report (table search, matching): memoised,
 * bounded so memory stays flat. NFKC plus a Unicode-property regex costs far more than a lookup. */
const NORMAL_MEMO = new Map<string, string>();

export function normalizeLabel(text: string): string {
  const known = NORMAL_MEMO.get(text);
  if (known !== undefined) return known;
  // Kept in the memo: copies that keep nothing else alive (the document the text was cut from).
  const normal = detachString(text.normalize("NFKC").replace(DROPPED, ""));
  if (NORMAL_MEMO.size >= MEMO_LIMIT) NORMAL_MEMO.clear();
  NORMAL_MEMO.set(detachString(text), normal);
  return normal;
}

/**
 * A label's leading ordinal (一、 （三） 1. …) and the normalised rest. Read on the printed text: a Chinese
 * numeral is an ordinal only with its brackets or 、 (“三方合法权益” is not “三、方合法权益”).
 */
const ORDINAL =
  /^\s*(?:[（(]\s*([一二三四五六七八九十]{1,2})\s*[）)]|([一二三四五六七八九十]{1,2})\s*[、.．]|(\d{1,2})(?!\d)\s*[.、．)）]?)/;

/** Template labels repeat in every report: split results are memoised (bounded, so memory stays flat). */
const SPLIT_MEMO = new Map<string, { ordinal: string; rest: string }>();

export function splitLabel(text: string): { ordinal: string; rest: string } {
  const known = SPLIT_MEMO.get(text);
  if (known) return known;
  const printed = text.normalize("NFKC");
  const match = ORDINAL.exec(printed);
  const split = match
    ? {
        ordinal: detachString(match[1] ?? match[2] ?? match[3] ?? ""),
        rest: normalizeLabel(printed.slice(match[0].length)),
      }
    : { ordinal: "", rest: normalizeLabel(printed) };
  if (SPLIT_MEMO.size >= MEMO_LIMIT) SPLIT_MEMO.clear();
  SPLIT_MEMO.set(detachString(text), split);
  return split;
}

/** Bigram Dice similarity in [0, 1]; tolerant of a dropped, added or swapped character or two. */
export function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const gram = a.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const gram = b.slice(i, i + 2);
    const left = counts.get(gram) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(gram, left - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}
