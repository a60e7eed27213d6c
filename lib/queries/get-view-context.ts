// What every dashboard page needs before its sections can query: the URL's filters (parsed by the one
// schema), the years with data and the year shown (the URL's, else the latest), the region (its chain and
// path prefix) and the minimum n for rates. Two small queries at once, remembered while the data is
// unchanged (cacheByDataVersion).
//   const view = await getViewContext({ db, searchParams: await searchParams, env: process.env });
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readMinRateN } from "@/lib/metrics/min-rate-n";
import { cacheByDataVersion } from "@/lib/queries/cache-by-data-version";
import { parseDashboardFilters, type DashboardFilters, type SearchParamsInput } from "@/lib/queries/filters";
import { getRegionTrail, type RegionTrail } from "@/lib/queries/get-region-trail";
import { listYears } from "@/lib/queries/list-years";
import type { ReportScope } from "@/lib/queries/report-scope";

export interface ViewContext {
  filters: DashboardFilters;
  /** URL parameters that were present but invalid (left out). */
  invalid: string[];
  /** Years with at least one current report, newest first. */
  years: number[];
  /** The year shown: the URL's, else the latest with data; null when there is no report at all. */
  year: number | null;
  region: RegionTrail | null;
  /** The URL named a region code the gazetteer does not know. */
  regionUnknown: boolean;
  scope: ReportScope;
  minN: number;
}

export async function getViewContext(options: {
  db: PrismaClient;
  searchParams: SearchParamsInput;
  env: Readonly<Record<string, string | undefined>>;
}): Promise<ViewContext> {
  const { db } = options;
  const { filters, invalid } = parseDashboardFilters(options.searchParams);
  const [years, region] = await Promise.all([
    cacheByDataVersion({ db, key: "years", load: () => listYears(db) }),
    filters.region
      ? cacheByDataVersion({
          db,
          key: JSON.stringify(["region-trail", filters.region]),
          load: () => getRegionTrail(db, filters.region!),
        })
      : Promise.resolve(null),
  ]);
  return {
    filters,
    invalid,
    years,
    year: filters.year ?? years[0] ?? null,
    region,
    regionUnknown: Boolean(filters.region) && region === null,
    scope: { regionPath: region?.path ?? null, kinds: filters.kind ?? null },
    minN: readMinRateN(options.env),
  };
}
