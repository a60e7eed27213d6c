// One figure of 总览 (and of a region): the metric's name (linked to its definition), its value, n for a
// rate, and the change from the previous year over the same agencies.
import { MetricName } from "@/components/ui/metric-name";
import { formatChange, formatMetricValue, formatN } from "@/components/ui/format-number";
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import type { RateValue } from "@/lib/metrics/compute-rate";

export function StatCard({
  metric,
  current,
  change,
  minN,
}: {
  metric: MetricDefinition;
  current: RateValue;
  /** Over the agencies with reports in both years; null when there is nothing to compare. */
  change: number | null;
  minN: number;
}) {
  const hidden = metric.kind === "rate" && current.value === null && current.n !== null && current.n > 0;
  return (
    <div
      data-metric={metric.id}
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm break-inside-avoid"
    >
      <div className="text-sm text-slate-600">
        <MetricName metric={metric} />
      </div>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-2">
        <span data-value className="text-2xl font-semibold text-slate-900 tabular-nums">
          {formatMetricValue(metric, current.value)}
        </span>
        {metric.kind === "rate" ? (
          <span className="text-xs text-slate-500 tabular-nums">{formatN(current.n) || "n=0"}</span>
        ) : null}
      </div>
      <div className="mt-1 text-xs text-slate-500">
        {hidden ? `n < ${minN}，不计算比率` : <>较上年 {formatChange(metric, change)}</>}
      </div>
    </div>
  );
}

/** A plain figure card (reports covered) in the same look. */
export function FigureCard({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm break-inside-avoid">
      <div className="text-sm text-slate-600">{label}</div>
      <div data-value className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">
        {value}
      </div>
      {note ? <div className="mt-1 text-xs text-slate-500">{note}</div> : null}
    </div>
  );
}
