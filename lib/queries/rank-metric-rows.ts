// Builds the shared MetricRow list from summed inputs (a region's children, its own agencies, compared
// agencies) and ranks it the way SQL's RANK() ranks agencies: by value, highest first, ties sharing one
// rank, rows without a value unranked at the end.
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { toMetricValue, type MetricTotals } from "@/lib/queries/metric-sql";
import { changeOf, type MetricRow, type MetricRowEntity } from "@/lib/queries/metric-row";

export interface MetricRowInput {
  entity: MetricRowEntity;
  label: string;
  detail: string | null;
  reports: number;
  totals: MetricTotals;
  /** The same agencies' inputs, this year and last year (for the change); null = nothing to compare. */
  matched: { current: MetricTotals; previous: MetricTotals } | null;
}

export function toMetricRows(options: {
  inputs: readonly MetricRowInput[];
  metric: MetricDefinition;
  minN: number;
}): MetricRow[] {
  const { metric, minN } = options;
  const rows = options.inputs.map((input): MetricRow => {
    const current = toMetricValue(metric, input.totals, minN);
    const matchedCurrent = input.matched ? toMetricValue(metric, input.matched.current, minN) : null;
    const previous = input.matched ? toMetricValue(metric, input.matched.previous, minN) : null;
    return {
      entity: input.entity,
      label: input.label,
      detail: input.detail,
      rank: null,
      value: current.value,
      n: current.n,
      previousValue: previous?.value ?? null,
      change: matchedCurrent ? changeOf(matchedCurrent, previous) : null,
      reports: input.reports,
    };
  });
  return rankMetricRows(rows);
}

/** Sorted by value (highest first, no value last, then by label), with RANK() semantics. */
export function rankMetricRows(rows: readonly MetricRow[]): MetricRow[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.label.localeCompare(b.label, "zh-CN");
      return a.value === null ? 1 : -1;
    }
    return b.value - a.value || a.label.localeCompare(b.label, "zh-CN");
  });
  let rank = 0;
  return sorted.map((row, index) => {
    if (row.value === null) return { ...row, rank: null };
    if (index === 0 || sorted[index - 1]!.value !== row.value) rank = index + 1;
    return { ...row, rank };
  });
}
