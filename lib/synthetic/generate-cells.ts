// The cells of one synthetic report, consistent by construction with the template's own arithmetic (table 三:
// each row's total is the sum of its applicant columns, the outcomes add up to （七）总计, new + carried =
// total + carry-forward; table 四: each total is the sum of its results), with plausible, skewed sizes:
// most agencies receive few applications, a few receive thousands. `scale` grows every count of an agency
// (a county government's report is larger than a town's). Numbers only — no reader involved.
import { OTHER_SUB_ROWS } from "@/lib/reader/checks/list-equations";
import { listCellIds } from "@/lib/reader/template/cell-catalogue";
import { DENIED_ROWS, REJECTED_ROWS, T4_GROUPS, UNABLE_ROWS } from "@/lib/reader/template/row-catalogue";
import type { TemplateVersion } from "@/lib/reader/types";

export type Random = () => number;

/** Mulberry32: small and deterministic, so a seed gives the same data set every time. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPLICANTS = ["natural", "commercial", "research", "social", "legal", "other"] as const;
// Natural persons file most applications; research and social organisations rarely.
const APPLICANT_WEIGHT: Record<(typeof APPLICANTS)[number], number> = {
  natural: 1,
  commercial: 0.25,
  research: 0.02,
  social: 0.03,
  legal: 0.06,
  other: 0.05,
};
// How outcomes are usually split (granted and partial dominate; denials and 'unable' follow).
const OUTCOME_WEIGHT = {
  granted: 0.45,
  partial: 0.12,
  denied: 0.08,
  unable: 0.2,
  rejected: 0.07,
  other: 0.08,
};

/** A count around `mean`: Poisson-like for small means, with a long tail. */
function count(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  const tail = random() < 0.02 ? 5 + random() * 20 : 1;
  return Math.max(0, Math.round(mean * tail * -Math.log(1 - random() * 0.999)));
}

function split(random: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => random() ** 2);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const values = weights.map((w) => Math.floor((total * w) / sum));
  values[0]! += total - values.reduce((a, b) => a + b, 0);
  return values;
}

export interface SyntheticCellsOptions {
  template: TemplateVersion;
  scale: number;
  /** Per applicant column: what the previous year carried forward (this year's 上年结转), when known. */
  carriedFromLastYear?: Record<string, number>;
  /** 2021 template: last year's 现行有效件数 of 规章 / 行政规范性文件 (t2.rules / t2.normative), when known. */
  inForceLastYear?: Record<string, number>;
}

export function generateCells(random: Random, options: SyntheticCellsOptions): Record<string, number | null> {
  const { template, scale } = options;
  const cells: Record<string, number | null> = {};
  for (const id of listCellIds(template)) cells[id] = 0;
  fillTableTwo(cells, template, random, scale, options.inForceLastYear);
  const subRows = template === "2021";
  for (const applicant of APPLICANTS) {
    const at = (row: string) => `${row}.${applicant}`;
    const handled = count(random, 6 * scale * APPLICANT_WEIGHT[applicant]);
    const part = (key: keyof typeof OUTCOME_WEIGHT) =>
      Math.round(handled * OUTCOME_WEIGHT[key] * (0.5 + random()));
    cells[at("t3.granted")] = part("granted");
    cells[at("t3.partial")] = part("partial");
    const spread = (rows: readonly string[], total: number) => {
      const values = split(random, total, rows.length);
      rows.forEach((row, i) => (cells[at(row)] = values[i]!));
    };
    spread(DENIED_ROWS, part("denied"));
    spread(UNABLE_ROWS, part("unable"));
    spread(REJECTED_ROWS, part("rejected"));
    const other = part("other");
    cells[at("t3.other")] = other;
    if (subRows) spread(OTHER_SUB_ROWS, other);
    const outcomes = [
      "t3.granted",
      "t3.partial",
      ...DENIED_ROWS,
      ...UNABLE_ROWS,
      ...REJECTED_ROWS,
      "t3.other",
    ].reduce((sum, row) => sum + (cells[at(row)] ?? 0), 0);
    cells[at("t3.outcome_total")] = outcomes;
    const lastYear = options.carriedFromLastYear?.[applicant];
    let forward = random() < 0.6 ? 0 : count(random, outcomes * 0.05 + 0.5);
    // What last year carried forward arrives as this year's 上年结转 (rule 6); if this year handles less than
    // that, the rest is carried forward again.
    if (lastYear !== undefined && lastYear > outcomes + forward) forward = lastYear - outcomes;
    cells[at("t3.carry_forward")] = forward;
    const total = outcomes + forward;
    const carried = lastYear ?? Math.min(total, count(random, 0.3));
    cells[at("t3.carried")] = carried;
    cells[at("t3.new")] = total - carried;
  }
  for (const id of Object.keys(cells)) {
    if (!id.startsWith("t3.") || !id.endsWith(".total")) continue;
    const row = id.slice(0, -".total".length);
    cells[id] = APPLICANTS.reduce((sum, applicant) => sum + (cells[`${row}.${applicant}`] ?? 0), 0);
  }
  for (const group of T4_GROUPS) {
    const cases = count(random, 0.02 * scale * 6);
    const [upheld, corrected, other, pending] = split(random, cases, 4);
    Object.assign(cells, {
      [`t4.${group}.upheld`]: upheld,
      [`t4.${group}.corrected`]: corrected,
      [`t4.${group}.other`]: other,
      [`t4.${group}.pending`]: pending,
      [`t4.${group}.total`]: cases,
    });
  }
  return cells;
}

function fillTableTwo(
  cells: Record<string, number | null>,
  template: TemplateVersion,
  random: Random,
  scale: number,
  inForceLastYear: Record<string, number> | undefined,
) {
  for (const id of Object.keys(cells)) {
    if (!id.startsWith("t2.")) continue;
    if (id.endsWith(".amount")) cells[id] = random() < 0.6 ? 0 : Math.round(random() * 500 * scale) / 100;
    else if (id.endsWith(".items_change")) cells[id] = Math.round((random() - 0.5) * 4);
    else if (id.endsWith(".decisions")) cells[id] = count(random, 8 * scale);
    else cells[id] = count(random, 0.5 * scale);
  }
  if (template !== "2021") return;
  // 现行有效 = last year's + issued − repealed (rule 7), repeals never more than what is in force.
  for (const row of ["t2.rules", "t2.normative"]) {
    const before = inForceLastYear?.[row] ?? count(random, 3 * scale);
    const issued = cells[`${row}.issued`] ?? 0;
    const repealed = Math.min(cells[`${row}.repealed`] ?? 0, before + issued);
    cells[`${row}.repealed`] = repealed;
    cells[`${row}.in_force`] = before + issued - repealed;
  }
}
