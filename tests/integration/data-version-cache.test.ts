// The dashboards' result cache on a real database: a result is remembered while the data version is
// unchanged, and any committed change to the read model, an agency or a region — an upload through the
// ingest path, SQL from another connection — shows on the very next call, also in a second app instance
// (a second client with its own pool and cache on the same database). Uncommitted and rolled-back changes
// do not bump the version; a transaction bumps it once, however many rows it writes.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeClient, createClient, getPool, type Db } from "@/lib/db/create-client";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { rebuildMetricChanges } from "@/lib/ingest/refresh-report-metrics";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import { cacheByDataVersion, readDataVersion } from "@/lib/queries/cache-by-data-version";
import { getCachedAgencyRanking } from "@/lib/queries/get-cached-agency-ranking";
import { buildReadResult, uniqueBytes } from "@/tests/helpers/read-result-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
// A second app instance on the same database: its own pool, so its own cache.
let other: Db;
const YEAR = 2023;
const metric = getMetric("applications_new");

beforeAll(async () => {
  t = await createTestDatabase();
  other = createClient(t.url);
  await t.db.user.create({ data: { id: "u1", name: "u1", email: "u1@example.test", role: "staff" } });
  await upload("曲靖市沾益区发展和改革局");
});
afterAll(async () => {
  if (other) await closeClient(other);
  await t?.drop();
});

/** Uploads sample 001 (a 2023 report of 沾益区) under an agency name of the test's own. */
async function upload(agencyName: string) {
  const base = buildReadResult("001");
  const outcome = await ingestDocument(
    t.db,
    { bytes: uniqueBytes(agencyName), fileName: `${agencyName}.txt`, uploadedById: "u1" },
    buildReadResult("001", { agency: { ...base.agency, name: agencyName } }),
  );
  expect(outcome).toMatchObject({ duplicate: false, status: "accepted" });
}

function ranking(db: Db, kinds: string[] | null = null) {
  return getCachedAgencyRanking({
    db,
    year: YEAR,
    scope: { regionPath: null, kinds: kinds as never },
    metric,
    minN: 10,
    page: 1,
    sort: "value_desc",
  });
}

const version = (db: Db) => readDataVersion(getPool(db)).then(BigInt);

