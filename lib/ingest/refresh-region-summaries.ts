// Keeps the read model's summaries (RegionYearMetrics, RegionYearCoverage, RegionYearFindings, RollUpCellSums)
// exact: called by refreshReportMetrics around its upsert, so every writer of the read model — uploads, bulk
// imports, corrections, refiling, an agency's region filled in — keeps them right in the same transaction.
//   const keys = await findSummaryKeys(client, target);   // before the read model changes
//   … upsert ReportMetrics …
//   await refreshRegionSummaries(client, keys);            // after
// The rows recomputed are every (year, region) a changed report counted in before or after the change, the
// year after (its "matched" sums pair each agency with its report of the year before) and the year before
// (its "lapsedNext" counts the agencies without a report in the year after it).
import type pg from "pg";
import { joinSql, rawSql, runQuery, sql, withTransaction, type Sql, type SqlClient } from "@/lib/db/sql";
import {
  SUMMARY_DELTA_FUNCTION_NAME,
  SUMMARY_DELTA_FUNCTION_SIGNATURE,
  SUMMARY_FUNCTION_NAME,
  SUMMARY_FUNCTION_SIGNATURE,
  SUMMARY_LOCK_SQL,
} from "@/lib/metrics/build-summary-function";
import type { VersionChange } from "@/lib/metrics/build-roll-up-delta-sql";
import {
  buildSummaryRebuildSql,
  buildSummaryRebuildSqlInParts,
  buildSummaryRefreshSql,
  summaryKeysOf,
  type SummaryKey,
} from "@/lib/metrics/build-summary-sql";

export interface SummaryTarget {
  agencyYears?: readonly { agencyId: number; year: number }[];
  /** Every year of these agencies (their region or kind changed). */
  agencyIds?: readonly number[];
}

/** The summary rows a change of these reports touches, as they stand now (call it before the change). */
export async function findSummaryKeys(client: SqlClient, target: SummaryTarget): Promise<SummaryKey[]> {
  if ((target.agencyYears ?? []).length === 0 && (target.agencyIds ?? []).length === 0) return [];
  return runQuery<SummaryKey>(client, summaryKeysQuery(target));
}

/**
 * findSummaryKeys as a query, for a caller that sends it together with the change in one statement (a
 * data-modifying WITH before it: the query still reads the rows as they stood before the statement).
 */
export function summaryKeysQuery(target: SummaryTarget): Sql {
  const pairs = target.agencyYears ?? [];
  const ids = [...(target.agencyIds ?? [])];
  // Only the parts with values: an upload's statement runs on a generic plan (ingest-document.ts), which
  // would guess ~70 rows for each empty ANY and hash the whole Agency table to join them.
  const parts: Sql[] = [];
  if (pairs.length > 0 || ids.length === 0)
    parts.push(
      sql`SELECT * FROM unnest(${pairs.map((p) => p.agencyId)}::int[], ${pairs.map((p) => p.year)}::int[]) AS t("agencyId", "year")`,
    );
  if (ids.length > 0)
    parts.push(
      sql`SELECT r."agencyId", r."year" FROM "Report" r WHERE r."agencyId" = ANY(${ids}::int[]) AND r."isCurrent"
    UNION SELECT m."agencyId", m."year" FROM "ReportMetrics" m WHERE m."agencyId" = ANY(${ids}::int[])`,
    );
  const agencyYears = joinSql(parts, "\n    UNION ");
  // Where each report counts after the change (its agency's region now) and before it (its read-model row,
  // the next year's row, whose matched sums pair it with this one, the year before's, whose lapsedNext
  // asks whether this one exists, and the agency's two earliest rows, one of which is its first report
  // before or after) — and a department's parent government's region, whose roll-up sums count it.
  return summaryKeysOf(sql`
      WITH t AS (${agencyYears})
      SELECT t."year", g."path" FROM t
        JOIN "Agency" a ON a."id" = t."agencyId" LEFT JOIN "Region" g ON g."code" = a."regionCode"
      UNION
      SELECT t."year", g."path" FROM t
        JOIN "Agency" a ON a."id" = t."agencyId"
        JOIN "Agency" parent ON parent."id" = a."parentId" JOIN "Region" g ON g."code" = parent."regionCode"
      UNION
      SELECT m."year", m."regionPath" FROM t
        JOIN "ReportMetrics" m ON m."agencyId" = t."agencyId" AND m."year" IN (t."year" - 1, t."year", t."year" + 1)
      UNION
      SELECT e."year", e."regionPath" FROM (SELECT DISTINCT t."agencyId" FROM t) ta
        CROSS JOIN LATERAL (SELECT m."year", m."regionPath" FROM "ReportMetrics" m
                             WHERE m."agencyId" = ta."agencyId" ORDER BY m."year" LIMIT 2) e`);
}

/**
 * Recomputes the rows of `keys` from the read model as it stands (call it after the change). With
 * `difference` (an upload: one agency-year got a new current version, nothing else about its agency
 * changed; `before` its contributions as beforeChangeSql gave them before the change) the rows
 * are updated by difference instead (build-summary-delta-sql.ts, build-roll-up-delta-sql.ts).
 */
