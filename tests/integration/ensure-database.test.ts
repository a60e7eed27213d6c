// ensureDatabase with DATABASE_URL set: an external server is used as is and migrated.
import { afterEach, expect, test } from "vitest";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { createTestDatabase } from "@/tests/helpers/test-db";

const saved = process.env.DATABASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
});

test("DATABASE_URL: migrates that database and starts no server", async () => {
  const t = await createTestDatabase({ migrate: false });
  try {
    process.env.DATABASE_URL = t.url;
    const running = await ensureDatabase();
    expect(running).toMatchObject({ url: t.url, embedded: false });
    const rows = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    expect(await t.db.report.count()).toBe(0);
    await running.stop();
    // Idempotent: a second start finds nothing to apply.
    await expect(ensureDatabase()).resolves.toMatchObject({ embedded: false });
  } finally {
    await t.drop();
  }
});

test("an invalid DATABASE_URL is refused before anything starts", async () => {
  process.env.DATABASE_URL = "mysql://localhost/nianbao";
  await expect(ensureDatabase()).rejects.toThrow(/Invalid database configuration/);
});
