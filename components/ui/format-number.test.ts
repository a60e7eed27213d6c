import { describe, expect, test } from "vitest";
import {
  formatChange,
  formatCoverage,
  formatMetricValue,
  formatN,
  formatValue,
} from "@/components/ui/format-number";
import { getMetric } from "@/lib/metrics/metric-dictionary";

describe("formatValue", () => {
  test.each([
    [1234567, "count", "1,234,567"],
    [0, "count", "0"],
    [59237.2449, "amount", "59,237.24"],
    [23.529411764705884, "percent", "23.5%"],
    [100, "percent", "100.0%"],
    [5.88, "per100", "5.9"],
    [null, "count", "—"],
    [undefined, "percent", "—"],
    [Number.NaN, "count", "—"],
  ] as const)("%s as %s → %s", (value, format, expected) => {
    expect(formatValue(value, format)).toBe(expected);
  });
});

describe("metric formats", () => {
  test("values carry their unit where it is not obvious", () => {
    expect(formatMetricValue(getMetric("applications_new"), 17)).toBe("17");
    expect(formatMetricValue(getMetric("disclosure_rate"), (100 * 4) / 17)).toBe("23.5%");
    expect(formatMetricValue(getMetric("remedy_rate_per_100"), 5.88)).toBe("5.9 件/百件");
    expect(formatMetricValue(getMetric("fees_wan"), 1.5)).toBe("1.5 万元");
    expect(formatMetricValue(getMetric("disclosure_rate"), null)).toBe("—");
  });

  test("changes: signed counts, percentage points for rates, — without both years", () => {
    expect(formatChange(getMetric("penalties"), 3)).toBe("+3");
    expect(formatChange(getMetric("penalties"), -1200)).toBe("−1,200");
    expect(formatChange(getMetric("penalties"), 0)).toBe("0");
    expect(formatChange(getMetric("denial_rate"), 2.14)).toBe("+2.1 个百分点");
    expect(formatChange(getMetric("denial_rate"), -0.04)).toBe("0.0 个百分点");
    expect(formatChange(getMetric("denial_rate"), null)).toBe("—");
  });

  test("n and coverage", () => {
    expect(formatN(12345)).toBe("n=12,345");
    expect(formatN(null)).toBe("");
    expect(formatCoverage(3, 44688)).toBe("3 / 44,688（0.0%）");
    expect(formatCoverage(0, 0)).toBe("0 / 0");
  });
});
