// The 勾稽 rules 1–4 of the template as data: Σ left = Σ right over cell ids. Used to check a report, to
// infer blank cells the sums force, and to choose among possible readings of a glued or short row.
import {
  DENIED_ROWS,
  REJECTED_ROWS,
  T3_COLUMNS,
  T4_COLUMNS,
  T4_GROUPS,
  UNABLE_ROWS,
} from "@/lib/reader/template/row-catalogue";
import { joinCellId } from "@/lib/reader/template/join-cell-id";
import type { TemplateVersion } from "@/lib/reader/types";

export type RuleCode = "RULE_BALANCE" | "RULE_OUTCOME_SUM" | "RULE_ROW_TOTAL" | "RULE_T4_TOTAL";

export interface Equation {
  code: RuleCode;
  left: readonly string[];
  right: readonly string[];
}

export const OTHER_SUB_ROWS = ["t3.other.no_correction", "t3.other.no_fee", "t3.other.misc"] as const;
const OUTCOME_ROWS = [
  "t3.granted",
  "t3.partial",
  ...DENIED_ROWS,
  ...UNABLE_ROWS,
  ...REJECTED_ROWS,
  "t3.other",
];

/** Every row of table 三 that prints seven numbers, in template order. */
export function listTableThreeRows(template: TemplateVersion): string[] {
  const subRows = template === "2021" ? [...OTHER_SUB_ROWS] : [];
  return ["t3.new", "t3.carried", ...OUTCOME_ROWS, ...subRows, "t3.outcome_total", "t3.carry_forward"];
}

const CACHE = new Map<TemplateVersion, Equation[]>();

export function listEquations(template: TemplateVersion): readonly Equation[] {
  const cached = CACHE.get(template);
  if (cached) return cached;
  // Ids by joinCellId: the very strings the readings' cells are keyed by, so every lookup of an equation's
  // cells (sums are taken many times per report) finds its key by identity, not by comparing characters.
  const equations: Equation[] = [];
  for (const column of T3_COLUMNS) {
    const at = (row: string) => joinCellId(row, column);
    equations.push({
      code: "RULE_BALANCE",
      left: [at("t3.new"), at("t3.carried")],
      right: [at("t3.outcome_total"), at("t3.carry_forward")],
    });
    equations.push({ code: "RULE_OUTCOME_SUM", left: [at("t3.outcome_total")], right: OUTCOME_ROWS.map(at) });
    // 2021: （六） is the sum of its three sub-rows (checked only when both are printed: sums skip blanks).
    if (template === "2021")
      equations.push({ code: "RULE_OUTCOME_SUM", left: [at("t3.other")], right: OTHER_SUB_ROWS.map(at) });
  }
  for (const row of listTableThreeRows(template)) {
    equations.push({
      code: "RULE_ROW_TOTAL",
      left: [joinCellId(row, "total")],
      right: T3_COLUMNS.filter((column) => column !== "total").map((column) => joinCellId(row, column)),
    });
  }
  for (const group of T4_GROUPS) {
    equations.push({
      code: "RULE_T4_TOTAL",
      left: [joinCellId(`t4.${group}`, "total")],
      right: T4_COLUMNS.filter((column) => column !== "total").map((column) =>
        joinCellId(`t4.${group}`, column),
      ),
    });
  }
  CACHE.set(template, equations);
  return equations;
}

const DERIVED_CACHE = new Map<TemplateVersion, Equation[]>();

/**
 * The equations as they apply while （六） is not printed but summed from its printed sub-rows: （六） in rule 2
 * stands for its three sub-rows, so the sums can choose among readings before the row itself is derived.
 */
export function listEquationsWithDerivedOther(template: TemplateVersion): readonly Equation[] {
  const cached = DERIVED_CACHE.get(template);
  if (cached) return cached;
  const equations = listEquations(template)
    .filter(
      (equation) =>
        equation.left[0]?.startsWith("t3.other.") !== true || equation.code !== "RULE_OUTCOME_SUM",
    )
    .map((equation) => {
      if (equation.code !== "RULE_OUTCOME_SUM") return equation;
      const right = equation.right.flatMap((id) => {
        const [table, row, column] = id.split(".");
        return `${table}.${row}` === "t3.other" && column !== undefined && id.split(".").length === 3
          ? OTHER_SUB_ROWS.map((subRow) => joinCellId(subRow, column))
          : [id];
      });
      return { ...equation, right };
    });
  DERIVED_CACHE.set(template, equations);
  return equations;
}

/**
 * What an equation says given the known values: with every cell known, `id` is null and `value` is Σ left − Σ
 * right (0 when it holds); with exactly one unknown, `value` is the one value that makes it hold. Null when two
 * or more cells are unknown.
 */
export function solveForUnknown(
  equation: Equation,
  values: ReadonlyMap<string, number | null>,
): { id: string | null; value: number } | null {
  let unknown: { id: string; onLeft: boolean } | null = null;
  let left = 0;
  let right = 0;
  for (const [ids, onLeft] of [
    [equation.left, true],
    [equation.right, false],
  ] as const) {
    for (const id of ids) {
      const value = values.get(id);
      if (value === null || value === undefined) {
        if (unknown !== null) return null;
        unknown = { id, onLeft };
      } else if (onLeft) left += value;
      else right += value;
    }
  }
  if (unknown === null) return { id: null, value: left - right };
  return { id: unknown.id, value: unknown.onLeft ? right - left : left - right };
}

/** Σ of the ids' values, or null when any is unknown. */
export function sumOf(ids: readonly string[], values: ReadonlyMap<string, number | null>): number | null {
  let total = 0;
  for (const id of ids) {
    const value = values.get(id);
    if (value === null || value === undefined) return null;
    total += value;
  }
  return total;
}
