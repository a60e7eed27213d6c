// 排名: the agencies in scope ranked by one metric for a year — rank (ties share one, RANK()), value, its
// n, last year's value and the change — one page of them, sorted as asked. Rates below the minimum n are
// not ranked (value null, listed after the ranked ones). The total comes from its own count query.
//   const { rows, total, ranked } = await getAgencyRanking({ db, year, scope, metric, minN, page: 1 });
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import type { SortKey } from "@/lib/queries/filters";
import { metricNSql, metricValueSql } from "@/lib/queries/metric-sql";
import type { MetricRow } from "@/lib/queries/metric-row";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";

export const RANKING_PAGE_SIZE = 50;

export interface AgencyRanking {
  rows: MetricRow[];
  /** Agencies in scope with a current report this year. */
  total: number;
  /** Of those, the ones with a value (rates: n ≥ the minimum). */
  ranked: number;
}

interface RawRankingRow {
  agencyId: number;
  name: string;
  kind: string;
  regionNames: string[] | null;
  rank: bigint | number | null;
  value: number | null;
  n: number | null;
  previousValue: number | null;
}

// Ties are broken by agency id (stable pages); the value sorts never need the names of rows off the page.
const ORDER_BY: Record<SortKey, string> = {
  value_desc: `"value" DESC NULLS LAST, "agencyId"`,
  value_asc: `"value" ASC NULLS LAST, "agencyId"`,
  change_desc: `("value" - "previousValue") DESC NULLS LAST, "agencyId"`,
  change_asc: `("value" - "previousValue") ASC NULLS LAST, "agencyId"`,
  name: `"name", "agencyId"`,
};
const VALUE_SORTS: ReadonlySet<SortKey> = new Set(["value_desc", "value_asc"]);

const regionNamesOf = Prisma.sql`(SELECT array_agg(x."name" ORDER BY length(x."path")) FROM "Region" x
  WHERE x."code" = ANY (string_to_array(rtrim(page."regionPath", '/'), '/'))) AS "regionNames"`;

export async function getAgencyRanking(options: {
  db: PrismaClient;
  year: number;
  scope: ReportScope;
  metric: MetricDefinition;
  minN: number;
  page?: number;
  pageSize?: number;
  sort?: SortKey;
}): Promise<AgencyRanking> {
  const { db, year, scope, metric, minN } = options;
  const pageSize = options.pageSize ?? RANKING_PAGE_SIZE;
  const offset = ((options.page ?? 1) - 1) * pageSize;
  const where = scopeWhere(scope, "m");
  const value = metricValueSql(metric, minN, "m");
  const sort = options.sort ?? "value_desc";
  const [rows, [counts]] = await Promise.all([
    VALUE_SORTS.has(sort)
      ? // By value: rank and page over the read model alone; names, last year and regions only for the page.
        db.$queryRaw<RawRankingRow[]>`
        WITH numbered AS (
          SELECT m."agencyId", m."regionPath", ${value} AS "value", ${metricNSql(metric, "m")} AS "n",
                 CASE WHEN ${value} IS NOT NULL THEN rank() OVER (ORDER BY ${value} DESC NULLS LAST) END AS "rank"
            FROM "ReportMetrics" m
           WHERE m."year" = ${year}::int AND ${where}
        ), page AS (
          SELECT * FROM numbered ORDER BY ${Prisma.raw(ORDER_BY[sort])} LIMIT ${pageSize}::int OFFSET ${offset}::int
        )
        SELECT page."agencyId", a."name", a."kind", page."rank", page."value", page."n",
               ${metricValueSql(metric, minN, "p")} AS "previousValue", ${regionNamesOf}
          FROM page
          JOIN "Agency" a ON a."id" = page."agencyId"
          LEFT JOIN "ReportMetrics" p ON p."agencyId" = page."agencyId" AND p."year" = ${year - 1}::int
         ORDER BY ${Prisma.raw(ORDER_BY[sort])}`
      : // By change or name: every row needs last year's value or its name before the page is cut.
        db.$queryRaw<RawRankingRow[]>`
        WITH numbered AS (
          SELECT m."agencyId", m."regionPath", a."name", a."kind", ${value} AS "value",
                 ${metricNSql(metric, "m")} AS "n", ${metricValueSql(metric, minN, "p")} AS "previousValue",
                 CASE WHEN ${value} IS NOT NULL THEN rank() OVER (ORDER BY ${value} DESC NULLS LAST) END AS "rank"
            FROM "ReportMetrics" m
            JOIN "Agency" a ON a."id" = m."agencyId"
            LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
           WHERE m."year" = ${year}::int AND ${where}
        ), page AS (
          SELECT * FROM numbered ORDER BY ${Prisma.raw(ORDER_BY[sort])} LIMIT ${pageSize}::int OFFSET ${offset}::int
        )
        SELECT page."agencyId", page."name", page."kind", page."rank", page."value", page."n",
               page."previousValue", ${regionNamesOf}
          FROM page ORDER BY ${Prisma.raw(ORDER_BY[sort])}`,
    db.$queryRaw<{ total: number; ranked: number }[]>`
      SELECT count(*)::int AS "total", count(${value})::int AS "ranked"
        FROM "ReportMetrics" m WHERE m."year" = ${year}::int AND ${where}`,
  ]);
  return {
    total: counts?.total ?? 0,
    ranked: counts?.ranked ?? 0,
    rows: rows.map((row) => ({
      entity: { type: "agency", id: row.agencyId },
      label: row.name,
      detail: [formatRegionNames(row.regionNames), row.kind].filter(Boolean).join(" · "),
      rank: row.rank === null ? null : Number(row.rank),
      value: row.value,
      n: row.n,
      previousValue: row.previousValue,
      change:
        row.value !== null && row.previousValue !== null
          ? Math.round((row.value - row.previousValue) * 1e9) / 1e9
          : null,
      reports: 1,
    })),
  };
}

/** ["重庆市", "重庆市", "九龙坡区"] → "重庆市 九龙坡区" (a municipality's city level repeats its name). */
export function formatRegionNames(names: readonly string[] | null): string {
  return (names ?? []).filter((name, index, all) => index === 0 || name !== all[index - 1]).join(" ");
}
