// 排名's sections: the leaders as a bar chart with the same ten rows as a table beside it, and the full
// ranking, one page at a time, with its total from its own count query. The leaders are the first ten rows
// of the first page by value: when the table shows that page too, both read one query (React's cache
// dedupes it within the request), which at national scale is a pass over a year of reports. Across requests
// the result is remembered while the data is unchanged (getCachedAgencyRanking).
import { cache } from "react";
import { BarChart } from "@/components/charts/bar-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { metricFormat } from "@/components/ui/format-number";
import { MetricName } from "@/components/ui/metric-name";
import { MetricTable } from "@/components/ui/metric-table";
import { Pagination } from "@/components/ui/pagination";
import { Section } from "@/components/ui/section";
import { db } from "@/lib/db";
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import type { DashboardFilters, SortKey } from "@/lib/queries/filters";
import { RANKING_PAGE_SIZE } from "@/lib/queries/get-agency-ranking";
import { getCachedAgencyRanking } from "@/lib/queries/get-cached-agency-ranking";
import type { ReportScope } from "@/lib/queries/report-scope";

const LEADERS = 10;

const loadRanking = cache(
  (year: number, scope: ReportScope, metric: MetricDefinition, minN: number, page: number, sort: SortKey) =>
    getCachedAgencyRanking({ db, year, scope, metric, minN, page, sort }),
);

interface RankingProps {
  year: number;
  scope: ReportScope;
  metric: MetricDefinition;
  minN: number;
}

export async function RankingLeaders({ year, scope, metric, minN }: RankingProps) {
  const { rows } = await loadRanking(year, scope, metric, minN, 1, "value_desc");
  const leaders = rows.slice(0, LEADERS).filter((row) => row.value !== null);
  return (
    <Section
      title="前十名"
      description={
        <>
          按 <MetricName metric={metric} /> 从高到低的前 {LEADERS} 个机构（{year} 年）。
        </>
      }
    >
      {leaders.length === 0 ? (
        <EmptyState title="没有可排名的机构。">
          {metric.kind === "rate" ? `比率只在分母 n ≥ ${minN} 时计算；` : ""}
          请换一个指标、年度、地区或机构类型。
        </EmptyState>
      ) : (
        <div className="grid items-start gap-4 lg:grid-cols-2">
          <BarChart
            label={`${metric.label}前十名图`}
            data={leaders.map((row) => ({ label: row.label, value: row.value }))}
            index="label"
            categories={[{ key: "value", name: metric.label }]}
            valueFormat={metricFormat(metric)}
          />
          <MetricTable label={`${metric.label}前十名`} rows={leaders} metric={metric} year={year} showRank />
        </div>
      )}
    </Section>
  );
}

export async function RankingTable({
  year,
  scope,
  metric,
  minN,
  filters,
  page,
  sort,
}: RankingProps & { filters: DashboardFilters; page: number; sort: SortKey }) {
  const ranking = await loadRanking(year, scope, metric, minN, page, sort);
  const hidden = ranking.total - ranking.ranked;
  return (
    <Section
      title="完整排名"
      description={
        <>
          共 {ranking.total.toLocaleString("zh-CN")} 个机构，其中 {ranking.ranked.toLocaleString("zh-CN")}{" "}
          个有数值参与排名
          {hidden > 0
            ? metric.kind === "rate"
              ? `；${hidden.toLocaleString("zh-CN")} 个机构分母 n 小于 ${minN} 或未填报，不计算比率，列在最后`
              : `；${hidden.toLocaleString("zh-CN")} 个机构未填报此项，列在最后`
            : ""}
          。并列的机构名次相同。
        </>
      }
    >
      {ranking.total === 0 ? (
        <EmptyState title="所选范围内没有报告。">请换一个年度、地区或机构类型。</EmptyState>
      ) : (
        <>
          <MetricTable
            label={`${metric.label}排名`}
            rows={ranking.rows}
            metric={metric}
            year={year}
            showRank
          />
          <Pagination
            pathname="/rankings"
            filters={filters}
            page={page}
            pageSize={RANKING_PAGE_SIZE}
            total={ranking.total}
            label="排名分页"
          />
        </>
      )}
    </Section>
  );
}
