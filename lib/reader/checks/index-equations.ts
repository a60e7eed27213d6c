// Equations by the cell ids they involve, built once per template version.
import type { TemplateVersion } from "@/lib/reader/types";
import { listEquations, type Equation } from "./list-equations";

const CACHE = new Map<TemplateVersion, ReadonlyMap<string, readonly Equation[]>>();

export function indexEquations(template: TemplateVersion): ReadonlyMap<string, readonly Equation[]> {
  const cached = CACHE.get(template);
  if (cached) return cached;
  const index = new Map<string, Equation[]>();
  for (const equation of listEquations(template)) {
    for (const id of [...equation.left, ...equation.right]) {
      const list = index.get(id) ?? [];
      list.push(equation);
      index.set(id, list);
    }
  }
  CACHE.set(template, index);
  return index;
}

/** Whether an equation can hold: all known → equal; one blank unknown → the forced value is a count. */
export function isFeasible(
  equation: Equation,
  values: ReadonlyMap<string, number | null>,
  blanks: ReadonlySet<string>,
): boolean {
  let left = 0;
  let right = 0;
  let unknown: { id: string; side: "left" | "right" } | null = null;
  let unknownCount = 0;
  for (const [ids, side] of [
    [equation.left, "left"],
    [equation.right, "right"],
  ] as const) {
    for (const id of ids) {
      const value = values.get(id);
      if (value === null || value === undefined) {
        unknownCount++;
        unknown = { id, side };
        continue;
      }
      if (side === "left") left += value;
      else right += value;
    }
  }
  if (unknownCount === 0) return Math.abs(left - right) < 1e-9;
  if (unknownCount > 1 || unknown === null || !blanks.has(unknown.id)) return true;
  const forced = unknown.side === "left" ? right - left : left - right;
  return forced >= 0 && Number.isInteger(forced);
}
