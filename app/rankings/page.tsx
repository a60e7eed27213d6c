// 排名 — agencies ranked by a chosen metric within a peer group (kind), for a region and a year.
// Filters in the URL: year, region, kind, metric, sort, page.
import type { Metadata } from "next";
import { Suspense } from "react";
import { RankingLeaders, RankingTable } from "@/components/rankings/ranking-sections";
import { ExportButtons, viewExportFilters } from "@/components/ui/export-buttons";
import { EmptyState } from "@/components/ui/empty-state";
import { InvalidFiltersNotice } from "@/components/ui/invalid-filters-notice";
import { MetricName } from "@/components/ui/metric-name";
import { describeScope, UnknownRegionNotice } from "@/components/ui/scope-description";
import { SectionSkeleton } from "@/components/ui/skeletons";
import { ViewHeader } from "@/components/ui/view-header";
import { FilterBarSkeleton, ViewFilters } from "@/components/ui/view-filters";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import { SORT_KEYS } from "@/lib/queries/filters";
import { getViewContext } from "@/lib/queries/get-view-context";

export const metadata: Metadata = { title: "排名" };

const DEFAULT_METRIC = "applications_new";

export default async function RankingsPage({ searchParams }: PageProps<"/rankings">) {
  const user = await requireUser();
  const view = await getViewContext({ db, searchParams: await searchParams, env: process.env });
  const metric = getMetric(view.filters.metric ?? DEFAULT_METRIC);
  const page = view.filters.page ?? 1;
  const sort = view.filters.sort ?? "value_desc";
  const key = JSON.stringify([view.year, view.scope, metric.id]);
  return (
    <>
      <ViewHeader
        title="排名"
        toolbar={view.year !== null ? <ExportButtons user={user} filters={viewExportFilters(view)} /> : null}
        description={
          view.year !== null ? (
            <>
              {describeScope(view)} · 按 <MetricName metric={metric} /> 排名
              {metric.kind === "rate" ? `。比率只在分母 n ≥ ${view.minN} 时计算和排名，n 列在数值旁。` : "。"}
            </>
          ) : undefined
        }
        notice={
          <>
            <InvalidFiltersNotice invalid={view.invalid} />
            <UnknownRegionNotice view={view} />
          </>
        }
        filters={
          view.year !== null ? (
            <Suspense fallback={<FilterBarSkeleton />}>
              <ViewFilters
                view={view}
                year={{ options: view.years, value: view.year }}
                metric={{ value: metric.id }}
                kinds={{ value: view.filters.kind ?? [] }}
                sort={{ value: sort, options: SORT_KEYS }}
              />
            </Suspense>
          ) : null
        }
      />
      {view.year === null ? (
        <EmptyState title="还没有任何年度报告，无法排名。">请先在“上传”页面上传报告。</EmptyState>
      ) : (
        <div className="space-y-6">
          <Suspense key={`leaders${key}`} fallback={<SectionSkeleton title="前十名" rows={10} />}>
            <RankingLeaders year={view.year} scope={view.scope} metric={metric} minN={view.minN} />
          </Suspense>
          <Suspense
            key={`table${key}${page}${sort}`}
            fallback={<SectionSkeleton title="完整排名" rows={12} />}
          >
            <RankingTable
              year={view.year}
              scope={view.scope}
              metric={metric}
              minN={view.minN}
              filters={view.filters}
              page={page}
              sort={sort}
            />
          </Suspense>
        </div>
      )}
    </>
  );
}
