// Evaluates a metric formula over one report's cells. Strict about nulls (spec/metrics.md: "a metric whose
// inputs are null for a report is null for it, not 0"): one unprinted input makes the result null.
import type { Formula } from "@/lib/metrics/metric-dictionary";

export type CellValues = Readonly<Record<string, number | null | undefined>>;

export function evaluateFormula(formula: Formula, cells: CellValues): number | null {
  let result = 0;
  for (const id of formula.plus) {
    const value = cells[id];
    if (value === null || value === undefined) return null;
    result += value;
  }
  for (const id of formula.minus ?? []) {
    const value = cells[id];
    if (value === null || value === undefined) return null;
    result -= value;
  }
  // Amounts carry up to 4 decimals; keep sums free of binary noise (0.1 + 0.2).
  return Math.round(result * 10_000) / 10_000;
}
