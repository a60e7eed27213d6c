// Keeps the read model's summaries (RegionYearMetrics, RegionYearCoverage, RegionYearFindings) exact: called by
// refreshReportMetrics around its upsert, so every writer of the read model — uploads, bulk imports,
// corrections, refiling, an agency's region filled in — keeps them right in the same transaction.
//   const keys = await findSummaryKeys(client, target);   // before the read model changes
//   … upsert ReportMetrics …
//   await refreshRegionSummaries(client, keys);            // after
// The rows recomputed are every (year, region) a changed report counted in before or after the change, the
// year after (its "matched" sums pair each agency with its report of the year before) and the year before
// (its "lapsedNext" counts the agencies without a report in the year after it).
import { runQuery, sql, type SqlClient } from "@/lib/db/sql";
import {
  buildSummaryRebuildSql,
  buildSummaryRefreshSql,
  summaryKeysOf,
  type SummaryKey,
} from "@/lib/metrics/build-summary-sql";

export interface SummaryTarget {
  agencyYears?: readonly { agencyId: number; year: number }[];
  /** Every year of these agencies (their region or kind changed). */
  agencyIds?: readonly number[];
}

// Two writers recomputing rows of one province and year would each miss the other's uncommitted reports:
// they take turns on a transaction lock per (year, province), always in ascending order (no deadlock).
const SUMMARY_LOCK_SPACE = 0x5359;

/** The summary rows a change of these reports touches, as they stand now (call it before the change). */
export async function findSummaryKeys(client: SqlClient, target: SummaryTarget): Promise<SummaryKey[]> {
  const pairs = target.agencyYears ?? [];
  const ids = [...(target.agencyIds ?? [])];
  if (pairs.length === 0 && ids.length === 0) return [];
  const agencyYears = sql`
    SELECT * FROM unnest(${pairs.map((p) => p.agencyId)}::int[], ${pairs.map((p) => p.year)}::int[]) AS t("agencyId", "year")
    UNION SELECT r."agencyId", r."year" FROM "Report" r WHERE r."agencyId" = ANY(${ids}::int[]) AND r."isCurrent"
    UNION SELECT m."agencyId", m."year" FROM "ReportMetrics" m WHERE m."agencyId" = ANY(${ids}::int[])`;
  // Where each report counts after the change (its agency's region now) and before it (its read-model row,
  // the next year's row, whose matched sums pair it with this one, the year before's, whose lapsedNext
  // asks whether this one exists, and the agency's two earliest rows, one of which is its first report
  // before or after).
  return runQuery<SummaryKey>(
    client,
    summaryKeysOf(sql`
      WITH t AS (${agencyYears})
      SELECT t."year", g."path" FROM t
        JOIN "Agency" a ON a."id" = t."agencyId" LEFT JOIN "Region" g ON g."code" = a."regionCode"
      UNION
      SELECT m."year", m."regionPath" FROM t
        JOIN "ReportMetrics" m ON m."agencyId" = t."agencyId" AND m."year" IN (t."year" - 1, t."year", t."year" + 1)
      UNION
      SELECT e."year", e."regionPath" FROM (SELECT DISTINCT t."agencyId" FROM t) ta
        CROSS JOIN LATERAL (SELECT m."year", m."regionPath" FROM "ReportMetrics" m
                             WHERE m."agencyId" = ta."agencyId" ORDER BY m."year" LIMIT 2) e`),
  );
}

/** Recomputes the rows of `keys` from the read model as it stands (call it after the change). */
export async function refreshRegionSummaries(client: SqlClient, keys: readonly SummaryKey[]): Promise<void> {
  if (keys.length === 0) return;
  const provinces = [...new Set(keys.map((k) => `${k.year}:${k.path.split("/")[0]}`))].sort();
  await runQuery(
    client,
    sql`SELECT pg_advisory_xact_lock(${SUMMARY_LOCK_SPACE}::int, k)
          FROM (SELECT DISTINCT hashtext(p) AS k FROM unnest(${provinces}::text[]) p ORDER BY 1) x`,
  );
  for (const statement of buildSummaryRefreshSql(keys)) await runQuery(client, statement);
}

/** Every summary row from the whole read model (the rebuild; the caller holds the read model locked). */
export async function rebuildRegionSummaries(client: SqlClient): Promise<void> {
  await runQuery(client, sql`TRUNCATE "RegionYearMetrics", "RegionYearCoverage", "RegionYearFindings"`);
  const keys = await runQuery<SummaryKey>(
    client,
    summaryKeysOf(sql`SELECT DISTINCT m."year", m."regionPath" AS "path" FROM "ReportMetrics" m`),
  );
  for (const statement of buildSummaryRebuildSql(keys)) await runQuery(client, statement);
}
