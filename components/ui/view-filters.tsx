// The filter bar of a view, with the region picker's lists read on the server (one query, remembered while
// the regions are unchanged: cacheByDataVersion) — its own Suspense boundary, so the sections never wait
// for it.
import { FilterBar, type FilterBarProps } from "@/components/ui/filter-bar";
import { db } from "@/lib/db";
import { cacheByDataVersion } from "@/lib/queries/cache-by-data-version";
import type { ViewContext } from "@/lib/queries/get-view-context";
import { listRegionOptions } from "@/lib/queries/list-region-options";

export async function ViewFilters({
  view,
  region = true,
  ...props
}: { view: ViewContext; region?: boolean } & Omit<FilterBarProps, "regions">) {
  const chain = view.region?.chain ?? [];
  const regions = region
    ? await cacheByDataVersion({
        db,
        key: JSON.stringify(["region-options", chain.map((link) => [link.code, link.name])]),
        load: () => listRegionOptions({ db, chain }),
      })
    : undefined;
  return <FilterBar {...props} regions={regions} />;
}

export function FilterBarSkeleton() {
  return <div className="h-16 animate-pulse rounded-lg border border-slate-200 bg-white" />;
}
