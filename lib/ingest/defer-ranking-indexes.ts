// A bulk load into an empty read model (seed:synthetic, a first `npm run import`) builds 排名's indexes once
// at its end instead of keeping them up row by row: the partial index per metric on ReportMetrics
// (ranking-index.ts) and on ReportMetricChanges (metric-changes.ts) — 40 of the ~60 index entries a stored
// report adds besides its cells' keys, and the load itself never reads them (its statements find rows by
// key, region and year). Built from the finished tables in one sorted pass each, they cost less
// (bench:ingest-cpu, 5,000 reports: the read model's and the changes' statements ≈ 1,000 → 650 ms of backend
// CPU, the builds ≈ 180 ms; the builds' share falls as the load grows, the row-by-row upkeep's does not).
// With `cellKey` (seed:synthetic) ReportCell's primary key too, when ReportCell is empty: ~200 key entries a
// report, kept up row by row by the cells' COPY — most of its CPU (a bare table's COPY of a seed's cells
// costs ≈ 0.35 of the keyed one's; the key built after, in one sorted pass, ≈ 0.3 more; BENCHMARKS.md
// "seed18"). Only for a load that never looks a committed report's cells up by key: the seed's batches keep
// each agency's years together, so every report a batch compares is one of its own, whose cells it has
// (refresh-across-year-findings.ts). Meanwhile ReportCell is without its key: nothing writes a cell twice
// (a report's cells are written once, with the report), a reader of one report's cells scans the table.
// Into a read model that has rows nothing changes: its pages keep their indexes while others import.
//   const deferred = await deferRankingIndexes(pool, { cellKey: true });   // before the first batch
//   …
//   if (deferred) await restoreRankingIndexes(pool);                       // after the last
// A flag in AppState says they are missing: a load killed half-way leaves it, and the next start builds
// them, the cells' key included (ensureReportMetricsCurrent). Meanwhile the pages are right, only 排名's
// national pages (and a report's cells, without their key) slower.
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

// ReportCell's primary key as the migration defines it (20261203000000_compact_cells). Restored as a unique
// index first, then made the key (the index renamed to it, nothing scanned again): the build holds ReportCell
// in SHARE mode, so the summaries' rebuild beside it still reads the cells; only the last step, instant,
// takes the table alone (once the rebuild's reads have ended).
const CELL_KEY = "ReportCell_pkey";
const CELL_KEY_COLUMNS = `("reportId", "cellNo")`;

/**
 * Drops 排名's indexes when the read model is empty (and flags them missing); true when it did. With
 * `cellKey`, ReportCell's primary key too, when ReportCell is also empty. Writers of the read model and of
 * the cells wait for the moment it takes, so none adds a row between the check and the drop.
 */
export async function deferRankingIndexes(
  pool: pg.Pool,
  options: { cellKey?: boolean } = {},
): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    await client.query(
      `LOCK TABLE "ReportMetrics", "ReportMetricChanges"${options.cellKey ? `, "ReportCell"` : ""} IN SHARE ROW EXCLUSIVE MODE`,
    );
    const [state] = await runQuery<{ filled: boolean; cells: boolean }>(
      client,
      sql`SELECT EXISTS (SELECT 1 FROM "ReportMetrics") AS "filled", EXISTS (SELECT 1 FROM "ReportCell") AS "cells"`,
    );
    if (state!.filled) return false;
    await runQuery(
      client,
      sql`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (${RANKING_INDEXES_DEFERRED_KEY}, '1', now())
          ON CONFLICT ("key") DO UPDATE SET "value" = '1', "updatedAt" = now()`,
    );
    for (const index of INDEXES) await client.query(`DROP INDEX IF EXISTS "${index.name}"`);
    if (options.cellKey && !state!.cells)
      await client.query(`ALTER TABLE "ReportCell" DROP CONSTRAINT IF EXISTS "${CELL_KEY}"`);
    return true;
  });
}

/**
 * Builds what is missing of 排名's indexes (half of them on each of two connections: both cores) and of
 * ReportCell's key (on a third: the largest build), then clears the flag. Writes to the tables wait while an
 * index builds (a second at a million rows).
 */
export async function restoreRankingIndexes(
  pool: pg.Pool,
  /** ReportCell's key, when the caller has started building it already (restoreCellKey). */
  cellKey: Promise<void> = restoreCellKey(pool),
): Promise<void> {
  const halves = [0, 1].map((half) => INDEXES.filter((_, index) => index % 2 === half));
  await Promise.all([
    ...halves.map(async (indexes) => {
      for (const index of indexes) await pool.query(index.build);
    }),
    cellKey,
  ]);
  await runQuery(pool, sql`DELETE FROM "AppState" WHERE "key" = ${RANKING_INDEXES_DEFERRED_KEY}`);
}

/**
 * ReportCell's primary key, when it is missing: a unique index built in one sorted pass by this backend alone
 * (parallel workers cost ≈ 1.6× the CPU — 700–880 against 460–530 ms for 5,000 reports' cells — at a load's
 * end, where the other builds and the summaries' rebuild keep both cores busy), then made the key.
 */
export async function restoreCellKey(pool: pg.Pool): Promise<void> {
  await withTransaction(pool, async (client) => {
    const [key] = await runQuery<{ present: boolean }>(
      client,
      sql`SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '"ReportCell"'::regclass AND contype = 'p')
                 AS "present"`,
    );
    if (key!.present) return;
    await client.query(`SET LOCAL max_parallel_maintenance_workers = 0`);
    await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS "${CELL_KEY}" ON "ReportCell" ${CELL_KEY_COLUMNS}`);
    await client.query(
      `ALTER TABLE "ReportCell" ADD CONSTRAINT "${CELL_KEY}" PRIMARY KEY USING INDEX "${CELL_KEY}"`,
    );
  });
}
