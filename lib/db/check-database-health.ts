// What GET /api/health reports: the database answers, and every migration in prisma/migrations is applied
// (none failed or half-done). One small query each; the migration folder is listed once per process.
import type pg from "pg";
import { listMigrationFiles } from "@/lib/db/apply-migrations";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";

export type DatabaseHealth =
  | { ok: true; migrations: number }
  | { ok: false; code: "DATABASE_UNAVAILABLE" | "MIGRATIONS_PENDING"; pending?: string[] };

let expected: Promise<string[]> | undefined;

export async function checkDatabaseHealth(options: {
  pool: pg.Pool;
  /** Migration names the code expects (default: the folders of prisma/migrations). */
  expectedMigrations?: readonly string[];
}): Promise<DatabaseHealth> {
  const names =
    options.expectedMigrations ??
    (await (expected ??= listMigrationFiles().then((files) => files.map((file) => file.name))));
  let applied: Set<string>;
  try {
    const { rows } = await options.pool.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { ok: false, code: "DATABASE_UNAVAILABLE" };
    // No migrations table at all: nothing is applied.
    if ((error as { code?: string }).code === "42P01") applied = new Set();
    else throw error;
  }
  const pending = names.filter((name) => !applied.has(name));
  if (pending.length > 0) return { ok: false, code: "MIGRATIONS_PENDING", pending };
  return { ok: true, migrations: names.length };
}
