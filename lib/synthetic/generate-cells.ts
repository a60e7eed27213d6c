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

/** `total` split into `parts` random whole parts (the first takes what rounding down left over). */
function split(random: Random, total: number, parts: number): number[] {
  // Loops rather than Array.from/map/reduce: the same numbers in the same order, without a closure and
  // three arrays per call (a report makes ~30 of these calls).
  const values = new Array<number>(parts);
  let sum = 0;
  for (let i = 0; i < parts; i += 1) {
    const weight = random() ** 2;
    values[i] = weight;
    sum += weight;
  }
  sum ||= 1;
  let assigned = 0;
  for (let i = 0; i < parts; i += 1) {
    const value = Math.floor((total * values[i]!) / sum);
    values[i] = value;
    assigned += value;
  }
  values[0]! += total - assigned;
  return values;
}

/** `total` split over `ids` (split), written into `cells`. */
function spread(random: Random, cells: Record<string, number | null>, ids: readonly string[], total: number) {
  const values = split(random, total, ids.length);
  for (let i = 0; i < ids.length; i += 1) cells[ids[i]!] = values[i]!;
}

/** An applicant's count of one outcome, around its usual share of what it handled. */
function outcomeCount(random: Random, handled: number, outcome: keyof typeof OUTCOME_WEIGHT): number {
  return Math.round(handled * OUTCOME_WEIGHT[outcome] * (0.5 + random()));
}

export interface SyntheticCellsOptions {
  template: TemplateVersion;
  scale: number;
  /** Per applicant column: what the previous year carried forward (this year's 上年结转), when known. */
  carriedFromLastYear?: Record<string, number>;
  /** 2021 template: last year's 现行有效件数 of 规章 / 行政规范性文件 (t2.rules / t2.normative), when known. */
  inForceLastYear?: Record<string, number>;
}

// The cell ids each step touches, built once per template: generating a report looks keys up, never builds
// them (a national data set is millions of lookups).
const at = (row: string) => APPLICANTS.map((applicant) => `${row}.${applicant}`);
const OUTCOME_ROWS = [
  "t3.granted",
  "t3.partial",
  ...DENIED_ROWS,
  ...UNABLE_ROWS,
  ...REJECTED_ROWS,
  "t3.other",
];

interface TemplateKeys {
  ids: readonly string[];
  /** t2 ids with their kind of number. */
  tableTwo: readonly { id: string; kind: "amount" | "change" | "decisions" | "count" }[];
  /** Per applicant (APPLICANTS order): the ids of each row that step fills. */
  byApplicant: readonly {
    granted: string;
    partial: string;
    denied: string[];
    unable: string[];
    rejected: string[];
    other: string;
    otherSub: string[];
    outcomes: string[];
    outcomeTotal: string;
    carryForward: string;
    carried: string;
    new: string;
  }[];
  /** Table 三's total column: each id with the applicant ids it sums. */
  totals: readonly { id: string; parts: string[] }[];
}

const KEYS = new Map<TemplateVersion, TemplateKeys>();

/** Table 四's groups: the ids of their results (upheld, corrected, other, pending) and of their total. */
const T4_IDS = T4_GROUPS.map((group) => ({
  results: ["upheld", "corrected", "other", "pending"].map((result) => `t4.${group}.${result}`),
  total: `t4.${group}.total`,
}));

function keysOf(template: TemplateVersion): TemplateKeys {
  let keys = KEYS.get(template);
  if (keys) return keys;
  const ids = listCellIds(template);
  const column = (rows: readonly string[], index: number) => rows.map((row) => at(row)[index]!);
  keys = {
    ids,
    tableTwo: ids
      .filter((id) => id.startsWith("t2."))
      .map((id) => ({
        id,
        kind: id.endsWith(".amount")
          ? "amount"
          : id.endsWith(".items_change")
            ? "change"
            : id.endsWith(".decisions")
              ? "decisions"
              : "count",
      })),
    byApplicant: APPLICANTS.map((_, index) => ({
      granted: at("t3.granted")[index]!,
      partial: at("t3.partial")[index]!,
      denied: column(DENIED_ROWS, index),
      unable: column(UNABLE_ROWS, index),
      rejected: column(REJECTED_ROWS, index),
      other: at("t3.other")[index]!,
      otherSub: column(OTHER_SUB_ROWS, index),
      outcomes: column(OUTCOME_ROWS, index),
      outcomeTotal: at("t3.outcome_total")[index]!,
      carryForward: at("t3.carry_forward")[index]!,
      carried: at("t3.carried")[index]!,
      new: at("t3.new")[index]!,
    })),
    totals: ids
      .filter((id) => id.startsWith("t3.") && id.endsWith(".total"))
      .map((id) => ({ id, parts: at(id.slice(0, -".total".length)) })),
  };
  KEYS.set(template, keys);
  return keys;
}

export function generateCells(random: Random, options: SyntheticCellsOptions): Record<string, number | null> {
  const { template, scale } = options;
  const keys = keysOf(template);
  const cells: Record<string, number | null> = {};
  for (const id of keys.ids) cells[id] = 0;
  fillTableTwo(cells, keys, template, random, scale, options.inForceLastYear);
  const subRows = template === "2021";
  for (let index = 0; index < APPLICANTS.length; index += 1) {
    const applicant = APPLICANTS[index]!;
    const row = keys.byApplicant[index]!;
    const handled = count(random, 6 * scale * APPLICANT_WEIGHT[applicant]);
    cells[row.granted] = outcomeCount(random, handled, "granted");
    cells[row.partial] = outcomeCount(random, handled, "partial");
    spread(random, cells, row.denied, outcomeCount(random, handled, "denied"));
    spread(random, cells, row.unable, outcomeCount(random, handled, "unable"));
    spread(random, cells, row.rejected, outcomeCount(random, handled, "rejected"));
    const other = outcomeCount(random, handled, "other");
    cells[row.other] = other;
    if (subRows) spread(random, cells, row.otherSub, other);
    let outcomes = 0;
    for (const id of row.outcomes) outcomes += cells[id] ?? 0;
    cells[row.outcomeTotal] = outcomes;
    const lastYear = options.carriedFromLastYear?.[applicant];
    let forward = random() < 0.6 ? 0 : count(random, outcomes * 0.05 + 0.5);
    // What last year carried forward arrives as this year's 上年结转 (rule 6); if this year handles less than
    // that, the rest is carried forward again.
    if (lastYear !== undefined && lastYear > outcomes + forward) forward = lastYear - outcomes;
    cells[row.carryForward] = forward;
    const total = outcomes + forward;
    const carried = lastYear ?? Math.min(total, count(random, 0.3));
    cells[row.carried] = carried;
    cells[row.new] = total - carried;
  }
  for (const { id, parts } of keys.totals) {
    let sum = 0;
    for (const part of parts) sum += cells[part] ?? 0;
    cells[id] = sum;
  }
  for (const { results, total } of T4_IDS) {
    const cases = count(random, 0.02 * scale * 6);
    spread(random, cells, results, cases);
    cells[total] = cases;
  }
  return cells;
}

function fillTableTwo(
  cells: Record<string, number | null>,
  keys: TemplateKeys,
  template: TemplateVersion,
  random: Random,
  scale: number,
  inForceLastYear: Record<string, number> | undefined,
) {
  for (const { id, kind } of keys.tableTwo) {
    if (kind === "amount") cells[id] = random() < 0.6 ? 0 : Math.round(random() * 500 * scale) / 100;
    else if (kind === "change") cells[id] = Math.round((random() - 0.5) * 4);
    else if (kind === "decisions") cells[id] = count(random, 8 * scale);
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
