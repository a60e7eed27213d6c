// 排名: the agencies in scope ranked by one metric for a year — rank (ties share one, RANK()), value, its
// n, last year's value and the change — one page of them, sorted as asked. Rates below the minimum n are
// not ranked (value null, listed after the ranked ones). The total comes from its own count query.
// Sorted by value, the page is cut by a bounded sort (no sort of the whole year) and each row's rank, 1 +
// the rows with a higher value, is worked out from two counts around the page's highest value
// (rankPageRows) instead of a window over every agency in scope. Sorted by change or name, the page is cut
// first (last year's rows joined by their year) and its ranks come from one counting pass (rankByBuckets).
//   const { rows, total, ranked } = await getAgencyRanking({ db, year, scope, metric, minN, page: 1 });
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { changeColumnText, changedRowsText, keepsChangesAt } from "@/lib/metrics/metric-changes";
import { rankedRowsText, rankingKeyText } from "@/lib/metrics/ranking-index";
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
  if (VALUE_SORTS.has(sort) && scope.regionPath === null) {
    const indexed = await rankNationallyByIndex({ db, year, scope, metric, minN, offset, pageSize, sort });
    if (indexed) return indexed;
  }
  if (VALUE_SORTS.has(sort)) {
    const rows = await db.$queryRaw<(RawRankingRow & RankCounts)[]>`
      WITH page AS MATERIALIZED (
        SELECT m."agencyId", m."regionPath", ${value} AS "value", ${metricNSql(metric, "m")} AS "n"
          FROM "ReportMetrics" m
         WHERE m."year" = ${year}::int AND ${where}
         ORDER BY ${Prisma.raw(ORDER_BY[sort])} LIMIT ${pageSize}::int OFFSET ${offset}::int
      ), top AS (
        SELECT max(page."value") AS "hi" FROM page
      ), counts AS (
        SELECT count(*)::int AS "total", count(${value})::int AS "ranked",
               (count(*) FILTER (WHERE ${value} > top."hi"))::int AS "aboveHi",
               (count(*) FILTER (WHERE ${value} >= top."hi"))::int AS "atLeastHi"
          FROM "ReportMetrics" m CROSS JOIN top
         WHERE m."year" = ${year}::int AND ${where}
      )
      SELECT page."agencyId", a."name", a."kind", NULL::bigint AS "rank", page."value", page."n",
             ${metricValueSql(metric, minN, "p")} AS "previousValue", ${regionNamesOf}, counts.*
        FROM counts
        LEFT JOIN page ON true
        LEFT JOIN "Agency" a ON a."id" = page."agencyId"
        LEFT JOIN "ReportMetrics" p ON p."agencyId" = page."agencyId" AND p."year" = ${year - 1}::int
       ORDER BY ${Prisma.raw(ORDER_BY[sort].replaceAll('"value"', 'page."value"').replaceAll('"agencyId"', 'page."agencyId"'))}`;
    const counts = rows[0];
    const pageRows = rows.filter((row) => row.agencyId !== null);
    return toRanking(rankPageRows(pageRows, counts), counts);
  }
  if (!VALUE_SORTS.has(sort) && sort !== "name" && scope.regionPath === null) {
    const indexed = await rankChangeNationallyByIndex({
      db,
      year,
      scope,
      metric,
      minN,
      offset,
      pageSize,
      sort,
    });
    if (indexed) return indexed;
  }
  // By change or name: every row needs last year's value (or its name) before the page is cut; the ranks
  // of the page's rows then come from one counting pass (rankByBuckets), not a window over every row.
  const byName = sort === "name";
  const pageRows = await db.$queryRaw<RawRankingRow[]>`
    WITH scoped AS (
      SELECT m."agencyId", m."regionPath", ${value} AS "value", ${metricNSql(metric, "m")} AS "n",
             ${metricValueSql(metric, minN, "p")} AS "previousValue"
             ${byName ? Prisma.sql`, a."name"` : Prisma.empty}
        FROM "ReportMetrics" m
        LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = ${year - 1}::int
        ${byName ? Prisma.sql`JOIN "Agency" a ON a."id" = m."agencyId"` : Prisma.empty}
       WHERE m."year" = ${year}::int AND ${where}
    ), page AS MATERIALIZED (
      SELECT * FROM scoped ORDER BY ${Prisma.raw(ORDER_BY[sort])} LIMIT ${pageSize}::int OFFSET ${offset}::int
    )
    SELECT page."agencyId", a."name", a."kind", NULL::bigint AS "rank", page."value", page."n",
           page."previousValue", ${regionNamesOf}
      FROM page JOIN "Agency" a ON a."id" = page."agencyId"
     ORDER BY ${Prisma.raw(ORDER_BY[sort].replaceAll('"value"', 'page."value"').replaceAll('"agencyId"', 'page."agencyId"').replaceAll('"previousValue"', 'page."previousValue"').replaceAll('"name"', 'a."name"'))}`;
  const { rows, counts } = await rankByBuckets({
    db,
    pageRows,
    value,
    from: Prisma.sql`"ReportMetrics" m WHERE m."year" = ${year}::int AND ${where}`,
  });
  return toRanking(rows, counts);
}

