// 地区 — province → city → district/county → its towns and departments, with breadcrumbs: the region's
// totals, its children side by side and over the years. Filters in the URL: region, year, kind, metric.
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { YearlyTrendSection } from "@/components/overview/yearly-trend-section";
import {
  RegionActions,
  RegionAgencies,
  RegionChildrenMetric,
  RegionOutcomes,
  RegionSummary,
} from "@/components/regions/region-sections";
import { RollUpSection } from "@/components/quality/roll-up-section";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ExportButtons, viewExportFilters } from "@/components/ui/export-buttons";
import { EmptyState } from "@/components/ui/empty-state";
import { regionHref } from "@/components/ui/entity-href";
import { InvalidFiltersNotice } from "@/components/ui/invalid-filters-notice";
import { describeScope, UnknownRegionNotice } from "@/components/ui/scope-description";
import { CardsSkeleton, SectionSkeleton } from "@/components/ui/skeletons";
import { ViewHeader } from "@/components/ui/view-header";
import { FilterBarSkeleton, ViewFilters } from "@/components/ui/view-filters";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import { buildFilterQuery } from "@/lib/queries/filters";
import { collapseRegionChain } from "@/lib/queries/get-region-trail";
import { getViewContext } from "@/lib/queries/get-view-context";

export const metadata: Metadata = { title: "地区" };

export default async function RegionsPage({ searchParams }: PageProps<"/regions">) {
  const user = await requireUser();
  const view = await getViewContext({ db, searchParams: await searchParams, env: process.env });
  const metric = getMetric(view.filters.metric ?? "applications_new");
  const year = view.year;
  const crumbs = [
    { href: regionHref(null, view.filters.year), label: "全国" },
    ...collapseRegionChain(view.region?.chain ?? []).map((region) => ({
      href: regionHref(region.code, view.filters.year),
      label: region.name,
    })),
  ];
  const title = view.region ? view.region.name : "全国";
  const key = JSON.stringify([year, view.scope, view.region?.code]);
  return (
    <>
      <ViewHeader
        title="地区"
        toolbar={
          year !== null ? (
            <>
              <Link
                href={`/regions/brief${buildFilterQuery({ region: view.filters.region, year, kind: view.filters.kind })}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
              >
                督查简报
              </Link>
              <ExportButtons user={user} filters={viewExportFilters(view)} />
            </>
          ) : null
        }
        description={
          <div className="space-y-1">
            <Breadcrumbs items={crumbs} />
            {year !== null ? <p>{describeScope(view)}</p> : null}
          </div>
        }
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
                metric={{ value: metric.id }}
                kinds={{ value: view.filters.kind ?? [] }}
              />
            </Suspense>
          ) : null
        }
      />
      {year === null ? (
        <EmptyState title="还没有任何年度报告。">请先在“上传”页面上传报告，这里会按地区汇总。</EmptyState>
      ) : (
        <div className="space-y-6">
          <h2 className="text-xl font-semibold text-slate-900">
            {title} · {year} 年合计
          </h2>
          <Suspense key={`sum${key}`} fallback={<CardsSkeleton count={8} />}>
            <RegionSummary view={{ ...view, year }} />
          </Suspense>
          <Suspense key={`children${key}${metric.id}`} fallback={<SectionSkeleton rows={10} />}>
            <RegionChildrenMetric view={{ ...view, year }} metric={metric} />
          </Suspense>
          <div className="grid gap-6 lg:grid-cols-2">
            <Suspense key={`outcomes${key}`} fallback={<SectionSkeleton rows={8} />}>
              <RegionOutcomes view={{ ...view, year }} />
            </Suspense>
            <Suspense key={`actions${key}`} fallback={<SectionSkeleton rows={8} />}>
              <RegionActions view={{ ...view, year }} />
            </Suspense>
          </div>
          {view.region ? (
            <Suspense key={`agencies${key}${metric.id}`} fallback={<SectionSkeleton rows={6} />}>
              <RegionAgencies view={{ ...view, year }} metric={metric} />
            </Suspense>
          ) : null}
          {view.region && (view.region.level === "county" || view.region.level === "city") ? (
            <Suspense key={`rollup${key}`} fallback={<SectionSkeleton rows={6} />}>
              <RollUpSection year={year} regionPath={view.region.path} />
            </Suspense>
          ) : null}
          <h2 className="pt-2 text-xl font-semibold text-slate-900">{title} · 历年变化</h2>
          <Suspense key={`trend${key}`} fallback={<SectionSkeleton title="历年趋势" rows={8} />}>
            <YearlyTrendSection scope={view.scope} minN={view.minN} />
          </Suspense>
        </div>
      )}
    </>
  );
}
