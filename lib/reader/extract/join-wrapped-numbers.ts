// A number wrapped inside a narrow table cell (“18” / “44” / “1” for 18441, centred in its row): pdf.js gives each
// printed line as an item of its own, and grouping by baseline sees the row's own line (“44”, on the row's
// baseline, the row looking complete) and lines holding nothing but digits above and below it. Those digits are
// joined back into the number they continue. The row's own part is kept too (`unwrapped`): the lines could be
// another row's numbers, so the reading lists both for the sums to choose from, or staff to check — never a
// silent “44”.
import type { PdfItem } from "./group-pdf-items";

export type JoinedItem = PdfItem & {
  /** Joined from a number wrapped over lines: the part printed on the row's own line. */
  unwrapped?: string;
};

/** The lines of one wrapped cell lie at most this far apart (× font size): up to 1.5 line spacing. */
const WRAP_GAP = 1.6;
/** A label's lines this close (× font size) above and below a line of digits are wrapped around its numbers. */
const LABEL_AROUND = 1.0;
const DIGITS = /^\d[\d,.]*$/;

/** `lines`: items grouped by baseline, top of the page first. Returns the lines left, numbers joined. */
export function joinWrappedNumbers(lines: readonly JoinedItem[][]): JoinedItem[][] {
  const joined = lines.map((line) => [...line]);
  const absorbed = new Set<number>();
  joined.forEach((row, index) => {
    if (absorbed.has(index) || !row.some(isDigits)) return;
    for (const direction of [-1, 1] as const) {
      // Each of the row's numbers grows by the lines stacked on it; `edges` is its outermost line so far.
      const edges = new Map(row.filter(isDigits).map((item) => [item, item.y]));
      for (let next = index + direction; joined[next]; next += direction) {
        if (absorbed.has(next)) continue;
        const other = joined[next]!;
        const stacked = other.filter((item) => row.some((own) => isDigits(own) && overlaps(own, item)));
        // A line in other columns only (a label's wrapped line) lies between the row and its number's lines.
        if (stacked.length === 0) {
          if (Math.min(...[...edges.values()].map((y) => Math.abs(y - other[0]!.y))) > gapOf(other)) break;
          continue;
        }
        const targets = labelledAround(joined, next, absorbed) ? null : continuations(row, other, edges);
        if (!targets) break;
        targets.forEach((target, position) => {
          const part = other[position]!;
          const own = row[target]!;
          const text = direction === -1 ? part.text + own.text : own.text + part.text;
          const grown: JoinedItem = { ...own, text, unwrapped: own.unwrapped ?? own.text };
          edges.set(grown, part.y);
          edges.delete(own);
          row[target] = grown;
        });
        absorbed.add(next);
      }
    }
  });
  return joined.filter((_, index) => !absorbed.has(index));
}

/**
 * For a line of digits only, the index in `row` of the number each of its items continues — one each, in the
 * same column, one line beyond that number's edge — or null when the line is not such a continuation. A row
 * continued must be the fuller line: it has a label, or more numbers (table 四 prints none).
 */
function continuations(
  row: readonly JoinedItem[],
  line: readonly JoinedItem[],
  edges: ReadonlyMap<JoinedItem, number>,
): number[] | null {
  if (!line.every(isDigits)) return null;
  const labelled = row.some((item) => !isDigits(item));
  if (!labelled && row.filter(isDigits).length <= line.length) return null;
  const targets: number[] = [];
  for (const part of line) {
    const matches = row.flatMap((own, index) => (isDigits(own) && overlaps(own, part) ? [index] : []));
    const target = matches[0];
    if (matches.length !== 1 || target === undefined || targets.includes(target)) return null;
    const edge = edges.get(row[target]!) ?? row[target]!.y;
    if (Math.abs(edge - part.y) > WRAP_GAP * Math.min(part.fontSize, row[target]!.fontSize)) return null;
    targets.push(target);
  }
  return targets;
}

/** Digits between two lines of text close above and below: a row of its own, its label wrapped around them. */
function labelledAround(
  lines: readonly JoinedItem[][],
  index: number,
  absorbed: ReadonlySet<number>,
): boolean {
  const line = lines[index]!;
  const limit = LABEL_AROUND * Math.min(...line.map((item) => item.fontSize));
  const textNear = (step: number): boolean => {
    for (let next = index + step; lines[next]; next += step) {
      if (absorbed.has(next)) continue;
      const other = lines[next]!;
      return !other.some(isDigits) && Math.abs(other[0]!.y - line[0]!.y) <= limit;
    }
    return false;
  };
  return textNear(-1) && textNear(1);
}

function isDigits(item: PdfItem): boolean {
  return DIGITS.test(item.text.trim());
}

function overlaps(a: PdfItem, b: PdfItem): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width;
}

function gapOf(line: readonly PdfItem[]): number {
  return WRAP_GAP * Math.min(...line.map((item) => item.fontSize));
}