/** One page of a national ranking, as the index paths take it. */
interface NationalPageOptions {
  db: PrismaClient;
  year: number;
  scope: ReportScope;
  metric: MetricDefinition;
  minN: number;
  offset: number;
  pageSize: number;
  sort: SortKey;
}

/**
 * A national ranking by value from the metric's value-order index (lib/metrics/ranking-index.ts): the page
 * is the index range of the year's ranked rows from the top (or the bottom), the total and the ranked count
 * are index-only counts, and the page's ranks follow from the rows beyond the page's highest value hi.
 * Descending, that is a short range (the rows above the page), and the rows at or above hi are the rows
 * before the page plus the page's own rows at hi — every earlier row is ≥ hi, and a later one at hi would
 * mean the whole page is at hi, where no row needs that count. Ascending, the rows above hi are the ranked
 * count less those at or below hi (a range from the bottom), and the rows below hi are the earlier rows
 * and the page's own below hi (needed only when the page has some). Null when the page runs past the ranked rows into the unranked
 * ones (the last pages): the general query serves those.
 */
async function rankNationallyByIndex(options: NationalPageOptions): Promise<AgencyRanking | null> {
  const { db, year, scope, metric, minN, offset, pageSize } = options;
  const where = scopeWhere(scope, "m");
  const key = Prisma.raw(rankingKeyText(metric, "m"));
  const ranked = Prisma.raw(rankedRowsText(metric, minN, "m"));
  const descending = options.sort === "value_desc";
  const inRanking = Prisma.sql`m."year" = ${year}::int AND ${ranked} AND ${where}`;
  // Written as the index is ordered (no NULLS LAST: the ranked rows have a value), so that descending is
  // the index read forwards and ascending read backwards (then sorted by agency within equal values).
  const order = descending ? Prisma.sql`${key} DESC, m."agencyId"` : Prisma.sql`${key}, m."agencyId"`;
  const beyondHi = descending
    ? Prisma.sql`(SELECT count(*)::int FROM "ReportMetrics" m, top WHERE ${inRanking} AND ${key} > top."hi")`
    : Prisma.sql`(SELECT count(*)::int FROM "ReportMetrics" m, top WHERE ${inRanking} AND ${key} <= top."hi")`;
  const rows = await db.$queryRaw<(RawRankingRow & { total: number; ranked: number; beyondHi: number })[]>`
    WITH page AS MATERIALIZED (
      SELECT m."agencyId", m."regionPath", ${key} AS "value", ${metricNSql(metric, "m")} AS "n"
        FROM "ReportMetrics" m
       WHERE ${inRanking}
       ORDER BY ${order} LIMIT ${pageSize}::int OFFSET ${offset}::int
    ), top AS (
      SELECT max(page."value") AS "hi" FROM page
    ), counts AS (
      SELECT (SELECT count(*)::int FROM "ReportMetrics" m WHERE m."year" = ${year}::int AND ${where}) AS "total",
             (SELECT count(*)::int FROM "ReportMetrics" m WHERE ${inRanking}) AS "ranked",
             ${beyondHi} AS "beyondHi"
    )
    SELECT page."agencyId", a."name", a."kind", NULL::bigint AS "rank", page."value", page."n",
           ${metricValueSql(metric, minN, "p")} AS "previousValue", ${regionNamesOf}, counts.*
      FROM counts
      LEFT JOIN page ON true
      LEFT JOIN "Agency" a ON a."id" = page."agencyId"
      LEFT JOIN "ReportMetrics" p ON p."agencyId" = page."agencyId" AND p."year" = ${year - 1}::int
     ORDER BY ${descending ? Prisma.sql`page."value" DESC` : Prisma.sql`page."value"`}, page."agencyId"`;
  const counts = rows[0]!;
  const pageRows = rows.filter((row) => row.agencyId !== null);
  // Past the ranked rows the page would continue with the unranked ones (value null, by agency).
  if (pageRows.length < pageSize && counts.total > offset + pageRows.length) return null;
  if (pageRows.length === 0) return toRanking([], counts);
  const hi = Math.max(...pageRows.map((row) => row.value!));
  const atHiOnPage = pageRows.filter((row) => row.value === hi).length;
  const aboveHi = descending ? counts.beyondHi : counts.ranked - counts.beyondHi;
  // Rows below hi: ascending, every earlier row and the page's own below hi (later rows are ≥ hi).
  const atLeastHi = descending ? offset + atHiOnPage : counts.ranked - offset - pageRows.length + atHiOnPage;
  return toRanking(rankPageRows(pageRows, { aboveHi, atLeastHi }), counts);
}

