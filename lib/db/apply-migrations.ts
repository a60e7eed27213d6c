// Applies prisma/migrations/*/migration.sql in name order, the way `prisma migrate deploy` would: each in
// its own transaction, recorded in Prisma's own _prisma_migrations table (checksum = sha256 hex of the
// file), so the Prisma CLI and this applier agree on what is applied. We need our own because the CLI's
// schema engine cannot be downloaded here. Refuses to run when an applied migration's file has changed.
//
// A migration whose first line is `-- migration: no-transaction` runs outside a transaction, one statement
// at a time (CREATE INDEX CONCURRENTLY on a big table cannot run inside one, and must not hold a lock that
// stops writes). Its statements end with `;` at the end of a line and must be idempotent (IF NOT EXISTS …):
// a run that stops half-way is recorded as not applied and starts again from the top next time.
//
// After the migrations, the functions generated from code are installed (CREATE OR REPLACE, named by the
// fingerprint of their body): the summaries' refresh (lib/metrics/build-summary-function.ts).
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { getUploadFunctions } from "@/lib/ingest/build-upload-function";
import { buildSummaryFunctions } from "@/lib/metrics/build-summary-function";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
// The advisory lock key Prisma's migrate uses, so two appliers (or Prisma and us) never run at once.
const MIGRATE_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
  /** Marked `-- migration: no-transaction` on its first line. */
  transactional: boolean;
}

const NO_TRANSACTION_MARK = /^--\s*migration:\s*no-transaction\s*$/;

export class MigrationError extends Error {
  override name = "MigrationError";
}

export async function listMigrationFiles(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const files = await Promise.all(
    names.map(async (name) => {
      // A folder without its migration.sql yet (being written) is not a migration.
      const bytes = await readFile(path.join(dir, name, "migration.sql")).catch(() => null);
      if (!bytes) return null;
      const sql = bytes.toString("utf8");
      return {
        name,
        sql,
        checksum: createHash("sha256").update(bytes).digest("hex"),
        transactional: !NO_TRANSACTION_MARK.test(sql.split("\n", 1)[0]!.trim()),
      };
    }),
  );
  return files.filter((file) => file !== null);
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/** Applies pending migrations; returns the names it applied (empty when the database is up to date). */
export async function applyMigrations(options: { url: string; dir?: string }): Promise<string[]> {
  const migrations = await listMigrationFiles(options.dir);
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await lockMigrations(client);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    const done: string[] = [];
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row) {
        checkAppliedMigration(migration, row);
        continue;
      }
      await applyOne(client, migration);
      done.push(migration.name);
    }
    await installGeneratedFunctions(client);
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** The generated functions of this version, once the schema they use is there. */
async function installGeneratedFunctions(client: pg.Client): Promise<void> {
  try {
    // The upload's functions call the summaries': installed after them.
    for (const { signature, sql } of [
      ...buildSummaryFunctions(),
      getUploadFunctions().afterVersion,
      getUploadFunctions().document,
    ]) {
      const { rows } = await client.query<{ installed: boolean }>(
        `SELECT to_regprocedure($1) IS NOT NULL AS installed`,
        [signature],
      );
      // Named by its body's fingerprint: one that exists is this very body.
      if (!rows[0]?.installed) await client.query(sql);
    }
  } catch (error) {
    throw new MigrationError(`Installing the summaries' refresh function failed: ${describe(error)}`);
  }
}

/**
 * Takes the migration lock, polling: a plain `pg_advisory_lock` would wait inside a query that holds a
 * snapshot, and a holder running `CREATE INDEX CONCURRENTLY` (a no-transaction migration) waits for every
 * older snapshot — the waiter's too — which PostgreSQL ends as a deadlock. Between tries the waiter holds none.
 */
async function lockMigrations(client: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      MIGRATE_LOCK_KEY,
    ]);
    if (rows[0]?.locked) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function checkAppliedMigration(migration: MigrationFile, row: AppliedRow): void {
  if (row.finished_at === null) {
    throw new MigrationError(
      `Migration ${migration.name} was started but did not finish; fix the database by hand.`,
    );
  }
  if (row.checksum !== migration.checksum) {
    throw new MigrationError(
      `Migration ${migration.name} was modified after it was applied (checksum ${row.checksum} ≠ ${migration.checksum}). ` +
        `Never edit an applied migration: add a new one.`,
    );
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  if (!migration.transactional) return applyWithoutTransaction(client, migration);
  const startedAt = new Date();
  try {
    await client.query("BEGIN");
    await client.query(migration.sql);
    await recordApplied(client, migration, startedAt);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${describe(error)}`);
  }
}

async function applyWithoutTransaction(client: pg.Client, migration: MigrationFile): Promise<void> {
  const startedAt = new Date();
  const statements = splitStatements(migration.sql);
  for (const [index, statement] of statements.entries()) {
    try {
      await client.query(statement);
    } catch (error) {
      throw new MigrationError(
        `Migration ${migration.name} (no transaction) stopped at statement ${index + 1} of ${statements.length}: ` +
          `${describe(error)}. The statements before it stay applied; fix the cause and start again ` +
          `(its statements are idempotent, so it runs again from the top).`,
      );
    }
  }
  await recordApplied(client, migration, startedAt);
}

/** Statements of a no-transaction migration: each ends with `;` at the end of a line; comments are dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of sql.split("\n")) {
    if (/^\s*--/.test(line) || (current.length === 0 && line.trim() === "")) continue;
    current.push(line);
    if (/;\s*$/.test(line)) {
      statements.push(current.join("\n").trim());
      current = [];
    }
  }
  if (current.some((line) => line.trim() !== "")) statements.push(current.join("\n").trim());
  return statements;
}

async function recordApplied(client: pg.Client, migration: MigrationFile, startedAt: Date): Promise<void> {
  await client.query(
    `INSERT INTO "_prisma_migrations"
       (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
     VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
    [randomUUID(), migration.checksum, migration.name, startedAt],
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
