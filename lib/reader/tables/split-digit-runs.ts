// Digits glued without separators (“3960181”) → every split into whole numbers (no leading zeros) that
// gives the row exactly n cells. The report's sums pick among them later.
import type { Cell } from "./fit-row-values";

export function splitDigitRuns(cells: readonly Cell[], n: number, limit: number): Cell[][] {
  const options: Cell[][] = [];
  const walk = (at: number, row: Cell[]): void => {
    if (options.length >= limit) return;
    const cell = cells[at];
    if (cell === undefined) {
      if (row.length === n) options.push(row);
      return;
    }
    const remaining = cells.length - at - 1;
    const text = cell.text.replace(/\s/g, "");
    const glued = cell.value !== null && /^\d{2,}$/.test(text);
    if (!glued) {
      walk(at + 1, [...row, cell]);
      return;
    }
    const maxParts = Math.min(text.length, n - row.length - remaining);
    for (let parts = 1; parts <= maxParts; parts++) {
      for (const split of splitInto(text, parts)) {
        walk(at + 1, [...row, ...split.map((part) => ({ value: Number(part), text: part, unit: null }))]);
        if (options.length >= limit) return;
      }
    }
  };
  walk(0, []);
  return options;
}

/** All ways to cut a digit string into k numbers without leading zeros. */
function splitInto(text: string, k: number): string[][] {
  if (k === 1) return isWholeNumber(text) ? [[text]] : [];
  const result: string[][] = [];
  for (let cut = 1; cut <= text.length - (k - 1); cut++) {
    const head = text.slice(0, cut);
    if (!isWholeNumber(head)) break;
    for (const tail of splitInto(text.slice(cut), k - 1)) result.push([head, ...tail]);
  }
  return result;
}

function isWholeNumber(text: string): boolean {
  return text.length > 0 && (text === "0" || text[0] !== "0");
}
