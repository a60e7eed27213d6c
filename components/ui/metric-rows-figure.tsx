// One metric across a list of the shared MetricRow shape (a region's children, its agencies, compared
// agencies): a bar chart of the rows with a value and, under it, the table of all rows with the same
// numbers — one chart component and one table component for every ranking-like view.
import { BarChart } from "@/components/charts/bar-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { metricFormat } from "@/components/ui/format-number";
import { MetricTable } from "@/components/ui/metric-table";
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import type { MetricRow } from "@/lib/queries/metric-row";

/** More bars than this and the chart shows the first ones; the table always has every row. */
const MAX_BARS = 40;

export function MetricRowsFigure({
  label,
  rows,
  metric,
  year,
  nameHeader,
  showRank = true,
  empty,
}: {
  label: string;
  rows: readonly MetricRow[];
  metric: MetricDefinition;
  year?: number | null;
  nameHeader?: string;
  showRank?: boolean;
  empty?: string;
}) {
  if (rows.length === 0) return <EmptyState title={empty ?? "没有可显示的数据。"} />;
  const charted = rows.filter((row) => row.value !== null).slice(0, MAX_BARS);
  return (
    <figure className="space-y-4">
      {charted.length > 0 ? (
        <BarChart
          label={`${label}图`}
          data={charted.map((row) => ({ label: row.label, value: row.value }))}
          index="label"
          categories={[{ key: "value", name: metric.label }]}
          valueFormat={metricFormat(metric)}
        />
      ) : (
        <p className="text-sm text-slate-500">
          没有可画图的数值{metric.kind === "rate" ? "（比率的分母 n 不足或未填报）" : ""}。
        </p>
      )}
      <figcaption className="sr-only">{label}</figcaption>
      <MetricTable
        label={label}
        rows={rows}
        metric={metric}
        year={year}
        showRank={showRank}
        nameHeader={nameHeader}
      />
    </figure>
  );
}