describe("cacheByDataVersion", () => {
  test("remembers a result while nothing changes; concurrent misses share one query", async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { loads };
    };
    const key = `counted-${Math.random()}`;
    const first = await cacheByDataVersion({ db: t.db, key, load });
    const again = await cacheByDataVersion({ db: t.db, key, load });
    expect(first).toEqual({ loads: 1 });
    expect(again).toBe(first);
    const concurrent = `concurrent-${Math.random()}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => cacheByDataVersion({ db: t.db, key: concurrent, load })),
    );
    expect(new Set(results).size).toBe(1);
    expect(loads).toBe(2);
  });

  test("a failed query is not remembered", async () => {
    const key = `failing-${Math.random()}`;
    await expect(
      cacheByDataVersion({ db: t.db, key, load: () => Promise.reject(new Error("boom")) }),
    ).rejects.toThrow("boom");
    await expect(cacheByDataVersion({ db: t.db, key, load: async () => "ok" })).resolves.toBe("ok");
  });

  test("a new upload shows on the next call, in this instance and in another one", async () => {
    const before = await ranking(t.db);
    const beforeOther = await ranking(other);
    expect(beforeOther.total).toBe(before.total);
    await upload("曲靖市沾益区财政局");
    const after = await ranking(t.db);
    const afterOther = await ranking(other);
    expect(after.total).toBe(before.total + 1);
    expect(afterOther.total).toBe(before.total + 1);
    expect(after.rows.map((row) => row.label)).toContain("曲靖市沾益区财政局");
  });

  test("an agency renamed or a region renamed by SQL from another connection shows on the next call", async () => {
    await ranking(other);
    const { id } = await t.db.agency.findUniqueOrThrow({ where: { name: "曲靖市沾益区发展和改革局" } });
    const detailOf = async () =>
      (await ranking(other)).rows.find((row) => row.entity.type === "agency" && row.entity.id === id)?.detail;
    await getPool(t.db).query(`UPDATE "Agency" SET "name" = '沾益区发展改革局（改名）' WHERE "id" = $1`, [
      id,
    ]);
    expect((await ranking(other)).rows.map((row) => row.label)).toContain("沾益区发展改革局（改名）");
    expect(await detailOf()).toContain("沾益区");
    await getPool(t.db).query(`UPDATE "Region" SET "name" = '沾益新区' WHERE "code" = '530303'`);
    expect(await detailOf()).toContain("沾益新区");
  });

  test("a read-model row deleted by SQL disappears from the next call", async () => {
    const before = await ranking(other);
    await getPool(t.db).query(
      `DELETE FROM "ReportMetrics" WHERE "agencyId" = (SELECT "id" FROM "Agency" WHERE "name" = '曲靖市沾益区财政局')`,
    );
    const after = await ranking(other);
    expect(after.total).toBe(before.total - 1);
    expect(after.rows.map((row) => row.label)).not.toContain("曲靖市沾益区财政局");
  });

  test("kinds in any order are one key; other kinds are another", async () => {
    const all = await ranking(t.db);
    const departments = await ranking(t.db, ["部门", "街道"]);
    const same = await ranking(t.db, ["街道", "部门"]);
    const none = await ranking(t.db, ["街道"]);
    expect(same).toBe(departments);
    expect(departments.total).toBe(all.total);
    expect(none.total).toBe(0);
  });
});

describe("the data version", () => {
  test("goes up once per committed transaction, at commit; not for a rolled-back one", async () => {
    const pool = getPool(t.db);
    const start = await version(t.db);
    const writer = await pool.connect();
    try {
      await writer.query("BEGIN");
      await writer.query(`UPDATE "ReportMetrics" SET "applicationsNew" = "applicationsNew" + 1`);
      await writer.query(`UPDATE "Agency" SET "name" = "name"`);
      // Not committed: other connections still read the old version (and the old rows).
      expect(await version(other)).toBe(start);
      await writer.query("ROLLBACK");
      expect(await version(other)).toBe(start);

      await writer.query("BEGIN");
      await writer.query(`UPDATE "ReportMetrics" SET "applicationsNew" = "applicationsNew" + 1`);
      await writer.query(`UPDATE "Agency" SET "name" = "name"`);
      await writer.query(`UPDATE "Region" SET "name" = "name"`);
      expect(await version(other)).toBe(start);
      await writer.query("COMMIT");
      expect(await version(other)).toBe(start + 1n);
      // A later transaction on the same connection bumps again (the flag is the transaction's own).
      await writer.query(`UPDATE "ReportMetrics" SET "applicationsNew" = "applicationsNew" - 1`);
      expect(await version(other)).toBe(start + 2n);
    } finally {
      writer.release();
    }
  });

  test("concurrent transactions bump it without waiting for each other; every bump counts", async () => {
    const start = await version(t.db);
    const clients = await Promise.all(
      Array.from({ length: 17 }, async () => {
        const client = new pg.Client({ connectionString: t.url });
        await client.connect();
        return client;
      }),
    );
    try {
      // Each writes an agency of its own and takes its bump at once (SET CONSTRAINTS … IMMEDIATE), then holds
      // it open, as a committing transaction holds its bump until its commit is on disk. With one version
      // row the second one waited for the first to end (here: the lock timeout).
      const holders = clients.slice(0, 16);
      for (const [index, holder] of holders.entries()) {
        await holder.query("BEGIN");
        await holder.query(`SET LOCAL lock_timeout = '2s'`);
        await holder.query(`INSERT INTO "Agency" ("name", "kind") VALUES ($1, '部门')`, [
          `并发机关 ${index}`,
        ]);
        await holder.query("SET CONSTRAINTS ALL IMMEDIATE");
      }
      expect(await version(other)).toBe(start);
      // One more than there are slots: it waits for one, and its bump is not lost.
      const last = clients[16]!;
      await last.query("BEGIN");
      await last.query(`INSERT INTO "Agency" ("name", "kind") VALUES ('并发机关 16', '部门')`);
      const lastCommit = last.query("COMMIT");
      for (const holder of holders) await holder.query("COMMIT");
      await lastCommit;
      expect(await version(other)).toBe(start + 17n);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  test("a refill of the changes against the year before (排名 by change), alone, bumps it too", async () => {
    const start = await version(t.db);
    await rebuildMetricChanges(getPool(t.db));
    expect(await version(other)).toBe(start + 1n);
  });

  test("a write to a table the cached queries do not read leaves it alone", async () => {
    const start = await version(t.db);
    await t.db.user.update({ where: { id: "u1" }, data: { name: "u1 renamed" } });
    expect(await version(t.db)).toBe(start);
  });
});
