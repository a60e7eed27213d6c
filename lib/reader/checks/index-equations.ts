// Equations by the cell ids they involve, built once per equation list (the lists are cached per template).
import { solveForUnknown, type Equation } from "./list-equations";

const CACHE = new WeakMap<readonly Equation[], ReadonlyMap<string, readonly Equation[]>>();

export function indexEquations(equations: readonly Equation[]): ReadonlyMap<string, readonly Equation[]> {
  const cached = CACHE.get(equations);
  if (cached) return cached;
  const index = new Map<string, Equation[]>();
  for (const equation of equations) {
    for (const id of [...equation.left, ...equation.right]) {
      const list = index.get(id) ?? [];
      list.push(equation);
      index.set(id, list);
    }
  }
  CACHE.set(equations, index);
  return index;
}

/** Whether an equation can hold: all known → equal; one blank unknown → the forced value is a count. */
export function isFeasible(
  equation: Equation,
  values: ReadonlyMap<string, number | null>,
  blanks: ReadonlySet<string>,
): boolean {
  const solved = solveForUnknown(equation, values);
  if (solved === null) return true;
  if (solved.id === null) return Math.abs(solved.value) < 1e-9;
  if (!blanks.has(solved.id)) return true;
  return solved.value >= 0 && Number.isInteger(solved.value);
}
