// The table of the shared MetricRow shape: rankings, a region's children and a comparison all use it —
// rank (ties share one), name linked to its page, value, n beside a rate, last year and the change.
// The numbers are formatted here, on the server; MetricTableView draws them (see there why it is a client
// component fed strings).
import { entityHref } from "@/components/ui/entity-href";
import { formatChange, formatMetricValue, formatN, NO_VALUE } from "@/components/ui/format-number";
import { MetricName } from "@/components/ui/metric-name";
import { MetricTableView, type MetricTableViewRow } from "@/components/ui/metric-table-view";
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import type { MetricRow } from "@/lib/queries/metric-row";

export function MetricTable({
  label,
  rows,
  metric,
  year,
  showRank = false,
  nameHeader = "名称",
}: {
  label: string;
  rows: readonly MetricRow[];
  metric: MetricDefinition;
  /** Carried into region links. */
  year?: number | null;
  showRank?: boolean;
  nameHeader?: string;
}) {
  const rate = metric.kind === "rate";
  const numberHeaders = [
    <MetricName key="value" metric={metric} />,
    ...(rate ? ["n"] : []),
    "上年",
    "较上年",
  ];
  const viewRows = rows.map((row): MetricTableViewRow => ({
    href: entityHref(row.entity, year),
    label: row.label,
    detail: row.detail,
    rank: showRank ? row.rank : null,
    cells: [
      formatMetricValue(metric, row.value),
      ...(rate ? [formatN(row.n).replace("n=", "") || NO_VALUE] : []),
      formatMetricValue(metric, row.previousValue),
      formatChange(metric, row.change),
    ],
  }));
  return (
    <MetricTableView
      label={label}
      nameHeader={nameHeader}
      numberHeaders={numberHeaders}
      showRank={showRank}
      rows={viewRows}
    />
  );
}
