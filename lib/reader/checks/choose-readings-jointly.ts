// Rows still read several ways after each was tried alone are chosen together: every combination of their
// readings is searched (depth first, pruned as soon as a sum can no longer hold) for those under which all of
// the report's sums hold. Two rows glued in the same column decide each other only this way.
import { joinCellIds } from "@/lib/reader/template/join-cell-id";
import type { Cell } from "@/lib/reader/tables/fit-row-values";
import type { Equation } from "./list-equations";
import type { RowReading } from "./resolve-row-options";

/** Work bound: beyond it the rows are left to staff, flagged, rather than searched for long. */
const MAX_STEPS = 20_000;
/**
 * The same for the readings tried at those steps (each row lists up to hundreds): a search of 24 rows of 21–105
 * readings each tried 2.1 million within its steps (a LibreOffice print: ~0.5 s); four million bound any
 * search to about a second.
 */
const MAX_CHECKS = 4_000_000;
/** Enough consistent combinations to tell which cells they disagree on. */
const MAX_FOUND = 16;

export interface JointChoice {
  /** Per open reading, the indexes of its options used by some consistent combination (first one first). */
  used: number[][];
  /** False when the search hit its bound: nothing may be concluded from it. */
  complete: boolean;
}

interface Unknown {
  reading: number;
  position: number;
}

export function chooseReadingsJointly(
  open: readonly RowReading[],
  known: ReadonlyMap<string, number | null>,
  equations: readonly Equation[],
): JointChoice {
  const owner = new Map<string, Unknown>();
  open.forEach((reading, index) =>
    joinCellIds(reading.key, reading.columns).forEach((id, position) =>
      owner.set(id, { reading: index, position }),
    ),
  );
  // Each sum through an open row as its terms, looked up once rather than at every step of the search. A sum
  // through a blank cell of a settled row is not checked at all.
  const sums = equations.flatMap((equation) => {
    if (![...equation.left, ...equation.right].some((id) => owner.has(id))) return [];
    const terms: Term[] = [];
    for (const [ids, sign] of [
      [equation.left, 1],
      [equation.right, -1],
    ] as const)
      for (const id of ids) {
        const unknown = owner.get(id);
        const value = unknown ? null : (known.get(id) ?? null);
        if (!unknown && value === null) return [];
        terms.push(unknown ? { sign, ...unknown } : { sign, reading: -1, position: -1, value: value! });
      }
    return [terms];
  });
  // A choice of one row's reading can only break the sums through that row: the others held before it.
  const sumsOf = open.map((_, index) => sums.filter((terms) => terms.some((term) => term.reading === index)));
  const bounds = open.map((reading) => cellBounds(reading.fit.options));
  /** Per open reading, the option index tried now; -1 while undecided. */
  const chosen: number[] = open.map(() => -1);
  const used: Set<number>[] = open.map(() => new Set());
  const order: number[] = [];
  let found = 0;
  let steps = 0;
  let checks = 0;

  /** A sum can still hold when the known side lies within what the undecided cells can add up to. */
  const feasible = (terms: readonly Term[]): boolean => {
    let low = 0;
    let high = 0;
    for (const term of terms) {
      let min: number;
      let max: number;
      if (term.reading < 0) min = max = term.value!;
      else {
        const option = open[term.reading]!.fit.options[chosen[term.reading]!];
        if (option) {
          const value = option[term.position]?.value ?? null;
          if (value === null) return true; // a sum with a blank cell is not checked
          min = max = value;
        } else {
          const bound = bounds[term.reading]![term.position];
          if (!bound) return true;
          ({ min, max } = bound);
        }
      }
      low += term.sign === 1 ? min : -max;
      high += term.sign === 1 ? max : -min;
    }
    return low <= 1e-9 && high >= -1e-9;
  };

  const walk = (depth: number): void => {
    if (found >= MAX_FOUND || ++steps > MAX_STEPS) return;
    if (depth === open.length) {
      found++;
      order.forEach((reading) => used[reading]?.add(chosen[reading] ?? 0));
      return;
    }
    const reading = order[depth]!;
    const options = open[reading]!.fit.options;
    for (let index = 0; index < options.length; index++) {
      chosen[reading] = index;
      if (++checks > MAX_CHECKS) steps = MAX_STEPS + 1;
      else if (sumsOf[reading]!.every(feasible)) walk(depth + 1);
      if (found >= MAX_FOUND || steps > MAX_STEPS) break;
    }
    chosen[reading] = -1;
  };

  // Rows with the fewest readings first: they narrow the bounds of the rest soonest.
  order.push(
    ...open
      .map((_, index) => index)
      .sort((a, b) => open[a]!.fit.options.length - open[b]!.fit.options.length),
  );
  // Sums that cannot hold whatever the rows read: no combination does (one step, as a search finding none).
  if (sums.every(feasible)) walk(0);
  else steps++;
  return {
    used: used.map((indexes) => [...indexes].sort((a, b) => a - b)),
    complete: steps <= MAX_STEPS && found < MAX_FOUND,
  };
}

/** One cell of a sum: an open row's cell (`reading` ≥ 0), or a known value. */
interface Term {
  sign: 1 | -1;
  reading: number;
  position: number;
  value?: number;
}

/** Per column of a row, the least and greatest value its readings give (null when any leaves it blank). */
function cellBounds(options: readonly (readonly Cell[])[]): ({ min: number; max: number } | null)[] {
  const width = options[0]?.length ?? 0;
  return Array.from({ length: width }, (_, position) => {
    let min = Infinity;
    let max = -Infinity;
    for (const option of options) {
      const value = option[position]?.value ?? null;
      if (value === null) return null;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return { min, max };
  });
}
