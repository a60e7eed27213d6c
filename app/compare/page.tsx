// 对比 — any number of agencies (found by name, printed name or region) across years, side by side.
// Filters in the URL: agencies, years, year, metric, q.
import type { Metadata } from "next";
import { Suspense } from "react";
import {
  AgencySearchResults,
  ChosenAgencies,
  CompareAllMetrics,
  CompareMetric,
  CompareOverYears,
} from "@/components/compare/compare-sections";
import { ExportButtons } from "@/components/ui/export-buttons";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar } from "@/components/ui/filter-bar";
import { InvalidFiltersNotice } from "@/components/ui/invalid-filters-notice";
import { SectionSkeleton } from "@/components/ui/skeletons";
import { ViewHeader } from "@/components/ui/view-header";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import { getViewContext } from "@/lib/queries/get-view-context";

export const metadata: Metadata = { title: "对比" };

export default async function ComparePage({ searchParams }: PageProps<"/compare">) {
  const user = await requireUser();
  const view = await getViewContext({ db, searchParams: await searchParams, env: process.env });
  const { filters } = view;
  const metric = getMetric(filters.metric ?? "applications_new");
  const chosen = filters.agencies ?? [];
  const key = JSON.stringify([chosen, filters.years, filters.year]);
  return (
    <>
      <ViewHeader
        title="对比"
        description="搜索机构并加入对比，可跨年度并列查看各项指标。"
        toolbar={
          chosen.length > 0 ? (
            <ExportButtons user={user} filters={{ agencies: chosen, years: filters.years }} />
          ) : null
        }
        notice={<InvalidFiltersNotice invalid={view.invalid} />}
        filters={
          <FilterBar
            search={{ value: filters.q ?? "", label: "查找机构", placeholder: "机构名称、简称或地名" }}
            year={{ options: view.years, value: filters.year ?? null }}
            metric={{ value: metric.id }}
          />
        }
      />
      <div className="space-y-6">
        <Suspense key={`search${filters.q}${chosen.join()}`} fallback={<SectionSkeleton rows={5} />}>
          <AgencySearchResults filters={filters} />
        </Suspense>
        {chosen.length === 0 ? (
          <EmptyState title="还没有选择机构。">
            在上方“查找机构”中输入机构名称、报告中的简称或地名（如“九龙坡”），再点“加入对比”。
          </EmptyState>
        ) : (
          <>
            <Suspense key={`chosen${key}`} fallback={<div className="h-8" />}>
              <ChosenAgencies filters={filters} />
            </Suspense>
            <Suspense key={`metric${key}${metric.id}`} fallback={<SectionSkeleton rows={6} />}>
              <CompareMetric filters={filters} metric={metric} minN={view.minN} />
            </Suspense>
            <Suspense key={`years${key}${metric.id}`} fallback={<SectionSkeleton rows={6} />}>
              <CompareOverYears filters={filters} metric={metric} minN={view.minN} />
            </Suspense>
            <Suspense key={`all${key}`} fallback={<SectionSkeleton rows={12} />}>
              <CompareAllMetrics filters={filters} minN={view.minN} />
            </Suspense>
          </>
        )}
      </div>
    </>
  );
}
