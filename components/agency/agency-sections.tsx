// The agency page's other sections: who it is, its metrics over the years (charts with their table), its
// findings with their status, and every version with its source document.
import Link from "next/link";
import { loadAgencyProfile } from "@/components/agency/load-agency";
import { LineChart } from "@/components/charts/line-chart";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { agencyHref, regionHref } from "@/components/ui/entity-href";
import { formatMetricValue, formatN } from "@/components/ui/format-number";
import { MetricName } from "@/components/ui/metric-name";
import { Section } from "@/components/ui/section";
import type { AuthUser } from "@/lib/auth/auth-user";
import { can } from "@/lib/auth/permissions";
import { METRICS, getMetric, type MetricId } from "@/lib/metrics/metric-dictionary";
import { collapseRegionChain } from "@/lib/queries/get-region-trail";
import type { AgencyFinding } from "@/lib/queries/get-agency-profile";
import { toMetricValue } from "@/lib/queries/metric-sql";
import { describeCell } from "@/lib/reader/template/cell-catalogue";

const VOLUME_METRICS: readonly MetricId[] = ["applications_new", "processed", "penalties", "licences"];
const RATE_METRICS: readonly MetricId[] = ["disclosure_rate", "denial_rate", "unable_rate"];

export async function AgencyFacts({ agencyId }: { agencyId: number }) {
  const profile = await loadAgencyProfile(agencyId);
  if (!profile) return null;
  const chain = collapseRegionChain(profile.regionChain);
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
      <dt className="text-slate-500">类型</dt>
      <dd>{profile.kind}</dd>
      <dt className="text-slate-500">地区</dt>
      <dd>
        {chain.length > 0 ? (
          <Breadcrumbs
            items={chain.map((region) => ({ href: regionHref(region.code), label: region.name }))}
          />
        ) : (
          "未识别"
        )}
      </dd>
      {profile.parent ? (
        <>
          <dt className="text-slate-500">所属政府</dt>
          <dd>
            <Link href={agencyHref(profile.parent.id)} className="text-blue-800 hover:underline">
              {profile.parent.name}
            </Link>
          </dd>
        </>
      ) : null}
      {profile.children.length > 0 ? (
        <>
          <dt className="text-slate-500">所属部门</dt>
          <dd className="flex flex-wrap gap-x-3">
            {profile.children.map((child) => (
              <Link key={child.id} href={agencyHref(child.id)} className="text-blue-800 hover:underline">
                {child.name}
              </Link>
            ))}
          </dd>
        </>
      ) : null}
      <dt className="text-slate-500">报告中的名称</dt>
      <dd>{profile.printedNames.length > 0 ? profile.printedNames.join("、") : "与正式名称相同"}</dd>
    </dl>
  );
}

