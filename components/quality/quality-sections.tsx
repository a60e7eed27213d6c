// 数据质量's sections for a region and year: open findings by code (each code links to its list), the
// cross-year rule failures, coverage gaps (gazetteer towns without a report; agencies that filed last year
// but not this one) and what waits for staff.
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { agencyHref } from "@/components/ui/entity-href";
import { formatValue } from "@/components/ui/format-number";
import { Pagination } from "@/components/ui/pagination";
import { Section } from "@/components/ui/section";
import { db } from "@/lib/db";
import { countFindingsByCode } from "@/lib/queries/count-findings-by-code";
import { buildFilterQuery, type DashboardFilters } from "@/lib/queries/filters";
import { formatRegionNames } from "@/lib/queries/get-agency-ranking";
import { getReviewQueue } from "@/lib/queries/get-review-queue";
import { GAPS_PAGE_SIZE, listCoverageGaps } from "@/lib/queries/list-coverage-gaps";
import { FINDINGS_PAGE_SIZE, listOpenFindings } from "@/lib/queries/list-open-findings";
import type { ReportScope } from "@/lib/queries/report-scope";
import { describeCell } from "@/lib/reader/template/cell-catalogue";

interface QualityProps {
  year: number;
  scope: ReportScope;
}

const KIND_LABELS = { inconsistent: "报告数据不一致", uncertain: "识别不确定" } as const;

export async function FindingsByCode({
  year,
  scope,
  filters,
  code,
}: QualityProps & { filters: DashboardFilters; code: string | null }) {
  const counts = await countFindingsByCode({ db, year, scope });
  const link = (value: string) => `/quality${buildFilterQuery(filters, { code: value })}#findings`;
  return (
    <Section
      title="待处理问题（按代码）"
      description="当前版本报告中仍为“待处理”的问题。点击代码查看涉及的报告。"
    >
      {counts.length === 0 ? (
        <EmptyState title={`${year} 年所选范围内没有待处理的问题。`} />
      ) : (
        <DataTable
          label="待处理问题（按代码）"
          rows={counts}
          rowKey={(row) => `${row.code}:${row.kind}:${row.origin}`}
          columns={[
            {
              key: "code",
              header: "代码",
              cell: (row) => (
                <Link
                  href={link(row.code)}
                  aria-current={row.code === code ? "true" : undefined}
                  className="font-mono text-blue-800 hover:underline"
                >
                  {row.code}
                </Link>
              ),
            },
            { key: "kind", header: "类别", align: "left", cell: (row) => KIND_LABELS[row.kind] },
            {
              key: "origin",
              header: "来源",
              align: "left",
              cell: (row) => (row.origin === "across_years" ? "跨年度核对" : "报告本身"),
            },
            { key: "findings", header: "问题数", cell: (row) => formatValue(row.findings, "count") },
            { key: "reports", header: "涉及报告", cell: (row) => formatValue(row.reports, "count") },
          ]}
        />
      )}
    </Section>
  );
}

export async function OpenFindingsList({
  year,
  scope,
  code,
  origin,
  title,
  id,
}: QualityProps & {
  code: string | null;
  origin: "across_years" | null;
  title: string;
  id: string;
}) {
  const { rows, total } = await listOpenFindings({ db, year, scope, code, origin });
  return (
    <Section
      id={id}
      title={title}
      description={`共 ${formatValue(total, "count")} 条${total > FINDINGS_PAGE_SIZE ? `，按机构名称显示前 ${FINDINGS_PAGE_SIZE} 条` : ""}。`}
    >
      {total === 0 ? (
        <EmptyState title="没有这样的待处理问题。" />
      ) : (
        <>
          <DataTable
            label={title}
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "agency",
                header: "机构",
                cell: (row) => (
                  <Link href={agencyHref(row.agencyId)} className="text-blue-800 hover:underline">
                    {row.agencyName}
                  </Link>
                ),
              },
              { key: "year", header: "年度", cell: (row) => row.year },
              {
                key: "message",
                header: "问题",
                align: "left",
                cell: (row) => (
                  <div className="min-w-56 whitespace-normal">
                    <div>{row.message}</div>
                    <div className="text-xs text-slate-500">
                      {row.code}
                      {row.cellIds.length > 0
                        ? ` · ${row.cellIds.slice(0, 2).map(describeCell).join("；")}`
                        : ""}
                    </div>
                  </div>
                ),
              },
            ]}
          />
        </>
      )}
    </Section>
  );
}

