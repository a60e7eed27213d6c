// An item's printed values → the row's n cells. When the count is right the reading is certain. Otherwise
// the layout's own evidence is used (grid positions, PDF x positions, blank lines), then the possible
// readings are listed — glued digit runs split every valid way, or a short row's blank placed in every
// column, a number joined from the lines it wrapped over also read without them — for the report's sums to
// choose from (see resolve-row-options).
import type { Item, ValueCell } from "./build-items";
import { isGapBlank } from "./mark-line-gaps";
import { splitDigitRuns } from "./split-digit-runs";
import { bandOf, type ColumnBand } from "./find-column-bands";
import type { Unwrapped } from "./split-cell";

/** One cell of a reading. An item's value cells (ValueCell, a superset) are their readings' cells as they are: no copy. */
export interface Cell {
  value: number | null;
  text: string;
  unit: string | null;
  /** Joined from lines the number wrapped over (PDF): the reading without them. */
  unwrapped?: Unwrapped;
  /** Joined from a line that may be another row's (PDF): the reading without it. */
  unjoined?: Unwrapped;
}

export type FitIssue = "ROW_EMPTY" | "ROW_SHORT" | "ROW_LONG" | "DIGITS_AMBIGUOUS" | "DIGITS_WRAPPED" | null;

export interface RowFit {
  /** Possible readings of the row, each of exactly n cells; one when the reading is certain. */
  options: Cell[][];
  /** What made the reading uncertain when there are several options (or the row is empty/long). */
  issue: FitIssue;
  /** Readings listed only in part (glued digits, blanks to place): even one left by the sums is not certain. */
  partial?: boolean;
  /** Read by splitting glued digits: the split rests on the sums, not on the layout. */
  glued?: boolean;
  /** Why every cell of the row is in doubt even when one reading remains (a message for staff). */
  doubt?: string;
}

/** Cap on listed readings: beyond it the row is left to staff rather than enumerated. */
const MAX_OPTIONS = 400;
const WRAP_DOUBT = "表格无框线，本行数字与相邻行的数字上下紧挨，可能是同一个数字在单元格内折行";
const WRAPPED_DOUBT = "多个数字在单元格内折成多行，无法逐一确定各行是否属于该单元格";

/**
 * groupSize: the row is groups of cells each ending in its total (表三 7, 表四 5); 0 when it is not.
 * bands: PDF text without rulings — the value columns' extents, from their headings (find-column-bands.ts).
 */
export function fitRowValues(
  item: Item,
  n: number,
  bands?: readonly ColumnBand[] | null,
  groupSize = 0,
): RowFit {
  const fit = addUnwrappedReadings(fitPrintedValues(item, n, bands ?? undefined, groupSize));
  if (!item.wrapDoubt || fit.issue === "ROW_EMPTY") return fit;
  return { ...fit, issue: fit.issue ?? "DIGITS_WRAPPED", doubt: fit.doubt ?? WRAP_DOUBT };
}

function fitPrintedValues(item: Item, n: number, bands?: readonly ColumnBand[], groupSize = 0): RowFit {
  let values = item.values;
  if (values.every((value) => value.value === null)) return { options: [blankRow(n)], issue: "ROW_EMPTY" };
  if (values.length > n) values = values.filter((value) => !isGapBlank(value));
  if (values.length > n) values = trimBlankEnds(values, n);
  if (values.length > n) return { options: [values.slice(0, n)], issue: "ROW_LONG" };
  if (values.length === n) return { options: [values.slice()], issue: null };
  const missing = n - values.length;
  if (bands?.length === n) {
    const placed = placeByBands(values, bands);
    if (placed) return { options: [placed], issue: null };
  }
  // Empty cells printed before or after the numbers are the layout's own evidence of where the blanks are.
  if (item.leadBlanks + item.trailBlanks === missing) {
    const cells = [...blankRow(item.leadBlanks), ...values, ...blankRow(item.trailBlanks)];
    return { options: [cells], issue: null };
  }
  // Glued rows print few long digit runs (blank marks may sit between them); one value per line never glues.
  const glued = values.length <= Math.ceil(n / 2) && values.some((value) => value.digits);
  // PDF text prints a blank cell as nothing at all: “45 7” under three columns is a blank beside 45 as likely
  // as 4|5 glued, so both kinds of reading are listed for the sums (and staff) to choose from.
  const pdfText = values.every((value) => value.x !== undefined);
  if (glued && !item.fromLines && pdfText) {
    const split = splitDigitRuns(values, n, MAX_OPTIONS, groupSize);
    const blanks = placeBlanks(values, n);
    const options = [...split.options, ...blanks];
    const partial = split.complete && blanks.length < MAX_OPTIONS ? {} : { partial: true };
    if (options.length === 1 && !("partial" in partial)) return { options, issue: null };
    return { options, issue: "ROW_SHORT", ...partial };
  }
  if (glued && !item.fromLines) {
    const { options, complete } = splitDigitRuns(values, n, MAX_OPTIONS, groupSize);
    const partial = complete ? {} : { partial: true };
    if (options.length === 1 && complete) return { options, issue: null, glued: true };
    if (options.length >= 1) return { options, issue: "DIGITS_AMBIGUOUS", glued: true, ...partial };
    // No split fits the sums (or the run is too long to search): unreadable, never guessed.
    return { options: [blankRow(n)], issue: "DIGITS_AMBIGUOUS" };
  }
  const options = placeBlanks(values, n);
  // Listed only in part (too many ways to place the blanks): the true reading may be among those left out.
  return { options, issue: "ROW_SHORT", ...(options.length >= MAX_OPTIONS ? { partial: true } : {}) };
}

