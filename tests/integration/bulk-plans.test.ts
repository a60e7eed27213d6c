// A bulk load's statements are planned once per connection (store-in-bulk.ts, refresh-report-metrics.ts:
// keyed plans): its batches' transactions, the summaries recomputed behind them and at its end all run on
// the generic plan a connection keeps for each statement, never on one made for a batch's values — which
// PostgreSQL made anew for every batch (the read model's upsert ≈ 8 ms, a city's summary statement ≈ 19 ms)
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
    const heavy = load_.filter((row) =>
      /INSERT INTO "(ReportMetrics|RegionYearMetrics|RollUpCellSums)"/.test(row.statement),
    );
    expect(heavy.length).toBeGreaterThanOrEqual(3);
    // Each statement ran again and again on the plan it was given once.
    expect(heavy.every((row) => Number(row.generic) >= 2)).toBe(true);
    expect(load_.filter((row) => Number(row.custom) > 0).map((row) => row.statement.slice(0, 120))).toEqual(
      [],
    );
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
