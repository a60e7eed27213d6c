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

/**
 * `total` split over the positions `at` of `values` in random whole parts (the first takes what rounding
 * down left over). Written in place through a scratch array of weights: a report makes ~30 of these calls,
 * and an array per call was garbage the collector then walked. The same arithmetic in the same order as
 * when the parts came back as an array, so the same numbers.
 */
function spread(random: Random, values: Float64Array, at: Int32Array, total: number) {
  const parts = at.length;
  const weights = WEIGHTS;
  let sum = 0;
  for (let i = 0; i < parts; i += 1) {
    const weight = random() ** 2;
    weights[i] = weight;
    sum += weight;
  }
  sum ||= 1;
  let assigned = 0;
  for (let i = 0; i < parts; i += 1) {
    const value = Math.floor((total * weights[i]!) / sum);
    values[at[i]!] = value;
    assigned += value;
  }
  values[at[0]!]! += total - assigned;
}
// More than any row of the template has parts.
const WEIGHTS = new Float64Array(64);

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

/** What fillCells takes of the year before, by position: the applicants' (APPLICANTS order), rules and normative. */
export interface LastYear {
  carried: Float64Array | null;
  inForce: Float64Array | null;
}

// The cells' positions each step touches (a cell's position is its index in the template's catalogue ids,
// listCellIds), built once per template: generating a report indexes an array, never looks up or builds a
// key (a national data set is millions of cells).
const at = (row: string) => APPLICANTS.map((applicant) => `${row}.${applicant}`);
const OUTCOME_ROWS = [
  "t3.granted",
  "t3.partial",
  ...DENIED_ROWS,
  ...UNABLE_ROWS,
  ...REJECTED_ROWS,
  "t3.other",
];
const IN_FORCE_ROWS = ["t2.rules", "t2.normative"] as const;

export interface TemplateKeys {
  ids: readonly string[];
  /** Position by id. */
  position: ReadonlyMap<string, number>;
  /** t2 positions with their kind of number (KIND_*). */
  tableTwo: Int32Array;
  tableTwoKind: Uint8Array;
  /** Per applicant (APPLICANTS order): the positions of each row that step fills. */
  byApplicant: readonly {
    granted: number;
    partial: number;
    denied: Int32Array;
    unable: Int32Array;
    rejected: Int32Array;
    other: number;
    otherSub: Int32Array;
    outcomes: Int32Array;
    outcomeTotal: number;
    carryForward: number;
    carried: number;
    new: number;
  }[];
  /** Table 三's total column: each position with the applicant positions it sums. */
  totals: readonly { at: number; parts: Int32Array }[];
  /** Table 四's groups: their results' positions (upheld, corrected, other, pending) and their total's. */
  tableFour: readonly { results: Int32Array; total: number }[];
  /** 2021: t2.rules / t2.normative's issued, repealed and in-force positions (IN_FORCE_ROWS order). */
  inForce: readonly { issued: number; repealed: number; inForce: number }[];
}

const KIND_AMOUNT = 0;
const KIND_CHANGE = 1;
const KIND_DECISIONS = 2;
const KIND_COUNT = 3;

const KEYS = new Map<TemplateVersion, TemplateKeys>();

export function keysOf(template: TemplateVersion): TemplateKeys {
  let keys = KEYS.get(template);
  if (keys) return keys;
  const ids = listCellIds(template);
  const position = new Map(ids.map((id, index) => [id, index]));
  // -1 for an id the template lacks (t3.other's sub-rows in 2019, which it never fills).
  const of = (id: string) => position.get(id) ?? -1;
  const positions = (list: readonly string[]) => Int32Array.from(list, of);
  const column = (rows: readonly string[], index: number) => positions(rows.map((row) => at(row)[index]!));
  const tableTwo = ids.filter((id) => id.startsWith("t2."));
  keys = {
    ids,
    position,
    tableTwo: positions(tableTwo),
    tableTwoKind: Uint8Array.from(tableTwo, (id) =>
      id.endsWith(".amount")
        ? KIND_AMOUNT
        : id.endsWith(".items_change")
          ? KIND_CHANGE
          : id.endsWith(".decisions")
            ? KIND_DECISIONS
            : KIND_COUNT,
    ),
    byApplicant: APPLICANTS.map((_, index) => ({
      granted: of(at("t3.granted")[index]!),
      partial: of(at("t3.partial")[index]!),
      denied: column(DENIED_ROWS, index),
      unable: column(UNABLE_ROWS, index),
      rejected: column(REJECTED_ROWS, index),
      other: of(at("t3.other")[index]!),
      otherSub: column(OTHER_SUB_ROWS, index),
      outcomes: column(OUTCOME_ROWS, index),
      outcomeTotal: of(at("t3.outcome_total")[index]!),
      carryForward: of(at("t3.carry_forward")[index]!),
      carried: of(at("t3.carried")[index]!),
      new: of(at("t3.new")[index]!),
    })),
    totals: ids
      .filter((id) => id.startsWith("t3.") && id.endsWith(".total"))
      .map((id) => ({ at: of(id), parts: positions(at(id.slice(0, -".total".length))) })),
    tableFour: T4_GROUPS.map((group) => ({
      results: positions(
        ["upheld", "corrected", "other", "pending"].map((result) => `t4.${group}.${result}`),
      ),
      total: of(`t4.${group}.total`),
    })),
    inForce: IN_FORCE_ROWS.map((row) => ({
      issued: of(`${row}.issued`),
      repealed: of(`${row}.repealed`),
      inForce: of(`${row}.in_force`),
    })),
  };
  KEYS.set(template, keys);
  return keys;
}

