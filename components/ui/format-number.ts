// Chinese number formats for every view, chart and table: thousands separators, one-decimal percentages,
// "—" for no value, n beside a rate. Pure, so server tables and client charts print the same strings.
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";

export const NO_VALUE = "—";

/** The formats a chart or table column can ask for by name (functions cannot cross to client components). */
export type ValueFormat = "count" | "amount" | "percent" | "per100" | "share";

const COUNT = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const AMOUNT = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
const ONE_DECIMAL = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatValue(value: number | null | undefined, format: ValueFormat): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  switch (format) {
    case "count":
      // Counts are whole numbers; a region's fee sums are not, and keep their decimals.
      return Number.isInteger(value) ? COUNT.format(value) : AMOUNT.format(value);
    case "amount":
      return AMOUNT.format(value);
    case "percent":
    case "share":
      return `${ONE_DECIMAL.format(value)}%`;
    case "per100":
      return ONE_DECIMAL.format(value);
  }
}

export function metricFormat(metric: MetricDefinition): ValueFormat {
  if (metric.kind === "rate") return metric.unit === "%" ? "percent" : "per100";
  return metric.unit === "万元" ? "amount" : "count";
}

/** "23.5%", "1,234", "5.9 件/百件", "—". */
export function formatMetricValue(metric: MetricDefinition, value: number | null | undefined): string {
  const text = formatValue(value, metricFormat(metric));
  if (text === NO_VALUE) return text;
  if (metric.kind === "rate" && metric.unit !== "%") return `${text} ${metric.unit}`;
  if (metric.unit === "万元") return `${text} 万元`;
  return text;
}

/** "n=17" (thousands separated), or "" when there is no denominator. */
export function formatN(n: number | null | undefined): string {
  return n === null || n === undefined ? "" : `n=${COUNT.format(n)}`;
}

/** "+3", "−12", "0" for counts; "+2.1 个百分点" for percentages; "—" without both years. */
export function formatChange(metric: MetricDefinition, change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return NO_VALUE;
  const format = metricFormat(metric);
  const magnitude = formatValue(Math.abs(change), format === "percent" ? "per100" : format);
  // A change that rounds to nothing has no sign ("0.0", not "−0.0").
  const sign = /^[0.]+$/.test(magnitude) ? "" : change > 0 ? "+" : "−";
  if (metric.kind === "rate") {
    return `${sign}${magnitude} ${metric.unit === "%" ? "个百分点" : metric.unit}`;
  }
  return `${sign}${magnitude}`;
}

/** "1,234 / 5,678（21.7%）" — part of a whole, e.g. reports covered out of expected. */
export function formatCoverage(covered: number, expected: number): string {
  const share = expected > 0 ? `（${ONE_DECIMAL.format((100 * covered) / expected)}%）` : "";
  return `${COUNT.format(covered)} / ${COUNT.format(expected)}${share}`;
}
