// Random, internally consistent reports (both template versions) for property tests: every 勾稽 rule holds
// by construction. Pass any source of randomness in [0, 1) — Math.random, or seededRandom(seed) for
// reproducible cases (fast-check: fc.integer().map((seed) => generateReport(seededRandom(seed)))).
import type { TemplateVersion } from "@/lib/reader/types";
import { listCellIds } from "@/lib/reader/template/cell-catalogue";

// The template's rows and columns written out here from template.md, not taken from the reader's rule lists:
// a wrong rule in the reader must not shape the reports that test it.
const T3_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"] as const;
const T4_GROUPS = ["review", "litigation_direct", "litigation_after_review"] as const;
const T4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"] as const;
const OTHER_SUB_ROWS = ["t3.other.no_correction", "t3.other.no_fee", "t3.other.misc"];
/** 表三's outcome rows (一) to (五) with their sub-rows, in printed order. */
const OUTCOME_ROWS = [
  "t3.granted",
  "t3.partial",
  ...["state_secret", "law_forbidden", "three_safety", "third_party", "internal_affairs"].map(
    (row) => `t3.denied.${row}`,
  ),
  ...["process_info", "enforcement_file", "query_matter"].map((row) => `t3.denied.${row}`),
  ...["not_held", "needs_creation", "unclear"].map((row) => `t3.unable.${row}`),
  ...["petition", "duplicate", "publication", "mass_repeat", "confirm_info"].map(
    (row) => `t3.rejected.${row}`,
  ),
];

export type Random = () => number;

export interface GeneratedReport {
  template: TemplateVersion;
  year: number;
  /** Agency name as printed in the title. */
  agency: string;
  /** Every cell id of the template: the value printed, or null for rows not printed (（六） sub-rows). */
  cells: Record<string, number | null>;
  /** 2021 only: （六）其他处理 printed as one row instead of its three sub-rows. */
  otherAsOneRow: boolean;
}

/** Mulberry32: a tiny deterministic generator, so a failing case can be replayed from its seed. */
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

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Mostly zeros and small counts, sometimes large ones — as real reports are. */
export function randomCount(random: Random): number {
  const roll = random();
  if (roll < 0.55) return 0;
  if (roll < 0.85) return Math.floor(random() * 10);
  if (roll < 0.97) return Math.floor(random() * 200);
  return Math.floor(random() * 20000);
}

const PLACES = ["青山", "白水", "红星", "东河", "临江", "安宁", "长乐", "永和"];
const SUFFIXES = ["镇", "乡", "街道", "区人民政府", "县人民政府", "区发改局", "县教育局", "市人社局"];

export function generateReport(random: Random): GeneratedReport {
  const template: TemplateVersion = random() < 0.5 ? "2019" : "2021";
  const year = template === "2019" ? pick(random, [2019, 2020]) : 2021 + Math.floor(random() * 4);
  const agency = `${pick(random, PLACES)}市${pick(random, PLACES)}区${pick(random, PLACES)}${pick(random, SUFFIXES)}`;
  const otherAsOneRow = template === "2021" && random() < 0.3;
  const cells: Record<string, number | null> = {};
  for (const id of listCellIds(template)) cells[id] = id.startsWith("t2.") ? tableTwoValue(id, random) : 0;
  fillTableThree(cells, template, otherAsOneRow, random);
  for (const group of T4_GROUPS) {
    let total = 0;
    for (const column of T4_COLUMNS.slice(0, 4)) {
      const value = randomCount(random) % 50;
      cells[`t4.${group}.${column}`] = value;
      total += value;
    }
    cells[`t4.${group}.total`] = total;
  }
  return { template, year, agency, cells, otherAsOneRow };
}

function tableTwoValue(id: string, random: Random): number {
  if (id.endsWith(".amount")) return random() < 0.5 ? 0 : Math.round(random() * 1_000_000) / 100;
  if (id.endsWith(".items_change")) return (randomCount(random) % 30) - (random() < 0.3 ? 15 : 0);
  return randomCount(random);
}

function fillTableThree(
  cells: Record<string, number | null>,
  template: TemplateVersion,
  otherAsOneRow: boolean,
  random: Random,
): void {
  const applicants = T3_COLUMNS.filter((column) => column !== "total");
  const subRows = template === "2021" ? OTHER_SUB_ROWS : [];
  const outcomeRows = [...OUTCOME_ROWS, ...subRows];
  const rows = [
    "t3.new",
    "t3.carried",
    ...OUTCOME_ROWS,
    "t3.other",
    ...subRows,
    "t3.outcome_total",
    "t3.carry_forward",
  ];
  const subRowsPrinted = template === "2021" && !otherAsOneRow;
  for (const column of applicants) {
    const at = (row: string) => `${row}.${column}`;
    let outcome = 0;
    for (const row of outcomeRows) {
      const isSubRow = OTHER_SUB_ROWS.includes(row);
      const value =
        isSubRow && !subRowsPrinted
          ? null
          : column === "natural"
            ? randomCount(random)
            : randomCount(random) % 3;
      cells[at(row)] = value;
      outcome += value ?? 0;
    }
    const other = subRowsPrinted
      ? OTHER_SUB_ROWS.reduce((sum, row) => sum + (cells[at(row)] ?? 0), 0)
      : randomCount(random) % 5;
    cells[at("t3.other")] = other;
    // Sub-rows are already in the sum when printed; otherwise （六） counts as one row.
    if (!subRowsPrinted) outcome += other;
    cells[at("t3.outcome_total")] = outcome;
    const forward = randomCount(random) % 10;
    cells[at("t3.carry_forward")] = forward;
    const total = (cells[at("t3.outcome_total")] ?? 0) + forward;
    const carried = Math.floor(random() * (Math.min(total, 10) + 1));
    cells[at("t3.carried")] = carried;
    cells[at("t3.new")] = total - carried;
  }
  for (const row of rows) {
    const values = applicants.map((column) => cells[`${row}.${column}`]);
    cells[`${row}.total`] = values.some((value) => value === null)
      ? null
      : values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  }
}
