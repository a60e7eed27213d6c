// A fresh, migrated database of its own for each test file (or test), on the run's test server:
//   const { db, url, drop } = await createTestDatabase();   afterAll(() => drop());
// Migrations are applied by the app's own applier, so tests see exactly the schema production gets.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeClient, createClient, type PrismaClient } from "@/lib/db/create-client";

export interface TestDatabase {
  name: string;
  url: string;
  db: PrismaClient;
  drop(): Promise<void>;
}

/** The test server's maintenance URL (inject works only inside test files and their imports). */
export function getTestServerUrl(): string {
  return inject("testDatabaseAdminUrl");
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = getTestServerUrl();
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await runAdminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  if (options.migrate !== false) await applyMigrations({ url });
  const db = createClient(url);
  return {
    name,
    url,
    db,
    drop: async () => {
      await closeClient(db);
      await runAdminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function runAdminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