/** The cells as a record by id, in catalogue order (what a reader's reading holds). */
export function generateCells(random: Random, options: SyntheticCellsOptions): Record<string, number | null> {
  const keys = keysOf(options.template);
  const values = new Float64Array(keys.ids.length);
  const carried = options.carriedFromLastYear;
  const inForce = options.inForceLastYear;
  fillCells(random, values, {
    template: options.template,
    scale: options.scale,
    carried: carried ? Float64Array.from(APPLICANTS, (applicant) => carried[applicant] ?? NaN) : null,
    inForce: inForce ? Float64Array.from(IN_FORCE_ROWS, (row) => inForce[row] ?? NaN) : null,
  });
  return cellRecord(keys, values);
}

/** `values` (by position, NaN for a blank cell) as a record by id. */
export function cellRecord(keys: TemplateKeys, values: Float64Array): Record<string, number | null> {
  const cells: Record<string, number | null> = {};
  for (let index = 0; index < keys.ids.length; index += 1) {
    const value = values[index]!;
    cells[keys.ids[index]!] = Number.isNaN(value) ? null : value;
  }
  return cells;
}

/**
 * The cells of one report written into `values`, by position in the template's catalogue ids (keysOf) —
 * the generator's own form, from which seed:synthetic writes COPY lines with no object or string per cell.
 * A year before given in `carried` / `inForce` (NaN: unknown) continues that year's numbers.
 */
export function fillCells(
  random: Random,
  values: Float64Array,
  options: { template: TemplateVersion; scale: number } & LastYear,
): void {
  const { template, scale, carried } = options;
  const keys = keysOf(template);
  values.fill(0, 0, keys.ids.length);
  fillTableTwo(values, keys, template, random, scale, options.inForce);
  const subRows = template === "2021";
  for (let index = 0; index < APPLICANTS.length; index += 1) {
    const applicant = APPLICANTS[index]!;
    const row = keys.byApplicant[index]!;
    const handled = count(random, 6 * scale * APPLICANT_WEIGHT[applicant]);
    values[row.granted] = outcomeCount(random, handled, "granted");
    values[row.partial] = outcomeCount(random, handled, "partial");
    spread(random, values, row.denied, outcomeCount(random, handled, "denied"));
    spread(random, values, row.unable, outcomeCount(random, handled, "unable"));
    spread(random, values, row.rejected, outcomeCount(random, handled, "rejected"));
    const other = outcomeCount(random, handled, "other");
    values[row.other] = other;
    if (subRows) spread(random, values, row.otherSub, other);
    let outcomes = 0;
    for (const position of row.outcomes) outcomes += values[position]!;
    values[row.outcomeTotal] = outcomes;
    const lastYear = carried?.[index];
    const known = lastYear !== undefined && !Number.isNaN(lastYear);
    let forward = random() < 0.6 ? 0 : count(random, outcomes * 0.05 + 0.5);
    // What last year carried forward arrives as this year's 上年结转 (rule 6); if this year handles less than
    // that, the rest is carried forward again.
    if (known && lastYear > outcomes + forward) forward = lastYear - outcomes;
    values[row.carryForward] = forward;
    const total = outcomes + forward;
    const carriedIn = known ? lastYear : Math.min(total, count(random, 0.3));
    values[row.carried] = carriedIn;
    values[row.new] = total - carriedIn;
  }
  for (const { at: position, parts } of keys.totals) {
    let sum = 0;
    for (const part of parts) sum += values[part]!;
    values[position] = sum;
  }
  for (const { results, total } of keys.tableFour) {
    const cases = count(random, 0.02 * scale * 6);
    spread(random, values, results, cases);
    values[total] = cases;
  }
}

function fillTableTwo(
  values: Float64Array,
  keys: TemplateKeys,
  template: TemplateVersion,
  random: Random,
  scale: number,
  inForceLastYear: Float64Array | null,
) {
  const { tableTwo, tableTwoKind } = keys;
  for (let index = 0; index < tableTwo.length; index += 1) {
    const kind = tableTwoKind[index];
    const position = tableTwo[index]!;
    if (kind === KIND_AMOUNT)
      values[position] = random() < 0.6 ? 0 : Math.round(random() * 500 * scale) / 100;
    else if (kind === KIND_CHANGE) values[position] = Math.round((random() - 0.5) * 4);
    else if (kind === KIND_DECISIONS) values[position] = count(random, 8 * scale);
    else values[position] = count(random, 0.5 * scale);
  }
  if (template !== "2021") return;
  // 现行有效 = last year's + issued − repealed (rule 7), repeals never more than what is in force.
  for (let row = 0; row < keys.inForce.length; row += 1) {
    const { issued, repealed, inForce } = keys.inForce[row]!;
    const last = inForceLastYear?.[row];
    const before = last !== undefined && !Number.isNaN(last) ? last : count(random, 3 * scale);
    const repeals = Math.min(values[repealed]!, before + values[issued]!);
    values[repealed] = repeals;
    values[inForce] = before + values[issued]! - repeals;
  }
}