/**
 * Lines of digits joined to a number they seemed to continue (a number wrapped in a narrow cell) may belong to
 * another row: each reading is listed again with the number as printed on the row's own line, and without the
 * lines lying nearer another row (`unjoined`), after the joined one — for the sums to settle, and flagged when
 * they cannot (表二 has no sums).
 */
function addUnwrappedReadings(fit: RowFit): RowFit {
  if (!fit.options.some((option) => option.some((cell) => cell.unwrapped))) return fit;
  const options: Cell[][] = [];
  for (const option of fit.options) {
    let variants: Cell[][] = [option];
    option.forEach((cell, position) => {
      const readings = [cell.unjoined, cell.unwrapped].filter((reading) => reading !== undefined);
      if (readings.length === 0) return;
      const others = readings.map((own) => ({ value: own.value, text: own.text, unit: cell.unit }));
      variants = variants.flatMap((variant) => [
        variant,
        ...others.map((alone) => variant.map((other, index) => (index === position ? alone : other))),
      ]);
    });
    options.push(...variants);
  }
  // Too many to list: the joined readings stand, every cell of the row in doubt.
  if (options.length > MAX_OPTIONS) return { ...fit, doubt: WRAPPED_DOUBT };
  return { ...fit, options, issue: fit.issue ?? "DIGITS_WRAPPED" };
}

export function blankRow(n: number): Cell[] {
  return Array.from({ length: n }, () => ({ value: null, text: "", unit: null }));
}

function trimBlankEnds(values: readonly ValueCell[], n: number): ValueCell[] {
  let start = 0;
  let end = values.length;
  while (end - start > n && values[end - 1]?.value === null) end--;
  while (end - start > n && values[start]?.value === null) start++;
  return values.slice(start, end);
}

/**
 * Each value goes to the one column whose band its extent overlaps; fails (the placement is not certain) when a
 * value's extent is unknown, overlaps no band or two, or two values claim one column.
 */
function placeByBands(values: readonly ValueCell[], bands: readonly ColumnBand[]): Cell[] | null {
  const cells = blankRow(bands.length);
  const taken = new Set<number>();
  for (const value of values) {
    if (value.x === undefined || value.right === undefined) return null;
    const column = bandOf({ left: value.x, right: value.right }, bands);
    if (column === null || taken.has(column)) return null;
    taken.add(column);
    cells[column] = value;
  }
  return cells;
}

/** Every way of putting the missing blank cells among the printed ones, in order. */
function placeBlanks(cells: readonly Cell[], n: number): Cell[][] {
  const options: Cell[][] = [];
  const walk = (at: number, row: Cell[]): void => {
    if (options.length >= MAX_OPTIONS) return;
    const left = cells.length - at;
    if (row.length + left === n) {
      options.push([...row, ...cells.slice(at)]);
      return;
    }
    if (row.length === n) return;
    // Printed numbers first, so the first reading leaves the blank at the end: a blank 总计 is the commonest.
    const next = cells[at];
    if (next) walk(at + 1, [...row, next]);
    walk(at, [...row, { value: null, text: "", unit: null }]);
  };
  walk(0, []);
  return options;
}
