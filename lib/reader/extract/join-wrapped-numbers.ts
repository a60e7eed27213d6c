// A number wrapped inside a narrow table cell (“18” / “44” / “1” for 18441, centred in its row): pdf.js gives each
// printed line as an item of its own, and grouping by baseline sees the row's own line (“44”, on the row's
// baseline, the row looking complete) and lines holding nothing but digits above and below it. Those digits are
// joined back into the number they continue. The row's own part is kept too (`unwrapped`): the lines could be
// another row's numbers, so the reading lists both for the sums to choose from, or staff to check — never a
// silent “44”. The row's label may wrap onto the same lines: text on them is kept, for joinWrappedLabels.
import type { PdfItem } from "./group-pdf-items";
// The template's row labels tell a label's continuation from a row of its own.
import { matchRowLabel } from "@/lib/reader/template/match-row-label";
import { T2_ROWS } from "@/lib/reader/template/row-catalogue";

export type JoinedItem = PdfItem & {
  /** Joined from a number wrapped over lines: the part printed on the row's own line. */
  unwrapped?: string;
  /**
   * Joined from a line that lies nearer another row's line than the number it continues: the number without that
   * line and those beyond it (it may be the other row's, wrapped about that row's middle).
   */
  unjoined?: string;
  /** Next to lines joined into another row's number, which may have been this line's own (a row's wrap). */
  wrapDoubt?: boolean;
};

/** The lines of one wrapped cell lie at most this far apart (× font size): up to 1.5 line spacing. */
const WRAP_GAP = 1.6;
/** A label's lines this close (× font size) above and below a line of digits are wrapped around its numbers. */
const LABEL_AROUND = 1.0;
/**
 * A line this much nearer (× the number's line spacing) is another row's: a heading or row set right after a
 * number's last line lies about one line spacing away; a row whose short cells are centred between a tall cell's
 * lines, half of one.
 */
const NEARER = 0.75;
/** A number, or a piece of one; never an ordinal (“1.”, “3.”). */
const DIGITS = /^\d[\d,]*(?:\.\d+)?$/;
const SPACED_NUMBERS = /^\d[\d,]*(?:\.\d+)?(?: \d[\d,]*(?:\.\d+)?)+$/;
/** A row label starts with its own enumerator (一、 （三） 1.): never the continuation of another label. */
const ENUMERATED =
  /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、])/;

/** `lines`: items grouped by baseline, top of the page first. Returns the lines left, numbers joined. */
export function joinWrappedNumbers(lines: readonly JoinedItem[][]): JoinedItem[][] {
  const joined = lines.map((line) => line.flatMap(splitNumbers));
  const absorbed = new Set<number>();
  joined.forEach((row, index) => {
    if (absorbed.has(index) || !row.some(isDigits)) return;
    // How far up and down the row's wrapped numbers reach.
    const band = { top: row[0]!.y, bottom: row[0]!.y };
    for (const direction of [-1, 1] as const) {
      // Each of the row's numbers grows by the lines stacked on it; `edges` is its outermost line so far.
      const edges = new Map(row.filter(isDigits).map((item) => [item, item.y]));
      /** Numbers grown in this direction by a line that may be another row's: later lines are beyond it too. */
      const cut = new Set<JoinedItem>();
      let grown = false;
      for (let next = index + direction; joined[next]; next += direction) {
        if (absorbed.has(next)) continue;
        const other = joined[next]!;
        const stacked = other.filter((item) => row.some((own) => isDigits(own) && overlaps(own, item)));
        // A line in other columns only (a label's wrapped line) lies between the row and its number's lines.
        if (stacked.length === 0) {
          if (Math.min(...[...edges.values()].map((y) => Math.abs(y - other[0]!.y))) > gapOf(other)) break;
          continue;
        }
        const digits = other.filter(isDigits);
        const text = other.filter((item) => !isDigits(item));
        const continues =
          !labelledAround(joined, next, absorbed, row) &&
          (text.length === 0 || continuesLabel(row, text, direction));
        const targets = continues ? continuations(row, digits, edges) : null;
        if (!targets) {
          // The lines just joined lay between this row and that one: they may have been that row's.
          if (grown) joined[next] = other.map((item) => ({ ...item, wrapDoubt: true }));
          break;
        }
        grown = true;
        targets.forEach((target, position) => {
          const part = digits[position]!;
          const own = row[target]!;
          const join = (before: string) => (direction === -1 ? part.text + before : before + part.text);
          const grown: JoinedItem = { ...own, text: join(own.text), unwrapped: own.unwrapped ?? own.text };
          const nearer = nearerRow(joined, absorbed, next, direction, part, edges.get(own) ?? own.y);
          if (nearer !== null || cut.has(own)) {
            grown.unjoined = own.unjoined ?? own.text;
            cut.add(grown);
          } else if (part.unjoined !== undefined) {
            // The part was itself grown from a line that may be another row's (a bare line of digits joined
            // before this row reached it): without that line, it is only its own line's digits.
            const before = own.unjoined ?? own.text;
            grown.unjoined = direction === -1 ? part.unjoined + before : before + part.unjoined;
            cut.add(grown);
          } else if (own.unjoined !== undefined) grown.unjoined = join(own.unjoined);
          // That row's own number may have lost the line: its reading is in doubt too.
          if (nearer !== null) joined[nearer] = joined[nearer]!.map((item) => ({ ...item, wrapDoubt: true }));
          edges.set(grown, part.y);
          edges.delete(own);
          row[target] = grown;
          band.top = Math.max(band.top, part.y);
          band.bottom = Math.min(band.bottom, part.y);
        });
        if (text.length > 0) joined[next] = text;
        else absorbed.add(next);
      }
    }
    takeLinesWithin(joined, index, band, absorbed);
  });
  return joined.filter((_, index) => !absorbed.has(index));
}

