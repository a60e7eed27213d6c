// 总览's cards for a year and scope: each metric with n and its change over the same agencies, and the
// reports covered with their change.
import { FigureCard, StatCard } from "@/components/ui/stat-card";
import { formatChange, formatValue } from "@/components/ui/format-number";
import { db } from "@/lib/db";
import { getMetric, type MetricId } from "@/lib/metrics/metric-dictionary";
import { changeOf } from "@/lib/queries/metric-row";
import { getOverviewSummary } from "@/lib/queries/get-overview-summary";
import type { ReportScope } from "@/lib/queries/report-scope";

export const OVERVIEW_METRICS: readonly MetricId[] = [
  "applications_new",
  "applications_total",
  "processed",
  "disclosure_rate",
  "denial_rate",
  "unable_rate",
  "review_correction_rate",
  "litigation_correction_rate",
  "penalties",
  "licences",
  "enforcements",
];

export async function OverviewCards({
  year,
  scope,
  minN,
}: {
  year: number;
  scope: ReportScope;
  minN: number;
}) {
  const summary = await getOverviewSummary({ db, year, scope, minN });
  const reportsChange = summary.reports - summary.previousReports;
  return (
    <div className="space-y-2">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {OVERVIEW_METRICS.map((id) => {
          const metric = getMetric(id);
          return (
            <StatCard
              key={id}
              metric={metric}
              current={summary.values[id]}
              change={changeOf(summary.matchedCurrent[id], summary.matchedPrevious[id])}
              minN={minN}
            />
          );
        })}
        <FigureCard
          label="覆盖报告数"
          value={formatValue(summary.reports, "count")}
          note={`较上年 ${formatChange(getMetric("applications_new"), reportsChange)}（上年 ${formatValue(summary.previousReports, "count")} 份）`}
        />
      </div>
      <p className="text-xs leading-5 text-slate-500">
        “较上年”只比较 {year - 1} 年和 {year} 年都有报告的 {formatValue(summary.matchedAgencies, "count")}{" "}
        个机构（同口径），报告数的变化除外。比率在分母 n 小于 {minN} 时不计算。
      </p>
    </div>
  );
}