/**
 * A national ranking by change. The page is a range of the metric's change-order index (ReportMetricChanges,
 * lib/metrics/metric-changes.ts: each agency-year's change against the year before, kept by the read
 * model's refresh), its rows' values of both years read by key — for a count always, for a rate at the
 * default minimum n or a larger one. A rate at a smaller minimum n (changes the table leaves out): this
 * year's and last year's ranked rows joined by agency and cut by a bounded sort. The page's ranks by value
 * come from one counting pass over this year's ranked rows (rankByBuckets; the value index, index-only, at
 * the default minimum n or above), the total from an index-only count. Null when the page runs into the
 * rows without a change (the last pages).
 */
async function rankChangeNationallyByIndex(options: NationalPageOptions): Promise<AgencyRanking | null> {
  const { db, year, scope, metric, minN, offset, pageSize } = options;
  const where = scopeWhere(scope, "m");
  const key = Prisma.raw(rankingKeyText(metric, "m"));
  const inRanking = Prisma.sql`m."year" = ${year}::int AND ${Prisma.raw(rankedRowsText(metric, minN, "m"))} AND ${where}`;
  const pageRows = await (keepsChangesAt(metric, minN)
    ? keptChangePage(options)
    : joinedChangePage(options, { key, inRanking }));
  // The two passes over the year — the total (index-only) and the ranks' counting pass — at once, on two
  // connections: the kept page takes a few ms, so they no longer wait for each other after it.
  const [[counts], ranked] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS "total" FROM "ReportMetrics" m WHERE m."year" = ${year}::int AND ${where}`,
    rankByBuckets({ db, pageRows, value: key, from: Prisma.sql`"ReportMetrics" m WHERE ${inRanking}` }),
  ]);
  const total = counts!.total;
  // Past the rows with a change the page would continue with the others (change null, by agency).
  if (pageRows.length < pageSize && total > offset + pageRows.length) return null;
  // The counting pass saw the ranked rows only: every one of them has a value.
  return toRanking(ranked.rows, { total, ranked: ranked.counts.total });
}

/**
 * The page from the kept changes: an index range of this year's rows in change order (read backwards for
 * the ascending sort, then sorted by agency within equal changes), then the page's 50 rows of both years by
 * ReportMetrics(agencyId, year) for the values shown — the same expressions as the general query, whose
 * difference is the kept change bit for bit.
 */
function keptChangePage(options: NationalPageOptions): Promise<RawRankingRow[]> {
  const { db, year, scope, metric, minN, offset, pageSize } = options;
  const change = Prisma.raw(changeColumnText(metric, "c"));
  const descending = options.sort === "change_desc";
  return db.$queryRaw<RawRankingRow[]>`
    WITH page AS MATERIALIZED (
      SELECT c."agencyId", ${change} AS "change"
        FROM "ReportMetricChanges" c
       WHERE c."year" = ${year}::int AND ${Prisma.raw(changedRowsText(metric, minN, "c"))} AND ${scopeWhere(scope, "c")}
       ORDER BY ${descending ? Prisma.sql`${change} DESC` : change}, c."agencyId" LIMIT ${pageSize}::int OFFSET ${offset}::int
    )
    SELECT page."agencyId", a."name", a."kind", NULL::bigint AS "rank", page."value", page."n",
           page."previousValue", ${regionNamesOf}
      FROM (SELECT page.*, m."regionPath", ${metricValueSql(metric, minN, "m")} AS "value",
                   ${metricNSql(metric, "m")} AS "n", ${metricValueSql(metric, minN, "p")} AS "previousValue"
              FROM page
              JOIN "ReportMetrics" m ON m."agencyId" = page."agencyId" AND m."year" = ${year}::int
              JOIN "ReportMetrics" p ON p."agencyId" = page."agencyId" AND p."year" = ${year - 1}::int) page
      JOIN "Agency" a ON a."id" = page."agencyId"
     ORDER BY ${descending ? Prisma.sql`page."change" DESC` : Prisma.sql`page."change"`}, page."agencyId"`;
}

/**
 * The page from this year's and last year's ranked rows, joined by agency and cut by a bounded sort by the
 * difference (a rate at a minimum n below the kept changes': the value index does not hold those rows
 * either, so both years are read from the read model).
 */
function joinedChangePage(
  options: NationalPageOptions,
  { key, inRanking }: { key: Prisma.Sql; inRanking: Prisma.Sql },
): Promise<RawRankingRow[]> {
  const { db, year, metric, minN, offset, pageSize } = options;
  const change = Prisma.raw(
    options.sort === "change_desc"
      ? `(c."value" - l."value") DESC, c."agencyId"`
      : `(c."value" - l."value"), c."agencyId"`,
  );
  // Only the index's columns in the scans (agency, value, a rate's n): the region is read for the page's rows.
  return db.$queryRaw<RawRankingRow[]>`
    WITH page AS MATERIALIZED (
      SELECT c."agencyId", c."value", c."n", l."value" AS "previousValue"
        FROM (SELECT m."agencyId", ${key} AS "value", ${metricNSql(metric, "m")} AS "n"
                FROM "ReportMetrics" m WHERE ${inRanking}) c
        JOIN (SELECT m."agencyId", ${key} AS "value"
                FROM "ReportMetrics" m
               WHERE m."year" = ${year - 1}::int AND ${Prisma.raw(rankedRowsText(metric, minN, "m"))}) l
          ON l."agencyId" = c."agencyId"
       ORDER BY ${change} LIMIT ${pageSize}::int OFFSET ${offset}::int
    )
    SELECT page."agencyId", a."name", a."kind", NULL::bigint AS "rank", page."value", page."n",
           page."previousValue", ${regionNamesOf}
      FROM (SELECT page.*, m."regionPath" FROM page
              JOIN "ReportMetrics" m ON m."agencyId" = page."agencyId" AND m."year" = ${year}::int) page
      JOIN "Agency" a ON a."id" = page."agencyId"
     ORDER BY ${Prisma.raw(options.sort === "change_desc" ? `(page."value" - page."previousValue") DESC` : `(page."value" - page."previousValue")`)}, page."agencyId"`;
}

/**
 * RANK() of any page of rows — 1 + the rows in scope with a higher value — and the scope's counts, in one
 * pass over the scope: each value is placed among the page's distinct values by width_bucket (a binary
 * search), and bucket i (t_i ≤ v < t_i+1) holds the rows above t_i except those equal to it.
 */
async function rankByBuckets(options: {
  db: PrismaClient;
  pageRows: RawRankingRow[];
  value: Prisma.Sql;
  /** `"ReportMetrics" m WHERE …`: the scope. */
  from: Prisma.Sql;
}): Promise<{ rows: RawRankingRow[]; counts: { total: number; ranked: number } }> {
  const { db, pageRows, value, from } = options;
  const thresholds = [...new Set(pageRows.flatMap((row) => (row.value === null ? [] : [row.value])))].sort(
    (a, b) => a - b,
  );
  if (thresholds.length === 0) {
    const [counts] = await db.$queryRaw<{ total: number; ranked: number }[]>`
      SELECT count(*)::int AS "total", count(${value})::int AS "ranked" FROM ${from}`;
    return { rows: pageRows.map((row) => ({ ...row, rank: null })), counts: counts! };
  }
  const buckets = await db.$queryRaw<{ bucket: number | null; rows: number; equal: number }[]>`
    SELECT x."bucket", count(*)::int AS "rows",
           (count(*) FILTER (WHERE x."v" = (${thresholds}::float8[])[x."bucket"]))::int AS "equal"
      FROM (SELECT width_bucket(${value}, ${thresholds}::float8[]) AS "bucket", ${value} AS "v" FROM ${from} OFFSET 0) x
     GROUP BY x."bucket"`;
  const inBucket = new Map(buckets.map((b) => [b.bucket, b]));
  const above = (i: number) => {
    // Rows above thresholds[i - 1] (bucket numbers start at 1).
    let count = (inBucket.get(i)?.rows ?? 0) - (inBucket.get(i)?.equal ?? 0);
    for (let j = i + 1; j <= thresholds.length; j++) count += inBucket.get(j)?.rows ?? 0;
    return count;
  };
  const rankOf = new Map(thresholds.map((t, index) => [t, above(index + 1) + 1]));
  const total = buckets.reduce((sum, b) => sum + b.rows, 0);
  const ranked = total - (inBucket.get(null)?.rows ?? 0);
  return {
    rows: pageRows.map((row) => ({ ...row, rank: row.value === null ? null : rankOf.get(row.value)! })),
    counts: { total, ranked },
  };
}

interface RankCounts {
  total: number;
  ranked: number;
  /** Rows in scope whose value is above the page's highest value, and at least that value. */
  aboveHi: number;
  atLeastHi: number;
}

/**
 * RANK() of the page's rows — 1 + the rows in scope with a higher value — from the page alone and two
 * counts: a row at the page's highest value hi has aboveHi rows above it; a lower row has every row at
 * or above hi (atLeastHi) plus the page's rows between it and hi, for every row with a value in between
 * sorts between them, on the page (descending or ascending alike).
 */
export function rankPageRows<Row extends { value: number | null; rank: bigint | number | null }>(
  rows: readonly Row[],
  counts: Pick<RankCounts, "aboveHi" | "atLeastHi"> | undefined,
): Row[] {
  const values = rows.map((row) => row.value).filter((value): value is number => value !== null);
  if (values.length === 0 || !counts) return rows.map((row) => ({ ...row, rank: null }));
  const ascending = [...values].sort((a, b) => a - b);
  const hi = ascending.at(-1)!;
  // The first index whose value is above v (or at least v): values in (v, hi) by two binary searches.
  const firstIndex = (test: (value: number) => boolean) => {
    let low = 0;
    let high = ascending.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (test(ascending[middle]!)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const firstAtHi = firstIndex((value) => value >= hi);
  return rows.map((row) => {
    const v = row.value;
    if (v === null) return { ...row, rank: null };
    if (v === hi) return { ...row, rank: counts.aboveHi + 1 };
    const between = firstAtHi - firstIndex((value) => value > v);
    return { ...row, rank: counts.atLeastHi + between + 1 };
  });
}

function toRanking(
  rows: readonly RawRankingRow[],
  counts: { total: number; ranked: number } | undefined,
): AgencyRanking {
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
