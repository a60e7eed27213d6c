// Digits glued without separators (“3960181”) → every split into whole numbers (no leading zeros) that
// gives the row exactly n cells, cutting one number at a time and dropping a split as soon as a complete
// group breaks its total (表三 rows of 7, 表四 groups of 5). The report's sums pick among the rest later.
import type { Cell } from "./fit-row-values";

/** Work bound: a long glued run is left to staff (as a short row) rather than searched for seconds. */
const MAX_STEPS = 30_000;
/** No count in a report runs to more digits than this. */
const MAX_CELL_DIGITS = 9;

export interface DigitSplits {
  options: Cell[][];
  /** False when the search stopped at its work bound or at `limit`: the true split may be missing. */
  complete: boolean;
}

export function splitDigitRuns(cells: readonly Cell[], n: number, limit: number, groupSize = 0): DigitSplits {
  const options: Cell[][] = [];
  const row: Cell[] = [];
  // A run may start with a minus sign (2019 本年增/减), which belongs to its first number, and end in an
  // amount's decimals, which belong to its last.
  const glued = cells.map((cell) => cell.value !== null && /^-?\d{2,}(?:\.\d+)?$/.test(cell.text.trim()));
  // Fewest cells still to come from token i on (a glued run gives at least one).
  const minAfter: number[] = Array.from({ length: cells.length + 1 }, () => 0);
  for (let i = cells.length - 1; i >= 0; i--) minAfter[i] = (minAfter[i + 1] ?? 0) + 1;
  const digitsAfter: number[] = Array.from({ length: cells.length + 1 }, () => 0);
  for (let i = cells.length - 1; i >= 0; i--)
    digitsAfter[i] = (digitsAfter[i + 1] ?? 0) + (glued[i] ? runDigits(cells[i]!.text).digits.length : 1);

  let steps = 0;
  const walk = (token: number, offset: number): void => {
    if (++steps > MAX_STEPS) return;
    if (options.length >= limit || row.length > n || !lastGroupBalances(row, groupSize)) return;
    const cell = cells[token];
    if (cell === undefined) {
      if (row.length === n) options.push([...row]);
      return;
    }
    const left = n - row.length;
    const maxLeft = (digitsAfter[token] ?? 0) - offset;
    if (left > maxLeft || left < (minAfter[token] ?? 0)) return;
    if (!glued[token]) {
      row.push(cell);
      walk(token + 1, 0);
      row.pop();
      return;
    }
    const { digits: text, negative, fraction } = runDigits(cell.text);
    const sign = negative && offset === 0 ? -1 : 1;
    const total = groupTotal(row, groupSize);
    if (total !== null) {
      // The group's last cell is its total: the one number that can come next.
      if (!text.startsWith(total, offset)) return;
      row.push({ value: Number(total), text: total, unit: null });
      if (offset + total.length === text.length) walk(token + 1, 0);
      else walk(token, offset + total.length);
      row.pop();
      return;
    }
    for (let end = offset + 1; end <= Math.min(text.length, offset + MAX_CELL_DIGITS); end++) {
      const part = text.slice(offset, end);
      if (part.length > 1 && part[0] === "0") break;
      const printed = `${sign < 0 ? "-" : ""}${part}${end === text.length ? fraction : ""}`;
      row.push({ value: Number(printed), text: printed, unit: null });
      if (totalFits(row, text.length - end, token === cells.length - 1, groupSize, n))
        if (end === text.length) walk(token + 1, 0);
        else walk(token, end);
      row.pop();
      if (options.length >= limit) return;
    }
  };
  walk(0, 0);
  return { options, complete: steps <= MAX_STEPS && options.length < limit };
}

/** A glued run's digits to cut, its sign (the first number's) and its decimals (the last number's). */
function runDigits(printed: string): { digits: string; negative: boolean; fraction: string } {
  const text = printed.trim();
  const negative = text.startsWith("-");
  const point = text.indexOf(".");
  const digits = text.slice(negative ? 1 : 0, point < 0 ? undefined : point);
  return { digits, negative, fraction: point < 0 ? "" : text.slice(point) };
}

/**
 * A row that is one glued run ending in its total (表三: 7 cells, the 7th the sum of six): once the six are
 * cut, the digits left are the total, which has as many digits as the largest part or one more.
 */
function totalFits(
  row: readonly Cell[],
  digitsLeft: number,
  lastRun: boolean,
  groupSize: number,
  n: number,
): boolean {
  if (groupSize !== n || !lastRun || row.length !== n - 1) return true;
  let longest = 0;
  for (const cell of row) longest = Math.max(longest, cell.text.length);
  return digitsLeft >= longest && digitsLeft <= longest + 1;
}

/** When the next cell closes a group, the total it must print; null otherwise. */
function groupTotal(row: readonly Cell[], groupSize: number): string | null {
  if (groupSize === 0 || row.length % groupSize !== groupSize - 1) return null;
  let sum = 0;
  for (let i = row.length - (groupSize - 1); i < row.length; i++) {
    const value = row[i]?.value;
    if (value === null || value === undefined) return null;
    sum += value;
  }
  return String(sum);
}

/** The group just completed must end in its total. */
function lastGroupBalances(row: readonly Cell[], groupSize: number): boolean {
  if (groupSize === 0 || row.length === 0 || row.length % groupSize !== 0) return true;
  const total = row[row.length - 1]?.value;
  if (total === null || total === undefined) return true;
  let sum = 0;
  for (let i = row.length - groupSize; i < row.length - 1; i++) {
    const value = row[i]?.value;
    if (value === null || value === undefined) return true;
    sum += value;
  }
  return sum === total;
}