export async function AgencyMetrics({ agencyId, minN }: { agencyId: number; minN: number }) {
  const profile = await loadAgencyProfile(agencyId);
  if (!profile || profile.years.length === 0) return null;
  const value = (id: MetricId, year: (typeof profile.years)[number]) =>
    toMetricValue(getMetric(id), year.totals, minN);
  const chartData = (ids: readonly MetricId[]) =>
    profile.years.map((year) => ({
      year: String(year.year),
      ...Object.fromEntries(ids.map((id) => [id, value(id, year).value])),
    }));
  return (
    <Section
      title="指标历年变化"
      description={`每个比率旁注明分母 n；n 小于 ${minN} 时不计算比率。图中的数字都在下表中。`}
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <LineChart
          label="数量指标历年变化图"
          data={chartData(VOLUME_METRICS)}
          index="year"
          categories={VOLUME_METRICS.map((id) => ({ key: id, name: getMetric(id).label }))}
          valueFormat="count"
        />
        <LineChart
          label="比率指标历年变化图"
          data={chartData(RATE_METRICS)}
          index="year"
          categories={RATE_METRICS.map((id) => ({ key: id, name: getMetric(id).label }))}
          valueFormat="percent"
        />
      </div>
      <DataTable
        label="指标历年变化"
        rows={METRICS}
        rowKey={(metric) => metric.id}
        columns={[
          { key: "metric", header: "指标", cell: (metric) => <MetricName metric={metric} /> },
          ...profile.years.map((year) => ({
            key: String(year.year),
            header: `${year.year} 年`,
            cell: (metric: (typeof METRICS)[number]) => {
              const result = toMetricValue(metric, year.totals, minN);
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

const STATUS_LABELS: Record<AgencyFinding["status"], string> = {
  open: "待处理",
  confirmed: "已确认（报告本身如此）",
  dismissed: "已排除",
};
const KIND_LABELS: Record<AgencyFinding["kind"], string> = {
  inconsistent: "报告数据不一致",
  uncertain: "识别不确定",
};

export async function AgencyFindings({ agencyId }: { agencyId: number }) {
  const profile = await loadAgencyProfile(agencyId);
  if (!profile) return null;
  return (
    <Section title="问题与处理状态" description="当前版本报告的勾稽问题（报告本身不一致）和识别不确定之处。">
      {profile.findings.length === 0 ? (
        <EmptyState title="没有发现问题。" />
      ) : (
        <DataTable
          label="问题与处理状态"
          rows={profile.findings}
          rowKey={(finding) => finding.id}
          columns={[
            { key: "year", header: "年度", align: "left", cell: (f) => f.year },
            {
              key: "message",
              header: "问题",
              align: "left",
              cell: (f) => (
                <div className="min-w-56">
                  <div>{f.message}</div>
                  <div className="text-xs text-slate-500">
                    {f.code} · {KIND_LABELS[f.kind]}
                    {f.origin === "across_years" ? " · 跨年度" : ""}
                    {f.cellIds.length > 0 ? ` · ${f.cellIds.slice(0, 3).map(describeCell).join("；")}` : ""}
                    {f.cellIds.length > 3 ? ` 等 ${f.cellIds.length} 个单元格` : ""}
                  </div>
                </div>
              ),
            },
            { key: "status", header: "状态", align: "left", cell: (f) => STATUS_LABELS[f.status] },
          ]}
        />
      )}
    </Section>
  );
}

export async function AgencyVersions({ agencyId, user }: { agencyId: number; user: AuthUser }) {
  const profile = await loadAgencyProfile(agencyId);
  if (!profile) return null;
  const mayReview = can(user, "correct", { regionCode: profile.regionCode });
  return (
    <Section title="版本与原始文件" description="每次上传的文件都保留；同一年度的新版本成为当前版本。">
      {profile.versions.length === 0 ? (
        <EmptyState title="还没有报告版本。" />
      ) : (
        <DataTable
          label="版本与原始文件"
          rows={profile.versions}
          rowKey={(version) => version.reportId}
          columns={[
            { key: "year", header: "年度", align: "left", cell: (v) => v.year },
            {
              key: "version",
              header: "版本",
              align: "left",
              cell: (v) => `第 ${v.versionNo} 版${v.isCurrent ? "（当前）" : ""}`,
            },
            { key: "template", header: "模板", align: "left", cell: (v) => `${v.template} 版` },
            {
              key: "status",
              header: "状态",
              align: "left",
              cell: (v) => (v.status === "confirmed" ? "已确认" : "待核对"),
            },
            {
              key: "file",
              header: "原始文件",
              align: "left",
              cell: (v) => (
                <div className="min-w-40">
                  <div className="break-all">{v.fileName}</div>
                  <div className="text-xs text-slate-500">
                    上传于 {new Date(v.uploadedAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}
                    {v.asPrinted ? ` · 报告中写作：${v.asPrinted}` : ""}
                  </div>
                </div>
              ),
            },
            ...(mayReview
              ? [
                  {
                    key: "review",
                    header: "核对",
                    align: "left" as const,
                    cell: (v: (typeof profile.versions)[number]) => (
                      <Link
                        href={`/reports/${v.reportId}`}
                        className="text-blue-800 hover:underline print:hidden"
                      >
                        核对
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Section>
  );
}
