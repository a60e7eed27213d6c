// 地区: a region's totals for a year and its children side by side — the regions one level down (with
// everything inside each) and the agencies of the region's own level (its government and departments).
// Sums add numerators and denominators first (spec/metrics.md); each row's change compares the same
// agencies in both years; coverage counts the governments of the gazetteer's regions that filed
// (每个乡镇街道、区县、市、省各一份) against those expected. Six queries, run at once. The country, a
// province and a city read their sums and coverage from the summaries (one row per child region and agency
// kind, lib/queries/summary-sql.ts); a county groups its towns' reports from one index range of
// ReportMetrics(year, regionPath).
//   const breakdown = await getRegionBreakdown({ db, year, region: trail, kinds, minN });
import { Prisma, type PrismaClient, type RegionLevel } from "@/lib/generated/prisma/client";
import {
  readMetricTotals,
  selectMetricInputs,
  sumMetricInputs,
  type MetricTotals,
} from "@/lib/queries/metric-sql";
import { outcomeSums, readOutcomes, type OutcomeMix } from "@/lib/queries/get-yearly-trend";
import { scopeWhere } from "@/lib/queries/report-scope";
import { pathDepth, sumSummaryColumns, summaryScopeWhere } from "@/lib/queries/summary-sql";
import { SUMMARY_MAX_DEPTH } from "@/lib/metrics/build-summary-sql";
import type { AgencyKind } from "@/lib/reader/types";

export interface RegionChild {
  code: string;
  name: string;
  level: RegionLevel;
  reports: number;
  totals: MetricTotals;
  outcomes: OutcomeMix;
  /** Sums over the agencies with a report in both years: this year and last year. */
  matchedCurrent: MetricTotals;
  matchedPrevious: MetricTotals;
  coverage: Coverage;
}

export interface LocalAgency {
  agencyId: number;
  name: string;
  kind: string;
  totals: MetricTotals;
  /** Last year's report of the same agency; null when it did not file. */
  previous: MetricTotals | null;
}

export interface Coverage {
  /** Governments of the gazetteer's regions (the region's own and every one inside it). */
  expected: number;
  /** Of those, the ones with a current report for the year. */
  covered: number;
}

export interface RegionBreakdown {
  reports: number;
  totals: MetricTotals;
  outcomes: OutcomeMix;
  matchedCurrent: MetricTotals;
  matchedPrevious: MetricTotals;
  matchedAgencies: number;
  coverage: Coverage;
  children: RegionChild[];
  /** Agencies filed at the region's own level (its government, departments). */
  localAgencies: LocalAgency[];
  /** Reports in scope without a resolved region (national level only). */
  unplacedReports: number;
}

/** Agency kinds that are a region's government, with the gazetteer level they govern. */
const GOVERNMENT_LEVEL: Partial<Record<AgencyKind, RegionLevel>> = {
  省政府: "province",
  市政府: "city",
  区县政府: "county",
  乡镇: "town",
  街道: "town",
};

