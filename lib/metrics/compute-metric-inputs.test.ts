import { describe, expect, test } from "vitest";
import { computeMetricInputs } from "@/lib/metrics/compute-metric-inputs";
import { computeRate } from "@/lib/metrics/compute-rate";
import { METRICS, type Formula } from "@/lib/metrics/metric-dictionary";
import catalogue from "@/lib/reader/template/cells.json";

const DENIED = [
  "state_secret",
  "law_forbidden",
  "three_safety",
  "third_party",
  "internal_affairs",
  "process_info",
  "enforcement_file",
  "query_matter",
];
const UNABLE = ["not_held", "needs_creation", "unclear"];
const REJECTED = ["petition", "duplicate", "publication", "mass_repeat", "confirm_info"];

/** A small, complete report: N 20, C 3, G 8, P 2, D 1+1, U 4, X 2, O 1 → T 19, F 4. */
function buildCells(): Record<string, number | null> {
  const cells: Record<string, number | null> = {
    "t3.new.total": 20,
    "t3.new.natural": 15,
    "t3.carried.total": 3,
    "t3.granted.total": 8,
    "t3.partial.total": 2,
    "t3.outcome_total.total": 19,
    "t3.carry_forward.total": 4,
    "t3.other.total": 1,
    "t4.review.total": 3,
    "t4.review.corrected": 1,
    "t4.review.pending": 1,
    "t4.litigation_direct.total": 2,
    "t4.litigation_direct.corrected": 0,
    "t4.litigation_direct.pending": 1,
    "t4.litigation_after_review.total": 1,
    "t4.litigation_after_review.corrected": 1,
    "t4.litigation_after_review.pending": 0,
    "t2.licence.decisions": 396,
    "t2.penalty.decisions": 0,
    "t2.enforcement.decisions": 181,
    "t2.fees.amount": 59237.2449,
  };
  for (const reason of DENIED) cells[`t3.denied.${reason}.total`] = 0;
  cells["t3.denied.state_secret.total"] = 1;
  cells["t3.denied.third_party.total"] = 1;
  for (const reason of UNABLE) cells[`t3.unable.${reason}.total`] = 0;
  cells["t3.unable.not_held.total"] = 4;
  for (const reason of REJECTED) cells[`t3.rejected.${reason}.total`] = 0;
  cells["t3.rejected.duplicate.total"] = 2;
  return cells;
}

describe("computeMetricInputs", () => {
  test("counts, numerators and denominators follow spec/metrics.md", () => {
    const inputs = computeMetricInputs(buildCells());
    expect(inputs).toMatchObject({
      applicationsNew: 20,
      applicationsTotal: 23,
      processed: 19,
      carriedForward: 4,
      disclosureRateNum: 10,
      disclosureRateDen: 19,
      substantiveDisclosureRateNum: 10,
      substantiveDisclosureRateDen: 12,
      denialRateNum: 2,
      denialRateDen: 19,
      unableRateNum: 4,
      rejectionRateNum: 2,
      completionRateNum: 19,
      completionRateDen: 23,
      naturalPersonShareNum: 15,
      naturalPersonShareDen: 20,
      reviews: 3,
      reviewCorrectionRateNum: 1,
      reviewCorrectionRateDen: 2,
      lawsuits: 3,
      litigationCorrectionRateNum: 1,
      litigationCorrectionRateDen: 2,
      remedyRatePer100Num: 6,
      remedyRatePer100Den: 19,
      licences: 396,
      penalties: 0,
      enforcements: 181,
      feesWan: 59237.2449,
    });
  });

  test("a metric with a null input is null, not 0", () => {
    const cells = buildCells();
    cells["t3.partial.total"] = null;
    delete cells["t2.fees.amount"];
    const inputs = computeMetricInputs(cells);
    expect(inputs.disclosureRateNum).toBeNull();
    expect(inputs.disclosureRateDen).toBe(19);
    expect(inputs.feesWan).toBeNull();
    expect(inputs.applicationsNew).toBe(20);
  });

  test("every column of the read model is produced exactly once", () => {
    const columns = METRICS.flatMap((m) =>
      m.kind === "count" ? [m.column] : [m.numeratorColumn, m.denominatorColumn],
    );
    expect(new Set(columns).size).toBe(columns.length);
    expect(Object.keys(computeMetricInputs({})).sort()).toEqual([...columns].sort());
  });
});

test("every cell a formula names is a canonical cell id (spec/cells.json)", () => {
  const known = new Set(catalogue.cells.map((cell) => cell.id));
  const formulas: Formula[] = METRICS.flatMap((m) =>
    m.kind === "count" ? [m.value] : [m.numerator, m.denominator],
  );
  const named = formulas.flatMap((f) => [...f.plus, ...(f.minus ?? [])]);
  expect(named.filter((id) => !known.has(id))).toEqual([]);
  expect(named.length).toBeGreaterThan(40);
});

describe("computeRate", () => {
  test.each([
    { numerator: 10, denominator: 19, expected: { value: (100 * 10) / 19, n: 19 } },
    { numerator: 1, denominator: 9, expected: { value: null, n: 9 } },
    { numerator: null, denominator: 19, expected: { value: null, n: 19 } },
    { numerator: 3, denominator: null, expected: { value: null, n: null } },
    { numerator: 0, denominator: 0, expected: { value: null, n: 0 } },
  ])("$numerator / $denominator", ({ numerator, denominator, expected }) => {
    expect(computeRate({ numerator, denominator })).toEqual(expected);
  });

  test("the threshold is configurable", () => {
    expect(computeRate({ numerator: 1, denominator: 4, minDenominator: 1 })).toEqual({ value: 25, n: 4 });
  });
});
