// Volumes and the outcome mix over the years for a scope (总览, and 地区 for a region): a chart each, and
// under each chart a table with the same numbers.
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatValue } from "@/components/ui/format-number";
import { MetricName } from "@/components/ui/metric-name";
import { Section } from "@/components/ui/section";
import { db } from "@/lib/db";
import { getMetric, type MetricId } from "@/lib/metrics/metric-dictionary";
import { getYearlyTrend, type OutcomeMix } from "@/lib/queries/get-yearly-trend";
import type { ReportScope } from "@/lib/queries/report-scope";

const VOLUME_METRICS: readonly MetricId[] = ["applications_new", "applications_total", "processed"];
const ACTION_METRICS: readonly MetricId[] = ["licences", "penalties", "enforcements"];

export const OUTCOME_PARTS: readonly { key: keyof Omit<OutcomeMix, "total">; name: string }[] = [
  { key: "disclosed", name: "予以公开及部分公开" },
  { key: "denied", name: "不予公开" },
  { key: "unable", name: "无法提供" },
  { key: "rejected", name: "不予处理" },
  { key: "other", name: "其他处理" },
];

export async function YearlyTrendSection({ scope, minN }: { scope: ReportScope; minN: number }) {
  const years = await getYearlyTrend({ db, scope, minN });
  if (years.length === 0) {
    return (
      <Section title="历年趋势">
        <EmptyState title="所选范围内还没有报告。">请换一个地区或机构类型，或先上传报告。</EmptyState>
      </Section>
    );
  }
  const volumeData = years.map((row) => ({
    year: String(row.year),
    ...Object.fromEntries(VOLUME_METRICS.map((id) => [id, row.values[id].value])),
  }));
  const actionData = years.map((row) => ({
    year: String(row.year),
    ...Object.fromEntries(ACTION_METRICS.map((id) => [id, row.values[id].value])),
  }));
  const outcomeData = years.map((row) => ({
    year: String(row.year),
    ...Object.fromEntries(OUTCOME_PARTS.map((part) => [part.key, row.outcomes[part.key]])),
  }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Section title="申请量历年变化" description="各年度本年新收、申请总量与办结量（件）。">
        <LineChart
          label="申请量历年变化图"
          data={volumeData}
          index="year"
          categories={VOLUME_METRICS.map((id) => ({ key: id, name: getMetric(id).label }))}
          valueFormat="count"
        />
        <DataTable
          label="申请量历年变化"
          rows={years}
          rowKey={(row) => row.year}
          columns={[
            { key: "year", header: "年度", cell: (row) => row.year },
            { key: "reports", header: "报告数", cell: (row) => formatValue(row.reports, "count") },
            ...VOLUME_METRICS.map((id) => ({
              key: id,
              header: <MetricName metric={getMetric(id)} />,
              cell: (row: (typeof years)[number]) => formatValue(row.values[id].value, "count"),
            })),
          ]}
        />
      </Section>
      <Section
        title="办理结果构成"
        description="各年度办理结果（表三第三项）按类别累加（件）；只计各项都填报的报告。"
      >
        <BarChart
          label="办理结果构成图"
          data={outcomeData}
          index="year"
          categories={OUTCOME_PARTS.map((part) => ({ key: part.key, name: part.name }))}
          valueFormat="count"
          layout="vertical"
          stacked
        />
        <DataTable
          label="办理结果构成"
          rows={years}
          rowKey={(row) => row.year}
          columns={[
            { key: "year", header: "年度", cell: (row) => row.year },
            ...OUTCOME_PARTS.map((part) => ({
              key: part.key,
              header: part.name,
              cell: (row: (typeof years)[number]) => formatValue(row.outcomes[part.key], "count"),
            })),
            { key: "total", header: "总计", cell: (row) => formatValue(row.outcomes.total, "count") },
          ]}
        />
      </Section>
      <Section title="行政许可、处罚与强制" description="表二中各年度的处理决定数量（件）。">
        <BarChart
          label="行政许可、处罚与强制图"
          data={actionData}
          index="year"
          categories={ACTION_METRICS.map((id) => ({ key: id, name: getMetric(id).label }))}
          valueFormat="count"
          layout="vertical"
        />
        <DataTable
          label="行政许可、处罚与强制"
          rows={years}
          rowKey={(row) => row.year}
          columns={[
            { key: "year", header: "年度", cell: (row) => row.year },
            ...ACTION_METRICS.map((id) => ({
              key: id,
              header: <MetricName metric={getMetric(id)} />,
              cell: (row: (typeof years)[number]) => formatValue(row.values[id].value, "count"),
            })),
          ]}
        />
      </Section>
    </div>
  );
}