export async function getRegionBreakdown(options: {
  db: PrismaClient;
  year: number;
  /** null = the whole country. */
  region: { code: string; path: string; groupPath: string } | null;
  kinds?: readonly AgencyKind[] | null;
  minN?: number;
}): Promise<RegionBreakdown> {
  const { db, year, region } = options;
  const path = region?.path ?? "";
  const groupPath = region?.groupPath ?? "";
  const where = scopeWhere({ regionPath: region?.path ?? null, kinds: options.kinds ?? null }, "m");
  // The path segment under groupPath: the child region's code, '' for the region's own level.
  const childOf = (column: Prisma.Sql) =>
    Prisma.sql`split_part(substr(coalesce(${column}, ''), ${groupPath.length + 1}::int), '/', 1)`;
  const governmentPairs = Object.entries(GOVERNMENT_LEVEL).map(([kind, level]) => `${kind}:${level}`);

  // The children are summary rows when they are regions of depth ≤ 3 (the provinces, a province's cities,
  // a city's counties); a county's children are towns, read from the read model.
  const childDepth = pathDepth(groupPath) + 1;
  const fromSummaries = childDepth <= SUMMARY_MAX_DEPTH;
  const kinds = options.kinds ?? null;
  // The regions one level under groupPath: by parentCode's index, not a scan of everything under it.
  const childRegions = region
    ? Prisma.sql`c."parentCode" = (SELECT g."code" FROM "Region" g WHERE g."path" = ${groupPath})`
    : Prisma.sql`c."parentCode" IS NULL`;

  const [children, sums, matched, expected, covered, local] = await Promise.all([
    db.$queryRaw<{ code: string; name: string; level: RegionLevel }[]>`
      SELECT c."code", c."name", c."level" FROM "Region" c WHERE ${childRegions} ORDER BY c."code"`,
    fromSummaries
      ? summarySums({ db, year, path, groupPath, childDepth, kinds })
      : db.$queryRaw<Record<string, unknown>[]>`
      SELECT g."child", GROUPING(g."child") AS "isTotal",
             (count(*) FILTER (WHERE m."regionPath" IS NULL))::int AS "unplaced",
             count(*)::int AS "reports", ${sumMetricInputs("m")}, ${outcomeSums()}
        FROM "ReportMetrics" m CROSS JOIN LATERAL (SELECT ${childOf(Prisma.sql`m."regionPath"`)} AS "child") g
       WHERE m."year" = ${year}::int AND ${where}
       GROUP BY ROLLUP (g."child")`,
    fromSummaries
      ? Promise.resolve(null)
      : db.$queryRaw<Record<string, unknown>[]>`
      SELECT g."child", GROUPING(g."child") AS "isTotal",
             count(*)::int AS "agencies", ${sumMetricInputs("m")}, ${sumMetricInputs("p", "prev_")}
        FROM "ReportMetrics" m
        JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
        CROSS JOIN LATERAL (SELECT ${childOf(Prisma.sql`m."regionPath"`)} AS "child") g
       WHERE m."year" = ${year}::int AND ${where}
       GROUP BY ROLLUP (g."child")`,
    // Counted per child as index ranges of Region.path (no scan of the gazetteer); a municipality's city
    // level (重庆市 under 重庆市) is the same government as its province and is not counted.
    db.$queryRaw<{ child: string | null; isTotal: number; expected: number }[]>`
      WITH parts AS (
        SELECT c."code" AS "child", c."path" FROM "Region" c WHERE ${childRegions}
        UNION ALL SELECT NULL, ${path}
      )
      SELECT x."child", (x."child" IS NULL)::int AS "isTotal",
             ((SELECT count(*) FROM "Region" r WHERE r."path" ~>=~ x."path" AND r."path" ~<~ (x."path" || '~'))
              - (SELECT count(*) FROM "Region" f JOIN "Region" up ON up."code" = f."parentCode"
                  WHERE f."level" = 'city' AND up."name" = f."name"
                    AND f."path" ~>=~ x."path" AND f."path" ~<~ (x."path" || '~')))::int AS "expected"
        FROM parts x`,
    fromSummaries
      ? summaryCoverage({ db, year, path, groupPath, childDepth })
      : db.$queryRaw<{ child: string | null; isTotal: number; covered: number }[]>`
      SELECT g."child", GROUPING(g."child") AS "isTotal", count(DISTINCT m."regionCode")::int AS "covered"
        FROM "ReportMetrics" m JOIN "Region" r ON r."code" = m."regionCode"
        CROSS JOIN LATERAL (SELECT ${childOf(Prisma.sql`m."regionPath"`)} AS "child") g
       WHERE m."year" = ${year}::int AND m."regionPath" LIKE ${`${path}%`}
         AND (m."agencyKind" || ':' || r."level"::text) = ANY(${governmentPairs}::text[])
       GROUP BY ROLLUP (g."child")`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT m."agencyId", a."name", a."kind", (p."agencyId" IS NOT NULL) AS "hasPrevious",
             ${selectMetricInputs("m")}, ${selectMetricInputs("p", "prev_")}
        FROM "ReportMetrics" m
        JOIN "Agency" a ON a."id" = m."agencyId"
        LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
       WHERE m."year" = ${year}::int AND ${where}
         AND m."regionPath" IN (${path}, ${groupPath})
       ORDER BY a."name"`,
  ]);

  const byChild = <T extends { child?: unknown; isTotal?: unknown }>(rows: T[]) => {
    const map = new Map<string, T>();
    let total: T | undefined;
    for (const row of rows) {
      if (Number(row.isTotal) === 1) total = row;
      else map.set(String(row.child ?? ""), row);
    }
    return { map, total };
  };
  const sumsBy = byChild(sums);
  // From the summaries one row holds both the sums and the matched agencies' (matched_*, prev_*).
  const matchedBy = matched ? byChild(matched) : sumsBy;
  const matchedAs = matched ? "" : "matched_";
  const expectedBy = byChild(expected);
  const coveredBy = byChild(covered);
  const empty = readMetricTotals({});

  return {
    reports: Number(sumsBy.total?.reports ?? 0),
    totals: readMetricTotals(sumsBy.total ?? {}),
    outcomes: readOutcomes(sumsBy.total ?? {}),
    matchedCurrent: readMetricTotals(matchedBy.total ?? {}, matchedAs),
    matchedPrevious: readMetricTotals(matchedBy.total ?? {}, "prev_"),
    matchedAgencies: Number(matchedBy.total?.agencies ?? 0),
    coverage: {
      expected: expectedBy.total?.expected ?? 0,
      covered: coveredBy.total?.covered ?? 0,
    },
    unplacedReports: Number(sumsBy.total?.unplaced ?? 0),
    children: children.map((child) => {
      const sum = sumsBy.map.get(child.code);
      const pair = matchedBy.map.get(child.code);
      return {
        ...child,
        reports: Number(sum?.reports ?? 0),
        totals: sum ? readMetricTotals(sum) : empty,
        outcomes: readOutcomes(sum ?? {}),
        matchedCurrent: pair ? readMetricTotals(pair, matchedAs) : empty,
        matchedPrevious: pair ? readMetricTotals(pair, "prev_") : empty,
        coverage: {
          expected: expectedBy.map.get(child.code)?.expected ?? 0,
          covered: coveredBy.map.get(child.code)?.covered ?? 0,
        },
      };
    }),
    localAgencies: local.map((row) => ({
      agencyId: Number(row.agencyId),
      name: String(row.name),
      kind: String(row.kind),
      totals: readMetricTotals(row),
      previous: row.hasPrevious ? readMetricTotals(row, "prev_") : null,
    })),
  };
}

interface SummaryOptions {
  db: PrismaClient;
  year: number;
  path: string;
  groupPath: string;
  childDepth: number;
}

/** The region's total (isTotal 1) and one row per child region, from RegionYearMetrics. */
function summarySums(options: SummaryOptions & { kinds: readonly AgencyKind[] | null }) {
  const { db, year, path, groupPath, childDepth, kinds } = options;
  const kindWhere =
    kinds && kinds.length > 0 ? Prisma.sql`s."agencyKind" = ANY(${[...kinds]}::text[])` : Prisma.sql`TRUE`;
  const totalWhere = summaryScopeWhere({ regionPath: path || null, kinds })!;
  return db.$queryRaw<Record<string, unknown>[]>`
    SELECT NULL AS "child", 1 AS "isTotal", ${sumSummaryColumns()},
           (sum(s."reports") FILTER (WHERE s."depth" = 0))::int AS "unplaced"
      FROM "RegionYearMetrics" s WHERE s."year" = ${year}::int AND ${totalWhere}
    UNION ALL
    SELECT substr(s."regionPath", ${groupPath.length + 1}::int, length(s."regionPath") - ${groupPath.length + 1}::int),
           0, ${sumSummaryColumns()}, 0
      FROM "RegionYearMetrics" s
     WHERE s."depth" = ${childDepth}::int AND s."year" = ${year}::int AND s."regionPath" LIKE ${`${groupPath}%`}
       AND ${kindWhere}
     GROUP BY s."regionPath"`;
}

/** Covered governments of the region (isTotal 1) and of each child region, from RegionYearCoverage. */
function summaryCoverage(options: SummaryOptions) {
  const { db, year, path, groupPath, childDepth } = options;
  const totalWhere = path
    ? Prisma.sql`c."depth" = ${pathDepth(path)}::int AND c."regionPath" = ${path}`
    : Prisma.sql`c."depth" = 1`;
  return db.$queryRaw<{ child: string | null; isTotal: number; covered: number }[]>`
    SELECT NULL AS "child", 1 AS "isTotal", coalesce(sum(c."covered"), 0)::int AS "covered"
      FROM "RegionYearCoverage" c WHERE c."year" = ${year}::int AND ${totalWhere}
    UNION ALL
    SELECT substr(c."regionPath", ${groupPath.length + 1}::int, length(c."regionPath") - ${groupPath.length + 1}::int),
           0, c."covered"
      FROM "RegionYearCoverage" c
     WHERE c."depth" = ${childDepth}::int AND c."year" = ${year}::int AND c."regionPath" LIKE ${`${groupPath}%`}`;
}
