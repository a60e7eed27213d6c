// 数据质量 coverage for a region and year: the towns and streets of the gazetteer (乡镇/街道) with no current
// report of any agency placed there, and the agencies that filed the year before but not this year. Each
// list is one page, with its total from its own count query. The town counts come from the gazetteer's
// index (Region(level, path)) and, for the country, a province, city or county, from the summaries
// (RegionYearCoverage.townsFiled) rather than a probe of the read model per town; the agencies that
// stopped filing are counted from the year before's summaries (RegionYearMetrics."lapsedNext"). Both lists
// walk their index in page order and probe each row (the probe in a LATERAL … OFFSET 0: as an anti-join the
// planner guessed almost no row lapses, hashed two whole years and sorted them — 1 s at a million reports).
//   const gaps = await listCoverageGaps({ db, year, regionPath: "50/5001/500107/" });
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { AgencyKind } from "@/lib/reader/types";
import { SUMMARY_MAX_DEPTH } from "@/lib/metrics/build-summary-sql";
import { pathDepth } from "@/lib/queries/summary-sql";

export const GAPS_PAGE_SIZE = 50;

export interface MissingTown {
  code: string;
  name: string;
  /** Province → county names above it. */
  parentNames: string[];
}

export interface LapsedAgency {
  agencyId: number;
  name: string;
  kind: string;
  regionNames: string[];
}

export interface CoverageGaps {
  towns: MissingTown[];
  townsTotal: number;
  /** Towns of the gazetteer in the region. */
  townsExpected: number;
  lapsed: LapsedAgency[];
  lapsedTotal: number;
}

export async function listCoverageGaps(options: {
  db: PrismaClient;
  year: number;
  /** null = the whole country. */
  regionPath: string | null;
  kinds?: readonly AgencyKind[] | null;
  page?: number;
  pageSize?: number;
}): Promise<CoverageGaps> {
  const { db, year } = options;
  const prefix = `${options.regionPath ?? ""}%`;
  const kinds = options.kinds && options.kinds.length > 0 ? [...options.kinds] : null;
  const pageSize = options.pageSize ?? GAPS_PAGE_SIZE;
  const offset = ((options.page ?? 1) - 1) * pageSize;
  const lapsedAgency = Prisma.sql`p."year" = ${year - 1}::int AND p."regionPath" LIKE ${prefix}
    AND (${kinds}::text[] IS NULL OR p."agencyKind" = ANY(${kinds}::text[]))
    AND NOT EXISTS (SELECT 1 FROM "ReportMetrics" m WHERE m."agencyId" = p."agencyId" AND m."year" = ${year}::int)`;
  const [towns, [townCounts], lapsed, [lapsedCount]] = await Promise.all([
    db.$queryRaw<(MissingTown & { parentNames: string[] | null })[]>`
      SELECT r."code", r."name",
             (SELECT array_agg(x."name" ORDER BY length(x."path")) FROM "Region" x
               WHERE x."code" = ANY (string_to_array(rtrim(r."path", '/'), '/')) AND x."code" <> r."code") AS "parentNames"
        FROM "Region" r
        CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM "ReportMetrics" m
                             WHERE m."regionPath" = r."path" AND m."year" = ${year}::int) AS "filed" OFFSET 0) f
       WHERE r."level" = 'town' AND r."path" LIKE ${prefix} AND NOT f."filed"
       ORDER BY r."path" LIMIT ${pageSize}::int OFFSET ${offset}::int`,
    countTowns({ db, year, regionPath: options.regionPath }),
    db.$queryRaw<(LapsedAgency & { regionNames: string[] | null })[]>`
      SELECT p."agencyId", a."name", a."kind",
             (SELECT array_agg(x."name" ORDER BY length(x."path")) FROM "Region" x
               WHERE x."code" = ANY (string_to_array(rtrim(p."regionPath", '/'), '/'))) AS "regionNames"
        FROM "ReportMetrics" p JOIN "Agency" a ON a."id" = p."agencyId"
        CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM "ReportMetrics" m
                             WHERE m."agencyId" = p."agencyId" AND m."year" = ${year}::int) AS "filed" OFFSET 0) f
       WHERE p."year" = ${year - 1}::int AND p."regionPath" LIKE ${prefix}
         AND (${kinds}::text[] IS NULL OR p."agencyKind" = ANY(${kinds}::text[])) AND NOT f."filed"
       ORDER BY p."regionPath", a."name" LIMIT ${pageSize}::int OFFSET ${offset}::int`,
    countLapsed({ db, year, regionPath: options.regionPath, kinds, lapsedAgency }),
  ]);
  return {
    towns: towns.map((town) => ({ ...town, parentNames: town.parentNames ?? [] })),
    townsTotal: townCounts?.missing ?? 0,
    townsExpected: townCounts?.expected ?? 0,
    lapsed: lapsed.map((agency) => ({ ...agency, regionNames: agency.regionNames ?? [] })),
    lapsedTotal: lapsedCount?.total ?? 0,
  };
}

/** Towns of the gazetteer in the region, and how many of them have no current report of the year. */
async function countTowns(options: {
  db: PrismaClient;
  year: number;
  regionPath: string | null;
}): Promise<{ missing: number; expected: number }[]> {
  const { db, year } = options;
  const path = options.regionPath ?? "";
  const depth = pathDepth(path);
  if (depth > SUMMARY_MAX_DEPTH) {
    return db.$queryRaw<{ missing: number; expected: number }[]>`
      SELECT (count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM "ReportMetrics" m WHERE m."regionPath" = r."path" AND m."year" = ${year}::int)))::int AS "missing",
             count(*)::int AS "expected"
        FROM "Region" r WHERE r."level" = 'town' AND r."path" LIKE ${`${path}%`}`;
  }
  const filed = path
    ? Prisma.sql`c."depth" = ${depth}::int AND c."regionPath" = ${path}`
    : Prisma.sql`c."depth" = 1`;
  return db.$queryRaw<{ missing: number; expected: number }[]>`
    SELECT (e."expected" - f."filed")::int AS "missing", e."expected"::int AS "expected"
      FROM (SELECT count(*) AS "expected" FROM "Region" r
             WHERE r."level" = 'town' AND ${path ? Prisma.sql`r."path" LIKE ${`${path}%`}` : Prisma.sql`TRUE`}) e,
           (SELECT coalesce(sum(c."townsFiled"), 0) AS "filed" FROM "RegionYearCoverage" c
             WHERE c."year" = ${year}::int AND ${filed}) f`;
}

/** Reports of the year before in the region whose agency has no report this year. */
async function countLapsed(options: {
  db: PrismaClient;
  year: number;
  regionPath: string | null;
  kinds: string[] | null;
  lapsedAgency: Prisma.Sql;
}): Promise<{ total: number }[]> {
  const { db, year, kinds } = options;
  const path = options.regionPath ?? "";
  const depth = pathDepth(path);
  if (depth > SUMMARY_MAX_DEPTH) {
    return db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS "total" FROM "ReportMetrics" p WHERE ${options.lapsedAgency}`;
  }
  // The country: the provinces' rows only — reports without a region have no path to match.
  const region = path
    ? Prisma.sql`s."depth" = ${depth}::int AND s."regionPath" = ${path}`
    : Prisma.sql`s."depth" = 1`;
  return db.$queryRaw<{ total: number }[]>`
    SELECT coalesce(sum(s."lapsedNext"), 0)::int AS "total" FROM "RegionYearMetrics" s
     WHERE s."year" = ${year - 1}::int AND ${region}
       AND (${kinds}::text[] IS NULL OR s."agencyKind" = ANY(${kinds}::text[]))`;
}
