// A bulk load's statements are planned once per connection (store-in-bulk.ts, refresh-report-metrics.ts:
// keyed plans): its batches' transactions and its summaries' (behind them and at its end) run on the
// generic plan a connection keeps for each statement, never on one made for the values at hand — which
// PostgreSQL made anew for every batch (the read model's upsert ≈ 2 ms, ≈ 8 ms on a new connection; the
// cities' and provinces' summaries ≈ 20 ms)
// (and without sequential scans: withTransaction's keyedPlans, upload-plans.test.ts). One connection, so
// that every statement's plans are in its session.
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeClient, createClient, getPool, type Db } from "@/lib/db/create-client";
import { BulkWriter } from "@/lib/ingest/bulk-writer";
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
    // Every statement of the batches and of the summaries (behind them and at the end): never planned for
    // its values.
    expect(load_.filter((row) => Number(row.custom) > 0).map((row) => row.statement.slice(0, 120))).toEqual(
      [],
    );
    // The read model's upsert, once per batch, and the counties' summaries, once per recompute: each on the
    // one plan the connection made for it.
    const upsert = load_.filter((row) => row.statement.includes('INSERT INTO "ReportMetrics"'));
    const counties = load_.filter(
      (row) =>
        row.statement.trimStart().startsWith("WITH keys AS") &&
        row.statement.includes('INSERT INTO "RegionYearMetrics"') &&
        !row.statement.includes("parts AS"),
    );
    expect([upsert.length, counties.length]).toEqual([1, 1]);
    expect(Number(upsert[0]!.generic)).toBeGreaterThanOrEqual(4);
    expect(Number(counties[0]!.generic)).toBeGreaterThanOrEqual(3);
  } finally {
    await closeClient(single);
  }
});

test("a batch's summaries by difference take the contributions before and after by one statement, one plan", async () => {
  // Before and after a batch's changes the listed read-model rows' contributions (≈ 330 aggregates) were
  // part of two statements, BULK_SUMMARIES_BEFORE and BULK_METRICS_DIFFERENCE, each planned on every
  // connection after every ANALYZE of a table they read: ≈ 34 ms of a connection's ≈ 45 ms planning the
  // batch's statements (BENCHMARKS.md "pg19"). One statement now takes both sides.
  const single = createClient(t.url, { maxConnections: 1 });
  try {
    await getPool(single).query("DEALLOCATE ALL");
    await load(single, { reports: 120, seed: 73 }, { summariesByDifferenceFrom: 0 });
    const { rows } = await getPool(single).query<{ statement: string; generic: string; custom: string }>(
      `SELECT statement, generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements`,
    );
    // The contributions by key: each key's sums as one array, the report count first.
    const contributions = rows.filter((row) => row.statement.includes('ARRAY[sum(r."reports")::int'));
    expect(contributions.map((row) => row.statement.replace(/\s+/g, " ").slice(0, 58))).toEqual([
      'WITH metrics AS ( INSERT INTO "stage_summary_metric_sides"',
    ]);
    // Two calls a batch (120 reports in batches of at most 60: two batches or more), on one generic plan.
    expect(Number(contributions[0]!.generic)).toBeGreaterThanOrEqual(4);
    expect(Number(contributions[0]!.custom)).toBe(0);
  } finally {
    await closeClient(single);
  }
});

async function load(
  db: Db,
  options: { reports: number; seed: number },
  writerOptions: { summariesByDifferenceFrom?: number } = {},
): Promise<void> {
  const writer = await BulkWriter.start<string>(db, {
    ...writerOptions,
    batchSize: 60,
    onResults: (results) => expect(results.every((result) => result.ok)).toBe(true),
  });
  for (const document of generateSyntheticDocuments({ ...options, years: { from: 2021, to: 2024 } }))
    await writer.add(document, document.sha256);
  await writer.finish();
}