export async function refreshRegionSummaries(
  client: SqlClient,
  keys: readonly SummaryKey[],
  options: { difference?: { changes: readonly VersionChange[]; before: string } } = {},
): Promise<void> {
  if (keys.length === 0) return;
  // Two writers of one province and year take turns (lib/metrics/build-summary-function.ts).
  const provinces = [...new Set(keys.map((k) => `${k.year}:${k.path.split("/")[0]}`))].sort();
  const years = keys.map((k) => k.year);
  const paths = keys.map((k) => k.path);
  const depths = keys.map((k) => k.depth);
  const difference = options.difference;
  if (
    difference &&
    keys.length <= FEW_KEYS &&
    (await hasSummaryFunction(client, SUMMARY_DELTA_FUNCTION_SIGNATURE))
  ) {
    const { changes, before } = difference;
    await runQuery(
      client,
      sql`SELECT ${rawSql(`"${SUMMARY_DELTA_FUNCTION_NAME}"`)}(${years}::int[], ${paths}::text[], ${depths}::int[], ${provinces}::text[],
            ${changes.map((c) => c.agencyId)}::int[], ${changes.map((c) => c.year)}::int[],
            ${changes.map((c) => c.reportId)}::int[], ${changes.map((c) => c.previousId)}::int[], ${before}::jsonb)`,
    );
    return;
  }
  if (keys.length <= FEW_KEYS && (await hasSummaryFunction(client, SUMMARY_FUNCTION_SIGNATURE))) {
    // The locks and every statement in one round trip (installed by applyMigrations).
    await runQuery(
      client,
      sql`SELECT ${rawSql(`"${SUMMARY_FUNCTION_NAME}"`)}(${years}::int[], ${paths}::text[], ${depths}::int[], ${provinces}::text[])`,
    );
    return;
  }
  // Without it (a database not migrated by this version yet): the same statements one by one.
  await client.query({ name: "nb_summary_locks", text: SUMMARY_LOCK_SQL, values: [provinces] });
  for (const statement of buildSummaryRefreshSql(keys, { skipEmptyDepths: true })) {
    await runQuery(client, statement);
  }
}

// An upload or a correction touches a handful of keys, where the round trips cost more than the statements;
// a bulk import's thousands of keys at its end go statement by statement, planned for their own size.
export const FEW_KEYS = 64;

// Whether a summary function of this version exists, per connection (a pool: asked every time). Only
// applyMigrations creates them, in a transaction of its own, so a connection that has seen one keeps it.
const SEEN_FUNCTIONS = new WeakMap<object, Set<string>>();

export async function hasSummaryFunction(client: SqlClient, signature: string): Promise<boolean> {
  if (SEEN_FUNCTIONS.get(client)?.has(signature)) return true;
  const [row] = await runQuery<{ installed: boolean }>(
    client,
    sql`SELECT to_regprocedure(${signature}) IS NOT NULL AS "installed"`,
  );
  if (row?.installed && !isPool(client)) {
    const seen = SEEN_FUNCTIONS.get(client) ?? new Set<string>();
    seen.add(signature);
    SEEN_FUNCTIONS.set(client, seen);
  }
  return row?.installed ?? false;
}

function isPool(client: SqlClient): client is pg.Pool {
  return "totalCount" in client;
}

/** Every summary row from the whole read model (the rebuild; the caller holds the read model locked). */
export async function rebuildRegionSummaries(client: SqlClient): Promise<void> {
  await runQuery(
    client,
    sql`TRUNCATE "RegionYearMetrics", "RegionYearCoverage", "RegionYearFindings", "RollUpCellSums"`,
  );
  const keys = await runQuery<SummaryKey>(
    client,
    summaryKeysOf(sql`SELECT DISTINCT m."year", m."regionPath" AS "path" FROM "ReportMetrics" m`),
  );
  for (const statement of buildSummaryRebuildSql(keys)) await runQuery(client, statement);
}

/**
 * rebuildRegionSummaries in three transactions at once, on three connections (buildSummaryRebuildSqlInParts):
 * each locks the read model against writers (SHARE) while it empties and fills its tables. For a bulk load
 * into an empty read model, at its end (DeferredSummaries.rebuildAtFinish), beside 排名's index builds.
 * The keys (every year and region of the read model), which only the upper levels take, are found on a
 * connection of their own while the parts fill their deepest rows: before them, that query (≈ 35–50 ms of
 * backend CPU at 5,000 reports) delayed every part, the longest of which ends the load.
 */
export async function rebuildRegionSummariesInParts(
  pool: pg.Pool,
  /**
   * Resolves once ReportCell has its key (a load that builds it at its end: defer-ranking-indexes.ts): the
   * roll-up sums, which read the cells, start then — planned without it, their statement hashed a scan of
   * every cell row (5,000 reports: 307–410 against 175–302 ms of backend CPU). The other parts go at once.
   */
  cellsKeyed?: Promise<unknown>,
): Promise<void> {
  const keys = runQuery<SummaryKey>(
    pool,
    summaryKeysOf(sql`SELECT DISTINCT m."year", m."regionPath" AS "path" FROM "ReportMetrics" m`),
  );
  // A part that fails first is the error reported; the keys' failure then is not left unhandled.
  keys.catch(() => undefined);
  await Promise.all(
    buildSummaryRebuildSqlInParts().map(async ({ tables, statements, upper }) => {
      if (tables.includes(`"RollUpCellSums"`)) await cellsKeyed;
      await withTransaction(pool, async (client) => {
        await client.query(`LOCK TABLE "ReportMetrics" IN SHARE MODE`);
        await client.query(`TRUNCATE ${tables}`);
        for (const statement of statements) await runQuery(client, statement);
        for (const statement of upper(await keys)) await runQuery(client, statement);
      });
    }),
  );
}
