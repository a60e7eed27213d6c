// 总览 — for a year and a region: the figures with their change from the previous year, the trends over the
// years, and the newest reports. Filters in the URL: year, region, kind.
import type { Metadata } from "next";
import { Suspense } from "react";
import { OverviewCards } from "@/components/overview/overview-cards";
import { RecentReports } from "@/components/overview/recent-reports";
import { YearlyTrendSection } from "@/components/overview/yearly-trend-section";
import { ExportButtons, viewExportFilters } from "@/components/ui/export-buttons";
import { EmptyState } from "@/components/ui/empty-state";
import { InvalidFiltersNotice } from "@/components/ui/invalid-filters-notice";
import { describeScope, UnknownRegionNotice } from "@/components/ui/scope-description";
import { CardsSkeleton, SectionSkeleton } from "@/components/ui/skeletons";
import { ViewHeader } from "@/components/ui/view-header";
import { FilterBarSkeleton, ViewFilters } from "@/components/ui/view-filters";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getViewContext } from "@/lib/queries/get-view-context";

export const metadata: Metadata = { title: "总览" };

export default async function OverviewPage({ searchParams }: PageProps<"/">) {
  const user = await requireUser();
  const view = await getViewContext({ db, searchParams: await searchParams, env: process.env });
  const key = JSON.stringify([view.year, view.scope]);
  return (
    <>
      <ViewHeader
        title="总览"
        toolbar={view.year !== null ? <ExportButtons user={user} filters={viewExportFilters(view)} /> : null}
        description={view.year !== null ? describeScope(view) : undefined}
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
                kinds={{ value: view.filters.kind ?? [] }}
              />
            </Suspense>
          ) : null
        }
      />
      {view.year === null ? (
        <EmptyState title="还没有任何年度报告。">
          请到“上传”页面上传政府信息公开工作年度报告，导入后这里会显示各项指标和趋势。
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Suspense key={`cards${key}`} fallback={<CardsSkeleton />}>
            <OverviewCards year={view.year} scope={view.scope} minN={view.minN} />
          </Suspense>
          <Suspense key={`trend${key}`} fallback={<SectionSkeleton title="历年趋势" rows={8} />}>
            <YearlyTrendSection scope={view.scope} minN={view.minN} />
          </Suspense>
          <Suspense fallback={<SectionSkeleton title="已导入的报告" />}>
            <RecentReports />
          </Suspense>
        </div>
      )}
    </>
  );
}
