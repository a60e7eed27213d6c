// A bulk load's statements are planned once per connection (store-in-bulk.ts, refresh-report-metrics.ts:
// keyed plans): its batches' transactions and the summaries recomputed behind them run on the generic plan
// a connection keeps for each statement, never on one made for a batch's values — which PostgreSQL made
// anew for every batch (the read model's upsert ≈ 8 ms, the counties' summaries ≈ 3 ms)
// (and without sequential scans: withTransaction's keyedPlans, upload-plans.test.ts). One connection, so
// that every statement's plans are in its session.
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeClient, createClient, getPool, type Db } from "@/lib/db/create-client";
import { BulkWriter } from "@/lib/ingest/bulk-writer";
import { SUMMARY_LOCK_SQL } from "@/lib/metrics/build-summary-function";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
});

test("a bulk load's batches and summaries run on one generic plan per statement", async () => {
  const single = createClient(t.url, { maxConnections: 1 });
  try {
    // Enough reports over enough counties that the summaries are recomputed behind the batches (more than
    // FEW_KEYS counties pending) as well as at the end; a second load lands in a filled read model.
    await load(single, { reports: 240, seed: 71 });
    await load(single, { reports: 240, seed: 72 });
    const { rows } = await getPool(single).query<{ statement: string; generic: string; custom: string }>(
      `SELECT statement, generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements`,
    );
    // The load's bookkeeping outside its transactions (AppState's flag, the planner's row count) is left
    // as it was: one row by key, a few times per load.
    const load_ = rows.filter((row) => !/"AppState"|pg_class/.test(row.statement));
    // The summaries' statements (build-summary-sql.ts) and their locks, which the load's end runs too.
    const isSummary = (row: { statement: string }) =>
      row.statement.trimStart().startsWith("WITH keys AS") || row.statement === SUMMARY_LOCK_SQL;
    // The batches' statements: never planned for their values, the read model's upsert planned once for all.
    const batch = load_.filter((row) => !isSummary(row));
    expect(batch.filter((row) => Number(row.custom) > 0).map((row) => row.statement.slice(0, 120))).toEqual(
      [],
    );
    const upsert = batch.filter((row) => row.statement.includes('INSERT INTO "ReportMetrics"'));
    expect(upsert.length).toBe(1);
    expect(Number(upsert[0]!.generic)).toBeGreaterThanOrEqual(4);
    // The counties' summaries behind the batches: one generic plan for every recompute (planned for their
    // values only at a load's end, as refreshDeferredSummaries runs them).
    const counties = load_.filter(
      (row) =>
        isSummary(row) &&
        row.statement.includes('INSERT INTO "RegionYearMetrics"') &&
        !row.statement.includes("parts AS"),
    );
    expect(counties.length).toBe(1);
    expect(Number(counties[0]!.generic)).toBeGreaterThanOrEqual(2);
  } finally {
    await closeClient(single);
  }
});

async function load(db: Db, options: { reports: number; seed: number }): Promise<void> {
  const writer = await BulkWriter.start<string>(db, {
    batchSize: 60,
    onResults: (results) => expect(results.every((result) => result.ok)).toBe(true),
  });
  for (const document of generateSyntheticDocuments({ ...options, years: { from: 2021, to: 2024 } }))
    await writer.add(document, document.sha256);
  await writer.finish();
}
