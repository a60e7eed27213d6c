// Rows still read several ways after each was tried alone are chosen together: every combination of their
// readings is searched (depth first, pruned as soon as a sum can no longer hold) for those under which all of
// the report's sums hold. Two rows glued in the same column decide each other only this way.
import { joinCellIds } from "@/lib/reader/template/join-cell-id";
import type { Cell } from "@/lib/reader/tables/fit-row-values";
import type { Equation } from "./list-equations";
import type { RowReading } from "./resolve-row-options";

/** Work bound: beyond it the rows are left to staff, flagged, rather than searched for long. */
const MAX_STEPS = 20_000;
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
  const relevant = equations.filter((equation) =>
    [...equation.left, ...equation.right].some((id) => owner.has(id)),
  );
  const bounds = open.map((reading) => cellBounds(reading.fit.options));
  /** Per open reading, the option index tried now; -1 while undecided. */
  const chosen: number[] = open.map(() => -1);
  const used: Set<number>[] = open.map(() => new Set());
  const order: number[] = [];
  let found = 0;
  let steps = 0;

  const valueOf = (id: string): { value: number | null; min: number; max: number } | "blank" => {
    const unknown = owner.get(id);
    if (!unknown) {
      const value = known.get(id) ?? null;
      return value === null ? "blank" : { value, min: value, max: value };
    }
    const option = open[unknown.reading]?.fit.options[chosen[unknown.reading] ?? -1];
    if (option) {
      const value = option[unknown.position]?.value ?? null;
      return value === null ? "blank" : { value, min: value, max: value };
    }
    const bound = bounds[unknown.reading]?.[unknown.position];
    return bound ? { value: null, ...bound } : "blank";
  };

  /** A sum can still hold when the known side lies within what the undecided cells can add up to. */
  const feasible = (equation: Equation): boolean => {
    let low = 0;
    let high = 0;
    for (const [ids, sign] of [
      [equation.left, 1],
      [equation.right, -1],
    ] as const) {
      for (const id of ids) {
        const cell = valueOf(id);
        if (cell === "blank") return true; // a sum with a blank cell is not checked
        low += sign === 1 ? cell.min : -cell.max;
        high += sign === 1 ? cell.max : -cell.min;
      }
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
      if (relevant.every(feasible)) walk(depth + 1);
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
  walk(0);
  return {
    used: used.map((indexes) => [...indexes].sort((a, b) => a - b)),
    complete: steps <= MAX_STEPS && found < MAX_FOUND,
  };
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
