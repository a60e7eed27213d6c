// The table of the shared MetricRow shape: rankings, a region's children and a comparison all use it —
// rank (ties share one), name linked to its page, value, n beside a rate, last year and the change.
import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { entityHref } from "@/components/ui/entity-href";
import { formatChange, formatMetricValue, formatN } from "@/components/ui/format-number";
import { MetricName } from "@/components/ui/metric-name";
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
  const columns: Column<MetricRow>[] = [
    ...(showRank
      ? [{ key: "rank", header: "排名", align: "right" as const, cell: (row: MetricRow) => row.rank ?? "—" }]
      : []),
    {
      key: "name",
      header: nameHeader,
      align: "left",
      cell: (row) => (
        <div className="min-w-28 sm:min-w-40">
          <Link href={entityHref(row.entity, year)} className="font-medium text-blue-800 hover:underline">
            {row.label}
          </Link>
          {row.detail ? <div className="text-xs text-slate-500">{row.detail}</div> : null}
        </div>
      ),
    },
    {
      key: "value",
      header: <MetricName metric={metric} />,
      cell: (row) => formatMetricValue(metric, row.value),
    },
    ...(metric.kind === "rate"
      ? [{ key: "n", header: "n", cell: (row: MetricRow) => formatN(row.n).replace("n=", "") || "—" }]
      : []),
    { key: "previous", header: "上年", cell: (row) => formatMetricValue(metric, row.previousValue) },
    { key: "change", header: "较上年", cell: (row) => formatChange(metric, row.change) },
  ];
  return (
    <DataTable
      label={label}
      columns={columns}
      rows={rows}
      rowKey={(row) => (row.entity.type === "agency" ? `a${row.entity.id}` : `r${row.entity.code}`)}
    />
  );
}
