// 排名's ranking as the page reads it: getAgencyRanking, remembered while the data is unchanged
// (cacheByDataVersion), keyed by everything the query depends on — the same for every user.
//   const ranking = await getCachedAgencyRanking({ db, year, scope, metric, minN, page: 1, sort: "value_desc" });
import type { Db } from "@/lib/db/create-client";
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { cacheByDataVersion } from "@/lib/queries/cache-by-data-version";
import type { SortKey } from "@/lib/queries/filters";
import { getAgencyRanking, type AgencyRanking } from "@/lib/queries/get-agency-ranking";
import type { ReportScope } from "@/lib/queries/report-scope";

export function getCachedAgencyRanking(options: {
  db: Db;
  year: number;
  scope: ReportScope;
  metric: MetricDefinition;
  minN: number;
  page: number;
  sort: SortKey;
}): Promise<AgencyRanking> {
  const { db, year, scope, metric, minN, page, sort } = options;
  // Kinds are a set in the query: one key for any order.
  const kinds = [...(scope.kinds ?? [])].sort();
  return cacheByDataVersion({
    db,
    key: JSON.stringify(["agency-ranking", year, scope.regionPath, kinds, metric.id, minN, page, sort]),
    load: () => getAgencyRanking({ db, year, scope, metric, minN, page, sort }),
  });
}
