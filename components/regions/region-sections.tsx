// 地区's sections for one region and year: its totals, its children side by side (the chosen metric, the
// outcome mix stacked to 100 %, licences/penalties/enforcements), and the agencies of its own level.
// Every chart has a table of the same numbers under it.
import { BarChart } from "@/components/charts/bar-chart";
import { OUTCOME_PARTS } from "@/components/overview/yearly-trend-section";
import { loadRegionBreakdown } from "@/components/regions/load-region-breakdown";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { regionHref } from "@/components/ui/entity-href";
import { formatCoverage, formatValue } from "@/components/ui/format-number";
import { MetricName } from "@/components/ui/metric-name";
import { MetricRowsFigure } from "@/components/ui/metric-rows-figure";
import { Section } from "@/components/ui/section";
import { FigureCard, StatCard } from "@/components/ui/stat-card";
import Link from "next/link";
import { getMetric, type MetricDefinition, type MetricId } from "@/lib/metrics/metric-dictionary";
import type { ViewContext } from "@/lib/queries/get-view-context";
import type { RegionChild } from "@/lib/queries/get-region-breakdown";
import { changeOf } from "@/lib/queries/metric-row";
import { toMetricValue } from "@/lib/queries/metric-sql";
import { toMetricRows } from "@/lib/queries/rank-metric-rows";

const SUMMARY_METRICS: readonly MetricId[] = [
  "applications_new",
  "processed",
  "disclosure_rate",
  "denial_rate",
  "review_correction_rate",
  "penalties",
  "licences",
];
const ACTION_METRICS: readonly MetricId[] = ["licences", "penalties", "enforcements"];

type Props = { view: ViewContext & { year: number } };

function load(view: ViewContext & { year: number }) {
  return loadRegionBreakdown(
    view.year,
    view.region?.code ?? null,
    view.region?.path ?? null,
    view.region?.groupPath ?? null,
    (view.filters.kind ?? []).join(","),
  );
}

export async function RegionSummary({ view }: Props) {
  const breakdown = await load(view);
  return (
    <div className="space-y-2">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <FigureCard
          label="政府报告覆盖（已报 / 应报）"
          value={`${formatValue(breakdown.coverage.covered, "count")} / ${formatValue(breakdown.coverage.expected, "count")}`}
          note={`覆盖 ${formatValue(breakdown.coverage.expected > 0 ? (100 * breakdown.coverage.covered) / breakdown.coverage.expected : null, "share")} · 共 ${formatValue(breakdown.reports, "count")} 份报告（含部门）`}
        />
        {SUMMARY_METRICS.map((id) => {
          const metric = getMetric(id);
          return (
            <StatCard
              key={id}
              metric={metric}
              current={toMetricValue(metric, breakdown.totals, view.minN)}
              change={changeOf(
                toMetricValue(metric, breakdown.matchedCurrent, view.minN),
                toMetricValue(metric, breakdown.matchedPrevious, view.minN),
              )}
              minN={view.minN}
            />
          );
        })}
      </div>
      <p className="text-xs leading-5 text-slate-500">
        合计将本地区全部报告的分子、分母分别相加后再相除。应报数按行政区划计：每个乡镇街道、区县、市、省的人民政府各一份；部门报告另计。
        “较上年”只比较两年都有报告的 {formatValue(breakdown.matchedAgencies, "count")} 个机构。
        {breakdown.unplacedReports > 0
          ? `另有 ${formatValue(breakdown.unplacedReports, "count")} 份报告未识别地区，计入全国合计，不计入下级地区。`
          : ""}
      </p>
    </div>
  );
}

function childLabel(view: ViewContext): string {
  const level = view.region?.level;
  if (!level) return "各省份";
  return level === "county" ? "各乡镇街道" : level === "city" ? "各区县" : "各下级地区";
}

function childRows(children: RegionChild[], metric: MetricDefinition, minN: number) {
  return toMetricRows({
    metric,
    minN,
    inputs: children.map((child) => ({
      entity: { type: "region" as const, code: child.code },
      label: child.name,
      detail: `报告 ${formatValue(child.reports, "count")} 份 · 覆盖 ${formatCoverage(child.coverage.covered, child.coverage.expected)}`,
      reports: child.reports,
      totals: child.totals,
      matched: { current: child.matchedCurrent, previous: child.matchedPrevious },
    })),
  });
}

export async function RegionChildrenMetric({ view, metric }: Props & { metric: MetricDefinition }) {
  const breakdown = await load(view);
  const label = `${childLabel(view)}${metric.label}`;
  return (
    <Section
      title={`${childLabel(view)}：${metric.label}`}
      description={
        <>
          {view.year} 年各下级地区的 <MetricName metric={metric} />
          （含其辖区内全部机构）。点击地区名称进入下一级。“上年”和“较上年”按两年都有报告的机构计算。
        </>
      }
    >
      {breakdown.children.length === 0 ? (
        <EmptyState title="该地区没有下级行政区划。">请查看下方本级机构，或返回上一级。</EmptyState>
      ) : (
        <MetricRowsFigure
          label={label}
          rows={childRows(breakdown.children, metric, view.minN)}
          metric={metric}
          year={view.year}
          nameHeader="地区"
        />
      )}
    </Section>
  );
}