export async function CoverageGaps({
  year,
  scope,
  filters,
  page,
}: QualityProps & { filters: DashboardFilters; page: number }) {
  const gaps = await listCoverageGaps({ db, year, regionPath: scope.regionPath, kinds: scope.kinds, page });
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Section
        title="没有报告的乡镇街道"
        description={`行政区划中的 ${formatValue(gaps.townsExpected, "count")} 个乡镇街道里，${formatValue(gaps.townsTotal, "count")} 个在 ${year} 年没有任何机构的报告。`}
      >
        {gaps.townsTotal === 0 ? (
          <EmptyState title="每个乡镇街道都有报告。" />
        ) : (
          <>
            <DataTable
              label="没有报告的乡镇街道"
              rows={gaps.towns}
              rowKey={(town) => town.code}
              columns={[
                { key: "name", header: "乡镇街道", cell: (town) => town.name },
                {
                  key: "parent",
                  header: "所属地区",
                  align: "left",
                  cell: (town) => formatRegionNames(town.parentNames),
                },
                {
                  key: "code",
                  header: "区划代码",
                  cell: (town) => <span className="font-mono">{town.code}</span>,
                },
              ]}
            />
            <Pagination
              pathname="/quality"
              filters={filters}
              page={page}
              pageSize={GAPS_PAGE_SIZE}
              total={gaps.townsTotal}
              label="乡镇街道分页"
            />
          </>
        )}
      </Section>
      <Section
        title="上年报告、本年未报的机构"
        description={`${year - 1} 年有报告、${year} 年没有报告的机构共 ${formatValue(gaps.lapsedTotal, "count")} 个。`}
      >
        {gaps.lapsedTotal === 0 ? (
          <EmptyState title={`没有 ${year - 1} 年报告而 ${year} 年未报的机构。`} />
        ) : (
          <>
            <DataTable
              label="上年报告、本年未报的机构"
              rows={gaps.lapsed}
              rowKey={(agency) => agency.agencyId}
              columns={[
                {
                  key: "name",
                  header: "机构",
                  cell: (agency) => (
                    <Link href={agencyHref(agency.agencyId)} className="text-blue-800 hover:underline">
                      {agency.name}
                    </Link>
                  ),
                },
                { key: "kind", header: "类型", align: "left", cell: (agency) => agency.kind },
                {
                  key: "region",
                  header: "地区",
                  align: "left",
                  cell: (agency) => formatRegionNames(agency.regionNames),
                },
              ]}
            />
            <Pagination
              pathname="/quality"
              filters={filters}
              page={page}
              pageSize={GAPS_PAGE_SIZE}
              total={gaps.lapsedTotal}
              label="机构分页"
            />
          </>
        )}
      </Section>
    </div>
  );
}

export async function ReviewQueueSection({ year, scope }: QualityProps) {
  const queue = await getReviewQueue({ db, year, scope });
  return (
    <Section
      title="等待处理的文件和报告"
      description={`${year} 年所选范围内 ${formatValue(queue.reportsTotal, "count")} 份报告中，${formatValue(queue.reportsToReview, "count")} 份尚未确认；另有 ${formatValue(queue.documentsTotal, "count")} 个文件无法确定机构或年度（不分地区和年度），需要填报员补充。`}
    >
      {queue.documents.length === 0 ? (
        <EmptyState title="没有等待补充机构或年度的文件。" />
      ) : (
        <DataTable
          label="等待补充机构或年度的文件"
          rows={queue.documents}
          rowKey={(document) => document.documentId}
          columns={[
            {
              key: "file",
              header: "文件",
              cell: (document) => <span className="break-all">{document.fileName}</span>,
            },
            {
              key: "status",
              header: "需要补充",
              align: "left",
              cell: (document) => (document.status === "needs_agency" ? "机构" : "年度"),
            },
            {
              key: "uploadedAt",
              header: "上传时间",
              cell: (document) =>
                new Date(document.uploadedAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }),
            },
          ]}
        />
      )}
    </Section>
  );
}
