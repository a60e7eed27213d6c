// 对比's sections: the agency picker's search results, the chosen metric across the agencies for a year
// (the shared chart and table), the metric over the years per agency, and every metric side by side.
import Link from "next/link";
import { cache } from "react";
import { LineChart } from "@/components/charts/line-chart";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { agencyHref } from "@/components/ui/entity-href";
import { formatMetricValue, formatN, metricFormat } from "@/components/ui/format-number";
import { MetricName } from "@/components/ui/metric-name";
import { MetricRowsFigure } from "@/components/ui/metric-rows-figure";
import { Section } from "@/components/ui/section";
import { db } from "@/lib/db";
import { METRICS, type MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { buildFilterQuery, MAX_AGENCIES, type DashboardFilters } from "@/lib/queries/filters";
import { formatRegionNames } from "@/lib/queries/get-agency-ranking";
import { getAgencyComparison, type ComparedAgency } from "@/lib/queries/get-agency-comparison";
import { readMetricTotals, toMetricValue } from "@/lib/queries/metric-sql";
import { toMetricRows } from "@/lib/queries/rank-metric-rows";
import { searchAgencies } from "@/lib/queries/search-agencies";

export const loadComparison = cache((ids: string, years: string) =>
  getAgencyComparison({
    db,
    agencyIds: ids ? ids.split(",").map(Number) : [],
    years: years ? years.split(",").map(Number) : null,
  }),
);

function load(filters: DashboardFilters) {
  return loadComparison((filters.agencies ?? []).join(","), (filters.years ?? []).join(","));
}

export async function AgencySearchResults({ filters }: { filters: DashboardFilters }) {
  if (!filters.q) return null;
  const hits = await searchAgencies({ db, q: filters.q });
  const chosen = filters.agencies ?? [];
  const full = chosen.length >= MAX_AGENCIES;
  return (
    <Section
      title={`搜索“${filters.q}”`}
      description={`按机构名称、报告中的名称或所在地区查找，最多显示 20 个。${full ? `已选满 ${MAX_AGENCIES} 个机构。` : ""}`}
    >
      {hits.length === 0 ? (
        <EmptyState title="没有找到机构。">请换一个关键词，例如地名（九龙坡）或简称（发改局）。</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {hits.map((hit) => (
            <li key={hit.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <div className="min-w-0">
                <Link href={agencyHref(hit.id)} className="font-medium text-blue-800 hover:underline">
                  {hit.name}
                </Link>
                <div className="text-xs text-slate-500">
                  {[formatRegionNames(hit.regionNames), hit.kind].filter(Boolean).join(" · ")}
                  {hit.matchedAlias ? ` · 报告中写作：${hit.matchedAlias}` : ""}
                  {hit.latestYear ? ` · 最近报告 ${hit.latestYear} 年` : " · 暂无报告"}
                </div>
              </div>
              {chosen.includes(hit.id) ? (
                <span className="text-xs text-slate-500">已加入</span>
              ) : full ? null : (
                <Link
                  href={`/compare${buildFilterQuery(filters, { agencies: [...chosen, hit.id], q: null })}`}
                  aria-label={`加入对比：${hit.name}`}
                  className="rounded-md border border-blue-700 px-2.5 py-1 text-xs text-blue-800 hover:bg-blue-50"
                >
                  加入对比
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export async function ChosenAgencies({ filters }: { filters: DashboardFilters }) {
  const agencies = await load(filters);
  const chosen = filters.agencies ?? [];
  return (
    <ul aria-label="对比的机构" className="flex flex-wrap gap-2">
      {agencies.map((agency) => (
        <li
          key={agency.id}
          className="flex items-center gap-2 rounded-full border border-slate-300 bg-white py-1 pr-1 pl-3 text-sm"
        >
          <Link href={agencyHref(agency.id)} className="text-blue-800 hover:underline">
            {agency.name}
          </Link>
          <Link
            href={`/compare${buildFilterQuery(filters, { agencies: chosen.filter((id) => id !== agency.id) })}`}
            aria-label={`移除：${agency.name}`}
            className="rounded-full px-2 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
          >
            ×
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The year shown across agencies: the URL's, else the latest any compared agency has. */
export function pickYear(agencies: ComparedAgency[], year: number | undefined): number | null {
  if (year) return year;
  const years = agencies.flatMap((agency) => agency.years.map((y) => y.year));
  return years.length > 0 ? Math.max(...years) : null;
}

export async function CompareMetric({
  filters,
  metric,
  minN,
}: {
  filters: DashboardFilters;
  metric: MetricDefinition;
  minN: number;
}) {
  const agencies = await load(filters);
  const year = pickYear(agencies, filters.year);
  if (year === null) {
    return (
      <Section title={metric.label}>
        <EmptyState title="所选机构在所选年度都没有报告。" />
      </Section>
    );
  }
  const rows = toMetricRows({
    metric,
    minN,
    inputs: agencies.map((agency) => {
      const current = agency.years.find((y) => y.year === year);
      const previous = agency.years.find((y) => y.year === year - 1);
      return {
        entity: { type: "agency" as const, id: agency.id },
        label: agency.name,
        detail: [formatRegionNames(agency.regionNames), agency.kind].filter(Boolean).join(" · "),
        reports: current ? 1 : 0,
        totals: current?.totals ?? readMetricTotals({}),
        matched: current && previous ? { current: current.totals, previous: previous.totals } : null,
      };
    }),
  });
  return (
    <Section
      title={`${year} 年 ${metric.label}`}
      description={
        <>
          所选机构 {year} 年的 <MetricName metric={metric} />
          ，按数值从高到低。
        </>
      }
    >
      <MetricRowsFigure
        label={`${year} 年${metric.label}对比`}
        rows={rows}
        metric={metric}
        nameHeader="机构"
      />
    </Section>
  );
}

export async function CompareOverYears({
  filters,
  metric,
  minN,
}: {
  filters: DashboardFilters;
  metric: MetricDefinition;
  minN: number;
}) {
  const agencies = await load(filters);
  const years = [...new Set(agencies.flatMap((agency) => agency.years.map((y) => y.year)))].sort();
  if (years.length === 0) return null;
  const valueOf = (agency: ComparedAgency, year: number) => {
    const found = agency.years.find((y) => y.year === year);
    return found ? toMetricValue(metric, found.totals, minN) : { value: null, n: null };
  };
  return (
    <Section title={`${metric.label}历年变化`} description="每条线一个机构；没有报告的年度断开。">
      <LineChart
        label={`${metric.label}历年变化图`}
        data={years.map((year) => ({
          year: String(year),
          ...Object.fromEntries(agencies.map((agency) => [`a${agency.id}`, valueOf(agency, year).value])),
        }))}
        index="year"
        categories={agencies.map((agency) => ({ key: `a${agency.id}`, name: agency.name }))}
        valueFormat={metricFormat(metric)}
      />
      <DataTable
        label={`${metric.label}历年变化`}
        rows={agencies}
        rowKey={(agency) => agency.id}
        columns={[
          {
            key: "name",
            header: "机构",
            cell: (agency) => (
              <Link href={agencyHref(agency.id)} className="text-blue-800 hover:underline">
                {agency.name}
              </Link>
            ),
          },
          ...years.map((year) => ({
            key: String(year),
            header: `${year} 年`,
            cell: (agency: ComparedAgency) => {
              const result = valueOf(agency, year);
              return (
                <>
                  {formatMetricValue(metric, result.value)}
                  {metric.kind === "rate" && result.n !== null ? (
                    <span className="ml-1 text-xs text-slate-500">{formatN(result.n)}</span>
                  ) : null}
                </>
              );
            },
          })),
        ]}
      />
    </Section>
  );
}

export async function CompareAllMetrics({ filters, minN }: { filters: DashboardFilters; minN: number }) {
  const agencies = await load(filters);
  const year = pickYear(agencies, filters.year);
  if (year === null) return null;
  return (
    <Section title={`${year} 年全部指标并列`} description={`比率旁注明分母 n；n 小于 ${minN} 时不计算比率。`}>
      <DataTable
        label={`${year} 年全部指标并列`}
        rows={METRICS}
        rowKey={(metric) => metric.id}
        columns={[
          { key: "metric", header: "指标", cell: (metric) => <MetricName metric={metric} /> },
          ...agencies.map((agency) => ({
            key: String(agency.id),
            header: (
              <span className="inline-block max-w-40 truncate align-bottom" title={agency.name}>
                {agency.name}
              </span>
            ),
            cell: (metric: (typeof METRICS)[number]) => {
              const found = agency.years.find((y) => y.year === year);
              if (!found) return "无报告";
              const result = toMetricValue(metric, found.totals, minN);
              return (
                <>
                  {formatMetricValue(metric, result.value)}
                  {metric.kind === "rate" ? (
                    <span className="ml-1 text-xs text-slate-500">{formatN(result.n)}</span>
                  ) : null}
                </>
              );
            },
          })),
        ]}
      />
    </Section>
  );
}
