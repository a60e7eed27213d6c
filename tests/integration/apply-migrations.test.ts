// The migration applier: Prisma-compatible bookkeeping, idempotence, refusal of edited migrations,
// rollback of a failing one, and two appliers at once.
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, MigrationError } from "@/lib/db/apply-migrations";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const databases: TestDatabase[] = [];
const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function emptyDatabase() {
  const database = await createTestDatabase({ migrate: false });
  databases.push(database);
  return database;
}

async function copyMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
  tempDirs.push(dir);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

async function listRows(database: TestDatabase): Promise<MigrationRow[]> {
  return database.db.$queryRaw<MigrationRow[]>`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`;
}

async function listMigrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

describe("applyMigrations", () => {
  test("applies every migration once and records it as Prisma does", async () => {
    const database = await emptyDatabase();
    const names = await listMigrationNames(MIGRATIONS_DIR);
    expect(await applyMigrations({ url: database.url })).toEqual(names);
    expect(await applyMigrations({ url: database.url })).toEqual([]);

    const rows = await listRows(database);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
    }
  });

  test("refuses to run when an applied migration was edited", async () => {
    const database = await emptyDatabase();
    const dir = await copyMigrations();
    await applyMigrations({ url: database.url, dir });
    const first = (await listMigrationNames(dir))[0]!;
    const file = path.join(dir, first, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- edited\n`);
    await expect(applyMigrations({ url: database.url, dir })).rejects.toThrow(MigrationError);
    await expect(applyMigrations({ url: database.url, dir })).rejects.toThrow(
      /modified after it was applied/,
    );
  });

  test("rolls a failing migration back entirely and records nothing for it", async () => {
    const database = await emptyDatabase();
    const dir = await copyMigrations();
    const broken = path.join(dir, "29991231000000_broken");
    await mkdir(broken);
    await writeFile(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n`,
    );
    await expect(applyMigrations({ url: database.url, dir })).rejects.toThrow(/29991231000000_broken failed/);
    const tables = await database.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'Half'`;
    expect(Number(tables[0]!.n)).toBe(0);
    const rows = await listRows(database);
    expect(rows.map((r) => r.migration_name)).not.toContain("29991231000000_broken");
    // The good migrations before it stay applied.
    expect(rows.length).toBe((await listMigrationNames(MIGRATIONS_DIR)).length);
  });

  test("two appliers at once apply each migration exactly once", async () => {
    const database = await emptyDatabase();
    const [a, b] = await Promise.all([
      applyMigrations({ url: database.url }),
      applyMigrations({ url: database.url }),
    ]);
    const names = await listMigrationNames(MIGRATIONS_DIR);
    expect([...a, ...b].sort()).toEqual(names);
    expect((await listRows(database)).length).toBe(names.length);
  });

  test("a no-transaction migration runs CREATE INDEX CONCURRENTLY, one statement at a time", async () => {
    const database = await emptyDatabase();
    const dir = await copyMigrations();
    const folder = path.join(dir, "29991231000000_concurrent_index");
    await mkdir(folder);
    await writeFile(
      path.join(folder, "migration.sql"),
      [
        "-- migration: no-transaction",
        "-- An index on a big table, built without blocking writes.",
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS "Finding_createdAt_idx"',
        '    ON "Finding"("createdAt");',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS "Finding_kind_idx" ON "Finding"("kind");',
        "",
      ].join("\n"),
    );
    // Inside a transaction this statement fails ("cannot run inside a transaction block").
    const applied = await applyMigrations({ url: database.url, dir });
    expect(applied.at(-1)).toBe("29991231000000_concurrent_index");
    const indexes = await database.db.$queryRaw<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE tablename = 'Finding' AND indexname IN ('Finding_createdAt_idx', 'Finding_kind_idx')
      ORDER BY indexname`;
    expect(indexes.map((i) => i.indexname)).toEqual(["Finding_createdAt_idx", "Finding_kind_idx"]);
    expect((await listRows(database)).at(-1)).toMatchObject({
      migration_name: "29991231000000_concurrent_index",
      applied_steps_count: 1,
    });
  });

  test("a no-transaction migration that stops half-way is not recorded and runs again from the top", async () => {
    const database = await emptyDatabase();
    const dir = await copyMigrations();
    const folder = path.join(dir, "29991231000000_half");
    await mkdir(folder);
    const file = path.join(folder, "migration.sql");
    const first = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "Finding_message_idx" ON "Finding"("message");';
    await writeFile(file, `-- migration: no-transaction\n${first}\nSELECT * FROM "NoSuchTable";\n`);
    await expect(applyMigrations({ url: database.url, dir })).rejects.toThrow(
      /29991231000000_half \(no transaction\) stopped at statement 2 of 2/,
    );
    expect((await listRows(database)).map((r) => r.migration_name)).not.toContain("29991231000000_half");
    // Fixed (a migration not yet recorded may still change): it runs again from the top and is recorded.
    await writeFile(file, `-- migration: no-transaction\n${first}\nSELECT 1;\n`);
    expect(await applyMigrations({ url: database.url, dir })).toEqual(["29991231000000_half"]);
  });
});