/**
 * The index of a line beyond `part` (from line `at`, in `direction`) that holds text of another cell and lies
 * clearly nearer `part` than the line `part` would continue (at `edge`), or null. Rows set close without rulings centre
 * their short cells between a tall cell's lines: a line of digits nearer such a row's line than to the number's
 * own lines may be that row's number, wrapped about its middle, as well as a further line of this one.
 */
function nearerRow(
  lines: readonly JoinedItem[][],
  absorbed: ReadonlySet<number>,
  at: number,
  direction: -1 | 1,
  part: JoinedItem,
  edge: number,
): number | null {
  const reach = NEARER * Math.abs(edge - part.y);
  for (let next = at + direction; lines[next]; next += direction) {
    const line = lines[next]!;
    if (Math.abs(line[0]!.y - part.y) >= reach) return null;
    if (absorbed.has(next)) continue;
    if (line.some((item) => !overlaps(item, part))) return next;
  }
  return null;
}

/**
 * A number wrapped over two lines straddles its row's middle: the row's other numbers, set on one line centred
 * in the row, sit between its two lines, on a line of their own. Inside the wrapped number's height no other row
 * can be: a line of digits only there, in the row's other columns, is the rest of the row.
 */
function takeLinesWithin(
  lines: JoinedItem[][],
  index: number,
  band: { top: number; bottom: number },
  absorbed: Set<number>,
): void {
  const row = lines[index]!;
  for (const direction of [-1, 1] as const) {
    for (let next = index + direction; lines[next]; next += direction) {
      const y = lines[next]![0]!.y;
      if (y >= band.top || y <= band.bottom) break;
      if (absorbed.has(next)) continue;
      const other = lines[next]!;
      const apart = other.every(
        (item) => isDigits(item) && !row.some((own) => isDigits(own) && overlaps(own, item)),
      );
      if (!apart) continue;
      row.push(...other);
      absorbed.add(next);
    }
  }
}

/**
 * Text beside the digits of a line continues the row's label (wrapped with its number onto the same lines): it
 * lies in the label columns, left of the row's numbers, and is no label of its own: the lower of the two lines
 * opens with no enumerator (every row of 表三 has one) and the text names no row of 表二 (表二's rows have none;
 * the tail of a long 表三 label, “政府信息公开申请”, may well look like one of 表三's rows).
 */
function continuesLabel(row: readonly JoinedItem[], text: readonly JoinedItem[], direction: -1 | 1): boolean {
  const labels = row.filter((item) => !isDigits(item));
  const firstNumber = Math.min(...row.filter(isDigits).map((item) => item.x));
  if (labels.length === 0 || text.some((item) => item.x + item.width > firstNumber + 1)) return false;
  const words = [...text].sort((a, b) => a.x - b.x).map((item) => item.text.trim());
  const own = [...labels].sort((a, b) => a.x - b.x).map((item) => item.text.trim());
  const lower = direction === 1 ? words : own;
  if (lower.some((word) => ENUMERATED.test(word))) return false;
  return matchRowLabel(words.join(""), T2_ROWS) === null;
}

/**
 * For a line's digits, the index in `row` of the number each of its items continues — one each, in the
 * same column, one line beyond that number's edge — or null when they are not such a continuation. A row
 * continued must be the fuller line: it has a label, or more numbers (table 四 prints none).
 */
function continuations(
  row: readonly JoinedItem[],
  line: readonly JoinedItem[],
  edges: ReadonlyMap<JoinedItem, number>,
): number[] | null {
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

/**
 * pdf.js gives the numbers of neighbouring narrow cells set on one line as one item (“19 12”): one item each,
 * placed by the average advance of the item's characters. Pieces left unjoined make the same cell again.
 */
function splitNumbers(item: JoinedItem): JoinedItem[] {
  const text = item.text.trim();
  if (!SPACED_NUMBERS.test(text) || item.width <= 0) return [item];
  const advance = item.width / text.length;
  let at = 0;
  return text.split(" ").map((part) => {
    const piece = { ...item, text: part, x: item.x + at * advance, width: part.length * advance };
    at += part.length + 1;
    return piece;
  });
}

/**
 * Digits between two lines of text close above and below, in the column of the row's own label: a row of its
 * own, its label wrapped around its numbers (a group label wrapped in a column further left proves nothing).
 */
function labelledAround(
  lines: readonly JoinedItem[][],
  index: number,
  absorbed: ReadonlySet<number>,
  row: readonly JoinedItem[],
): boolean {
  const line = lines[index]!;
  const limit = LABEL_AROUND * Math.min(...line.map((item) => item.fontSize));
  const label = row.filter((item) => !isDigits(item)).sort((a, b) => b.x - a.x)[0];
  const textNear = (step: number): boolean => {
    for (let next = index + step; lines[next]; next += step) {
      if (absorbed.has(next)) continue;
      const other = lines[next]!;
      const inLabelColumn = !label || other.some((item) => overlaps(item, label));
      return !other.some(isDigits) && inLabelColumn && Math.abs(other[0]!.y - line[0]!.y) <= limit;
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
