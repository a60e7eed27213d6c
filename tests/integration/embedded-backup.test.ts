// `npm run db:backup` / `db:restore` on a real embedded PostgreSQL: a backup taken while transactions keep
// committing, restored into a fresh folder, starts, replays its WAL and holds a consistent state — every
// transaction either wholly there or wholly absent, everything committed before the backup began present —
// with the app's tables, its role's password and the auth secret; and restoring over a database is refused.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backupEmbeddedDatabase } from "@/lib/db/backup-embedded-database";
import { EMBEDDED_DATABASE_NAME } from "@/lib/db/database-url";
import { credentialsFileFor } from "@/lib/db/embedded-credentials";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { prepareAppDatabase } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { restoreEmbeddedBackup } from "@/lib/db/restore-embedded-backup";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/start-embedded-postgres";

const ROOT = path.join(process.cwd(), ".test-data", `backup-${randomBytes(4).toString("hex")}`);
const SOURCE = path.join(ROOT, "source", "pg");
const RESTORED = path.join(ROOT, "restored", "pg");
const BACKUP = path.join(ROOT, "backup");

let source: EmbeddedServer;
let appUrl: string;
beforeAll(async () => {
  await mkdir(path.dirname(SOURCE), { recursive: true });
  await writeFile(path.join(path.dirname(SOURCE), "auth-secret"), "s".repeat(48));
  source = await startEmbeddedPostgres({ dataDir: SOURCE, port: await findFreePort(), persistent: true });
  appUrl = await prepareAppDatabase(source, EMBEDDED_DATABASE_NAME);
  await applyMigrations({ url: appUrl });
  await query(appUrl, `CREATE TABLE probe_a (n int PRIMARY KEY); CREATE TABLE probe_b (n int PRIMARY KEY)`);
}, 120_000);
afterAll(async () => {
  await source?.stop().catch(() => undefined);
  await rm(ROOT, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded database backup and restore", () => {
  test("a backup taken under writes restores into a fresh folder, consistent", async () => {
    // Each transaction writes the same number into both tables.
    const writer = new pg.Client({ connectionString: appUrl });
    await writer.connect();
    let next = 0;
    let writing = true;
    const write = async () => {
      while (writing) {
        await writer.query("BEGIN");
        await writer.query("INSERT INTO probe_a VALUES ($1)", [next]);
        await writer.query("INSERT INTO probe_b VALUES ($1)", [next]);
        await writer.query("COMMIT");
        next += 1;
      }
    };
    const writing$ = write();
    while (next < 200) await new Promise((resolve) => setTimeout(resolve, 20));
    const committedBefore = next;
    const manifest = await backupEmbeddedDatabase({
      dataDir: SOURCE,
      adminUrl: source.adminUrl,
      out: BACKUP,
      extraFiles: [credentialsFileFor(SOURCE), path.join(path.dirname(SOURCE), "auth-secret")],
    });
    writing = false;
    await writing$;
    await writer.end();
    expect(manifest.files).toBeGreaterThan(100);
    expect(next).toBeGreaterThan(committedBefore);

    await restoreEmbeddedBackup({ backup: BACKUP, dataDir: RESTORED });
    expect(await readFile(path.join(path.dirname(RESTORED), "auth-secret"), "utf8")).toBe("s".repeat(48));
    const restored = await startEmbeddedPostgres({
      dataDir: RESTORED,
      port: await findFreePort(),
      persistent: true,
    });
    try {
      const url = restored.appUrlFor(EMBEDDED_DATABASE_NAME);
      const [row] = await query<{ a: string; b: string; both: string; max: number }>(
        url,
        `SELECT (SELECT count(*) FROM probe_a)::text AS a, (SELECT count(*) FROM probe_b)::text AS b,
                (SELECT count(*) FROM probe_a JOIN probe_b USING (n))::text AS both,
                (SELECT max(n) FROM probe_a) AS max`,
      );
      expect(Number(row!.a)).toBeGreaterThanOrEqual(committedBefore);
      expect(row!.a).toBe(row!.b);
      expect(row!.both).toBe(row!.a);
      expect(row!.max).toBe(Number(row!.a) - 1);
      const migrations = await query<{ n: string }>(
        url,
        `SELECT count(*)::text AS n FROM "_prisma_migrations"`,
      );
      expect(Number(migrations[0]!.n)).toBeGreaterThan(0);
    } finally {
      await restored.stop();
    }
  }, 180_000);

  test("restoring over a folder that holds a database is refused, and leaves it alone", async () => {
    await expect(restoreEmbeddedBackup({ backup: BACKUP, dataDir: SOURCE })).rejects.toMatchObject({
      code: "RESTORE_REFUSED",
    });
    const [row] = await query<{ n: string }>(appUrl, "SELECT count(*)::text AS n FROM probe_a");
    expect(Number(row!.n)).toBeGreaterThan(0);
  });
});
