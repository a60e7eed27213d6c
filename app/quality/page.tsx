// 数据质量 — for a region and year: open findings by code with their lists, cross-year rule failures,
// the roll-up check of county and city governments against their children (汇总核对), coverage gaps (towns
// without a report, agencies that stopped filing) and what waits for review.
// Filters in the URL: year, region, kind, page, and code (one finding code).
import type { Metadata } from "next";
import { Suspense } from "react";
import {
  CoverageGaps,
  FindingsByCode,
  OpenFindingsList,
  ReviewQueueSection,
} from "@/components/quality/quality-sections";
import { RollUpSection } from "@/components/quality/roll-up-section";
import { ExportButtons, viewExportFilters } from "@/components/ui/export-buttons";
import { EmptyState } from "@/components/ui/empty-state";
import { InvalidFiltersNotice } from "@/components/ui/invalid-filters-notice";
import { describeScope, UnknownRegionNotice } from "@/components/ui/scope-description";
import { SectionSkeleton } from "@/components/ui/skeletons";
import { ViewHeader } from "@/components/ui/view-header";
import { FilterBarSkeleton, ViewFilters } from "@/components/ui/view-filters";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getViewContext } from "@/lib/queries/get-view-context";

export const metadata: Metadata = { title: "数据质量" };

export default async function QualityPage({ searchParams }: PageProps<"/quality">) {
  const user = await requireUser();
  const view = await getViewContext({ db, searchParams: await searchParams, env: process.env });
  const code = view.filters.code ?? null;
  const page = view.filters.page ?? 1;
  const year = view.year;
  const key = JSON.stringify([year, view.scope]);
  return (
    <>
      <ViewHeader
        title="数据质量"
        toolbar={
          view.year !== null ? (
            <ExportButtons user={user} filters={viewExportFilters(view)} choices={{ format: "long" }} />
          ) : null
        }
        description={year !== null ? describeScope(view) : undefined}
        notice={
          <>
            <InvalidFiltersNotice invalid={view.invalid} />
            <UnknownRegionNotice view={view} />
          </>
        }
        filters={
          year !== null ? (
            <Suspense fallback={<FilterBarSkeleton />}>
              <ViewFilters
                view={view}
                year={{ options: view.years, value: year }}
                kinds={{ value: view.filters.kind ?? [] }}
              />
            </Suspense>
          ) : null
        }
      />
      {year === null ? (
        <EmptyState title="还没有任何年度报告。">
          上传报告后，这里会列出识别问题、覆盖缺口和待核对的报告。
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Suspense key={`codes${key}`} fallback={<SectionSkeleton rows={6} />}>
            <FindingsByCode year={year} scope={view.scope} filters={view.filters} code={code} />
          </Suspense>
          {code ? (
            <Suspense key={`list${key}${code}`} fallback={<SectionSkeleton rows={8} />}>
              <OpenFindingsList
                id="findings"
                title={`问题 ${code}`}
                year={year}
                scope={view.scope}
                code={code}
                origin={null}
              />
            </Suspense>
          ) : null}
          <Suspense key={`cross${key}`} fallback={<SectionSkeleton rows={6} />}>
            <OpenFindingsList
              id="across-years"
              title="跨年度核对未通过"
              year={year}
              scope={view.scope}
              code={null}
              origin="across_years"
            />
          </Suspense>
          <Suspense key={`rollup${key}`} fallback={<SectionSkeleton rows={6} />}>
            <RollUpSection year={year} regionPath={view.scope.regionPath} />
          </Suspense>
          <Suspense key={`gaps${key}${page}`} fallback={<SectionSkeleton rows={10} />}>
            <CoverageGaps year={year} scope={view.scope} filters={view.filters} page={page} />
          </Suspense>
          <Suspense key={`queue${key}`} fallback={<SectionSkeleton rows={4} />}>
            <ReviewQueueSection year={year} scope={view.scope} />
          </Suspense>
        </div>
      )}
    </>
  );
}
