// A bulk load into an empty read model (seed:synthetic, a first `npm run import`) builds 排名's indexes once
// at its end instead of keeping them up row by row: the partial index per metric on ReportMetrics
// (ranking-index.ts) and on ReportMetricChanges (metric-changes.ts) — 40 of the ~60 index entries a stored
// report adds besides its cells' keys, and the load itself never reads them (its statements find rows by
// key, region and year). Built from the finished tables in one sorted pass each, they cost less
// (bench:ingest-cpu, 5,000 reports: the read model's and the changes' statements ≈ 1,000 → 650 ms of backend
// CPU, the builds ≈ 180 ms; the builds' share falls as the load grows, the row-by-row upkeep's does not).
// Into a read model that has rows nothing changes: its pages keep their indexes while others import.
//   const deferred = await deferRankingIndexes(pool);     // before the first batch
//   …
//   if (deferred) await restoreRankingIndexes(pool);      // after the last
// A flag in AppState says they are missing: a load killed half-way leaves it, and the next start builds
// them (ensureReportMetricsCurrent). Meanwhile the pages are right, only 排名's national pages slower.
import type pg from "pg";
import { runQuery, sql, withTransaction } from "@/lib/db/sql";
import { changeIndexBuildSql, changeIndexName } from "@/lib/metrics/metric-changes";
import { METRICS } from "@/lib/metrics/metric-dictionary";
import { rankingIndexBuildSql, rankingIndexName } from "@/lib/metrics/ranking-index";

export const RANKING_INDEXES_DEFERRED_KEY = "rankingIndexesDeferred";

const INDEXES = METRICS.flatMap((metric) => [
  { name: rankingIndexName(metric), build: rankingIndexBuildSql(metric) },
  { name: changeIndexName(metric), build: changeIndexBuildSql(metric) },
]);

/**
 * Drops 排名's indexes when the read model is empty (and flags them missing); true when it did. Writers of
 * the read model wait for the moment it takes, so none adds a row between the check and the drop.
 */
export async function deferRankingIndexes(pool: pg.Pool): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    await client.query(`LOCK TABLE "ReportMetrics", "ReportMetricChanges" IN SHARE ROW EXCLUSIVE MODE`);
    const [state] = await runQuery<{ filled: boolean }>(
      client,
      sql`SELECT EXISTS (SELECT 1 FROM "ReportMetrics") AS "filled"`,
    );
    if (state!.filled) return false;
    await runQuery(
      client,
      sql`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (${RANKING_INDEXES_DEFERRED_KEY}, '1', now())
          ON CONFLICT ("key") DO UPDATE SET "value" = '1', "updatedAt" = now()`,
    );
    for (const index of INDEXES) await client.query(`DROP INDEX IF EXISTS "${index.name}"`);
    return true;
  });
}

/**
 * Builds 排名's indexes where they are missing (half of them on each of two connections: both cores), then
 * clears the flag. Writes to the two tables wait while an index builds (a second at a million rows).
 */
export async function restoreRankingIndexes(pool: pg.Pool): Promise<void> {
  const halves = [0, 1].map((half) => INDEXES.filter((_, index) => index % 2 === half));
  await Promise.all(
    halves.map(async (indexes) => {
      for (const index of indexes) await pool.query(index.build);
    }),
  );
  await runQuery(pool, sql`DELETE FROM "AppState" WHERE "key" = ${RANKING_INDEXES_DEFERRED_KEY}`);
}
