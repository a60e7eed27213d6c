import { describe, expect, test } from "vitest";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import type { MetricRow } from "@/lib/queries/metric-row";
import { readMetricTotals } from "@/lib/queries/metric-sql";
import { rankMetricRows, toMetricRows } from "@/lib/queries/rank-metric-rows";

const row = (label: string, value: number | null): MetricRow => ({
  entity: { type: "region", code: label },
  label,
  detail: null,
  rank: null,
  value,
  n: null,
  previousValue: null,
  change: null,
  reports: 1,
});

describe("rankMetricRows", () => {
  test("ties share a rank and the next rank skips (1, 2, 2, 4); no value is unranked and last", () => {
    const ranked = rankMetricRows([row("甲", 5), row("乙", null), row("丙", 9), row("丁", 5), row("戊", 1)]);
    expect(ranked.map((r) => [r.label, r.rank])).toEqual([
      ["丙", 1],
      ["丁", 2],
      ["甲", 2],
      ["戊", 4],
      ["乙", null],
    ]);
  });
});

describe("toMetricRows", () => {
  const totals = (values: Record<string, number | null>) => readMetricTotals(values);

  test("a rate adds numerators and denominators first; below the minimum n it is hidden but n is kept", () => {
    const rows = toMetricRows({
      metric: getMetric("disclosure_rate"),
      minN: 10,
      inputs: [
        {
          entity: { type: "region", code: "1" },
          label: "大区",
          detail: null,
          reports: 2,
          totals: totals({ disclosureRateNum: 12, disclosureRateDen: 40 }),
          matched: {
            current: totals({ disclosureRateNum: 6, disclosureRateDen: 20 }),
            previous: totals({ disclosureRateNum: 5, disclosureRateDen: 25 }),
          },
        },
        {
          entity: { type: "region", code: "2" },
          label: "小区",
          detail: null,
          reports: 1,
          totals: totals({ disclosureRateNum: 3, disclosureRateDen: 9 }),
          matched: null,
        },
      ],
    });
    expect(rows[0]).toMatchObject({
      label: "大区",
      rank: 1,
      value: 30,
      n: 40,
      previousValue: 20,
      change: 10,
    });
    expect(rows[1]).toMatchObject({ label: "小区", rank: null, value: null, n: 9, change: null });
  });
});
