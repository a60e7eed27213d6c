// The summaries' refresh sent as one call (the plpgsql function applyMigrations installs, named by the
// fingerprint of its body) and sent statement by statement (a database without the function) give the same
// rows: uploads in two years and a second version, recomputed both ways. That the rows are right is the
// business of region-summaries.test.ts; this file holds the two ways of sending them to each other.
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { getUploadFunctions } from "@/lib/ingest/build-upload-function";
import { canFinishUpload } from "@/lib/ingest/finish-upload";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { refreshRegionSummaries } from "@/lib/ingest/refresh-region-summaries";
import { canWriteUploadDocument } from "@/lib/ingest/write-upload-document";
import {
  SUMMARY_DELTA_FUNCTION_NAME,
  SUMMARY_DELTA_FUNCTION_SIGNATURE,
  SUMMARY_FUNCTION_NAME,
  SUMMARY_FUNCTION_SIGNATURE,
} from "@/lib/metrics/build-summary-function";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";
import { buildReadResult, uniqueBytes } from "@/tests/helpers/read-result-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

async function ingest(db: TestDatabase["db"], prefix: string, year: number) {
  return ingestDocument(
    db,
    { bytes: uniqueBytes(), fileName: `${prefix}-${year}.txt` },
    buildReadResult(prefix, { year }),
  );
}

const SUMMARY_ROWS = `
  SELECT to_jsonb(s) - 'updatedAt' AS row FROM "RegionYearMetrics" s
  UNION ALL SELECT to_jsonb(c) - 'updatedAt' FROM "RegionYearCoverage" c
  ORDER BY 1`;

async function summaryRows(): Promise<unknown[]> {
  const { rows } = await getPool(t.db).query<{ row: unknown }>(SUMMARY_ROWS);
  return rows.map((r) => r.row);
}

test("applyMigrations installs the functions of this version's summary SQL", async () => {
  expect(SUMMARY_FUNCTION_NAME).toMatch(/^nb_refresh_summaries_[0-9a-f]{16}$/);
  expect(SUMMARY_DELTA_FUNCTION_NAME).toMatch(/^nb_refresh_summaries_delta_[0-9a-f]{16}$/);
  for (const signature of [SUMMARY_FUNCTION_SIGNATURE, SUMMARY_DELTA_FUNCTION_SIGNATURE]) {
    const { rows } = await getPool(t.db).query<{ installed: boolean }>(
      `SELECT to_regprocedure($1) IS NOT NULL AS installed`,
      [signature],
    );
    expect(rows[0]!.installed).toBe(true);
  }
});

// An upload falls back to its separate statements when a function is missing, so a signature that no longer
// names the installed function would only show as a slower upload: checked here.
test("applyMigrations installs the upload's two functions, and an upload finds them", async () => {
  const pool = getPool(t.db);
  const { afterVersion, document } = getUploadFunctions();
  for (const signature of [afterVersion.signature, document.signature]) {
    const { rows } = await pool.query<{ installed: boolean }>(
      `SELECT to_regprocedure($1) IS NOT NULL AS installed`,
      [signature],
    );
    expect(rows[0]!.installed).toBe(true);
  }
  expect(await canWriteUploadDocument(pool)).toBe(true);
  expect(await canFinishUpload(pool)).toBe(true);
});

test("one call and statement by statement give the same summary rows", async () => {
  for (const prefix of ["000", "001", "002"]) {
    await ingest(t.db, prefix, 2023);
    await ingest(t.db, prefix, 2024);
  }
  await ingest(t.db, "001", 2024); // a second version
  const byFunction = await summaryRows();
  expect(byFunction.length).toBeGreaterThan(6);

  // Without the function (a database not migrated by this version): a client of its own, so no connection
  // remembers having seen it.
  await getPool(t.db).query(`DROP FUNCTION ${SUMMARY_FUNCTION_SIGNATURE}`);
  await getPool(t.db).query(`DROP FUNCTION ${SUMMARY_DELTA_FUNCTION_SIGNATURE}`);
  const db = createClient(t.url);
  try {
    const pool = getPool(db);
    const { rows: keys } = await pool.query<SummaryKey>(
      `SELECT DISTINCT "year", "regionPath" AS "path", "depth" FROM "RegionYearMetrics"
       UNION SELECT DISTINCT "year", "regionPath", "depth" FROM "RegionYearCoverage"`,
    );
    await pool.query(`TRUNCATE "RegionYearMetrics", "RegionYearCoverage"`);
    await withTransaction(pool, (client) => refreshRegionSummaries(client, keys));
    expect(await summaryRows()).toEqual(byFunction);
    // And an upload's own refresh without the functions, a first version and a second (the roll-up sums'
    // difference statement by statement).
    await ingest(db, "002", 2025);
    await ingest(db, "002", 2025);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "RegionYearMetrics" WHERE "year" = 2025`,
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  } finally {
    await closeClient(db);
  }
});
