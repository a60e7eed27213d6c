// The upload's plans read no table whole, whatever the tables held when a connection made them: a
// connection's first upload on a new database plans its statements while the tables are nearly empty,
// where a sequential scan looks cheapest, and keeps those plans for the session (withTransaction's
// keyedPlans, the upload functions' settings). Uploads on one connection from an empty database, then the
// sequential scans PostgreSQL counted on the tables an upload looks rows up in.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { getUploadFunctions } from "@/lib/ingest/build-upload-function";
import { importDocument } from "@/lib/ingest/import-document";
import { makeReportFiles } from "@/tests/helpers/report-files";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
});

const LOOKED_UP = ["Report", "ReportMetrics", "RegionYearMetrics", "RegionYearFindings", "Agency"];

describe("the upload's plans", () => {
  test("uploads on one connection from an empty database read none of the tables they look rows up in whole", async () => {
    // Agencies of a few counties, two years each: later uploads find earlier agencies, reports and summary rows.
    const files = makeReportFiles({ count: 24, seed: 4242 });
    const before = await seqScans(t);
    const single = createClient(t.url, { maxConnections: 1 });
    let backend: number | undefined;
    try {
      for (const file of files) {
        const outcome = await importDocument(single, file);
        expect(outcome.status).toBe("accepted");
      }
      backend = (await getPool(single).query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    } finally {
      await closeClient(single);
    }
    // The connection's statistics are written when its backend exits: wait until it has.
    await waitUntilGone(backend!);
    const after = await seqScans(t);
    expect(Object.fromEntries(LOOKED_UP.map((table) => [table, after[table]! - before[table]!]))).toEqual(
      Object.fromEntries(LOOKED_UP.map((table) => [table, 0])),
    );
  });

  test("a keyed transaction plans generically and without sequential scans; a plain one as configured", async () => {
    const settings = (keyedPlans: boolean) =>
      withTransaction(
        getPool(t.db),
        async (client) =>
          (
            await client.query<{ seq: string; mode: string }>(
              `SELECT current_setting('enable_seqscan') AS seq, current_setting('plan_cache_mode') AS mode`,
            )
          ).rows[0],
        { keyedPlans },
      );
    expect(await settings(true)).toEqual({ seq: "off", mode: "force_generic_plan" });
    expect(await settings(false)).toEqual({ seq: "on", mode: "auto" });
  });

  test("the upload's functions carry the same settings", async () => {
    const { afterVersion, document } = getUploadFunctions();
    const { rows } = await getPool(t.db).query<{ name: string; config: string[] }>(
      `SELECT proname AS name, proconfig AS config FROM pg_proc WHERE proname = ANY($1::text[]) ORDER BY proname`,
      [[afterVersion.name, document.name]],
    );
    expect(rows.map((row) => row.name).sort()).toEqual([afterVersion.name, document.name].sort());
    for (const row of rows)
      expect([...row.config].sort()).toEqual(["enable_seqscan=off", "plan_cache_mode=force_generic_plan"]);
  });
});

async function seqScans(database: TestDatabase): Promise<Record<string, number>> {
  const { rows } = await getPool(database.db).query<{ table: string; scans: string }>(
    `SELECT relname AS "table", seq_scan AS scans FROM pg_stat_user_tables WHERE relname = ANY($1::text[])`,
    [LOOKED_UP],
  );
  return Object.fromEntries(rows.map((row) => [row.table, Number(row.scans)]));
}

async function waitUntilGone(pid: number): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    const { rowCount } = await getPool(t.db).query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid]);
    if (rowCount === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`backend ${pid} did not exit`);
}