export async function RegionOutcomes({ view }: Props) {
  const breakdown = await load(view);
  const withOutcomes = breakdown.children.filter((child) => child.outcomes.total > 0);
  const share = (part: number, total: number) => (total > 0 ? (100 * part) / total : null);
  const data = withOutcomes.map((child) => ({
    label: child.name,
    ...Object.fromEntries(
      OUTCOME_PARTS.map((part) => [part.key, share(child.outcomes[part.key], child.outcomes.total)]),
    ),
  }));
  return (
    <Section
      title={`${childLabel(view)}办理结果构成`}
      description="各类办理结果占办理结果总计的比例（堆叠到 100%），只计各项都填报的报告；表中同时列出件数。"
    >
      {withOutcomes.length === 0 ? (
        <EmptyState title={`${view.year} 年下级地区没有办理结果可比较。`}>
          办结量为 0 或未填报。请换一个年度或地区。
        </EmptyState>
      ) : (
        <>
          <BarChart
            label={`${childLabel(view)}办理结果构成图`}
            data={data}
            index="label"
            categories={OUTCOME_PARTS.map((part) => ({ key: part.key, name: part.name }))}
            valueFormat="share"
            stacked
            showValues={false}
          />
          <DataTable
            label={`${childLabel(view)}办理结果构成`}
            rows={withOutcomes}
            rowKey={(child) => child.code}
            columns={[
              {
                key: "name",
                header: "地区",
                cell: (child) => (
                  <Link href={regionHref(child.code, view.year)} className="text-blue-800 hover:underline">
                    {child.name}
                  </Link>
                ),
              },
              ...OUTCOME_PARTS.map((part) => ({
                key: part.key,
                header: part.name,
                cell: (child: RegionChild) =>
                  `${formatValue(share(child.outcomes[part.key], child.outcomes.total), "share")}（${formatValue(child.outcomes[part.key], "count")}）`,
              })),
              { key: "total", header: "总计", cell: (child) => formatValue(child.outcomes.total, "count") },
            ]}
          />
        </>
      )}
    </Section>
  );
}

export async function RegionActions({ view }: Props) {
  const breakdown = await load(view);
  const withValues = breakdown.children.filter((child) =>
    ACTION_METRICS.some((id) => child.totals[columnOf(id)] !== null),
  );
  return (
    <Section title={`${childLabel(view)}行政许可、处罚与强制`} description="表二中的处理决定数量（件）。">
      {withValues.length === 0 ? (
        <EmptyState title={`${view.year} 年下级地区没有填报这些数量。`} />
      ) : (
        <>
          <BarChart
            label={`${childLabel(view)}行政许可、处罚与强制图`}
            data={withValues.map((child) => ({
              label: child.name,
              ...Object.fromEntries(ACTION_METRICS.map((id) => [id, child.totals[columnOf(id)]])),
            }))}
            index="label"
            categories={ACTION_METRICS.map((id) => ({ key: id, name: getMetric(id).label }))}
            valueFormat="count"
          />
          <DataTable
            label={`${childLabel(view)}行政许可、处罚与强制`}
            rows={withValues}
            rowKey={(child) => child.code}
            columns={[
              {
                key: "name",
                header: "地区",
                cell: (child) => (
                  <Link href={regionHref(child.code, view.year)} className="text-blue-800 hover:underline">
                    {child.name}
                  </Link>
                ),
              },
              ...ACTION_METRICS.map((id) => ({
                key: id,
                header: <MetricName metric={getMetric(id)} />,
                cell: (child: RegionChild) => formatValue(child.totals[columnOf(id)], "count"),
              })),
            ]}
          />
        </>
      )}
    </Section>
  );
}

function columnOf(id: MetricId) {
  const metric = getMetric(id);
  if (metric.kind !== "count") throw new Error(`${id} is not a count`);
  return metric.column;
}

export async function RegionAgencies({ view, metric }: Props & { metric: MetricDefinition }) {
  const breakdown = await load(view);
  const rows = toMetricRows({
    metric,
    minN: view.minN,
    inputs: breakdown.localAgencies.map((agency) => ({
      entity: { type: "agency" as const, id: agency.agencyId },
      label: agency.name,
      detail: agency.kind,
      reports: 1,
      totals: agency.totals,
      matched: agency.previous ? { current: agency.totals, previous: agency.previous } : null,
    })),
  });
  return (
    <Section
      title={`本级机构：${metric.label}`}
      description={`${view.region ? view.region.name : ""}本级的人民政府和部门（${view.year} 年有报告的）。`}
    >
      <MetricRowsFigure
        label={`本级机构${metric.label}`}
        rows={rows}
        metric={metric}
        nameHeader="机构"
        empty={`${view.year} 年本级没有机构报告。`}
      />
    </Section>
  );
}
