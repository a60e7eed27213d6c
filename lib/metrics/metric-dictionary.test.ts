import { describe, expect, test } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { computeRate } from "@/lib/metrics/compute-rate";
import { METRICS, type Formula } from "@/lib/metrics/metric-dictionary";
import catalogue from "@/lib/reader/template/cells.json";

test("every column of the read model is produced by exactly one formula", () => {
  const columns = METRICS.flatMap((m) =>
    m.kind === "count" ? [m.column] : [m.numeratorColumn, m.denominatorColumn],
  );
  expect(new Set(columns).size).toBe(columns.length);
  const NOT_METRICS = [
    "reportId",
    "agencyId",
    "year",
    "agencyKind",
    "regionCode",
    "regionPath",
    "template",
    "updatedAt",
  ];
  const readModelColumns = Object.values(Prisma.ReportMetricsScalarFieldEnum).filter(
    (c) => !NOT_METRICS.includes(c),
  );
  expect([...columns].sort()).toEqual(readModelColumns.sort());
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
