// Digits glued without separators (“3960181”) → every split into whole numbers (no leading zeros) that
// gives the row exactly n cells, cutting one number at a time and dropping a split as soon as a complete
// group breaks its total (表三 rows of 7, 表四 groups of 5). The report's sums pick among the rest later.
import type { Cell } from "./fit-row-values";

export function splitDigitRuns(cells: readonly Cell[], n: number, limit: number, groupSize = 0): Cell[][] {
  const options: Cell[][] = [];
  const row: Cell[] = [];
  const glued = cells.map((cell) => cell.value !== null && /^\d{2,}$/.test(cell.text.trim()));
  // Fewest cells still to come from token i on (a glued run gives at least one).
  const minAfter: number[] = Array.from({ length: cells.length + 1 }, () => 0);
  for (let i = cells.length - 1; i >= 0; i--) minAfter[i] = (minAfter[i + 1] ?? 0) + 1;
  const digitsAfter: number[] = Array.from({ length: cells.length + 1 }, () => 0);
  for (let i = cells.length - 1; i >= 0; i--)
    digitsAfter[i] = (digitsAfter[i + 1] ?? 0) + (glued[i] ? cells[i]!.text.trim().length : 1);

  const walk = (token: number, offset: number): void => {
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
    const text = cell.text.trim();
    for (let end = offset + 1; end <= text.length; end++) {
      const part = text.slice(offset, end);
      if (part.length > 1 && part[0] === "0") break;
      row.push({ value: Number(part), text: part, unit: null });
      if (end === text.length) walk(token + 1, 0);
      else walk(token, end);
      row.pop();
      if (options.length >= limit) return;
    }
  };
  walk(0, 0);
  return options;
}

/** The group just completed must end in its total. */
function lastGroupBalances(row: readonly Cell[], groupSize: number): boolean {
  if (groupSize === 0 || row.length === 0 || row.length % groupSize !== 0) return true;
  const group = row.slice(row.length - groupSize);
  const total = group[groupSize - 1]?.value;
  if (total === null || total === undefined || group.some((cell) => cell.value === null)) return true;
  let sum = 0;
  for (let i = 0; i < groupSize - 1; i++) sum += group[i]?.value ?? 0;
  return sum === total;
}
