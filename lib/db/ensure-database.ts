// The database runtime for `npm start` and the scripts:
//   const { url, stop } = await ensureDatabase();
// DATABASE_URL set → that server; unset → the embedded PostgreSQL under ./.data (port PG_PORT, default
// 54329), started here and stopped by stop(). Either way the migrations are applied before returning.
// A caller that starts the server should call stop() on SIGINT/SIGTERM; a stale server left by a SIGKILL
// is recovered on the next start.
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { EMBEDDED_DATABASE_NAME, readDatabaseEnv } from "@/lib/db/database-url";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

export const APP_DATA_DIR = path.join(process.cwd(), ".data", "pg");

export interface RunningDatabase {
  url: string;
  /** true when this process started the embedded server (and stop() stops it). */
  embedded: boolean;
  stop(): Promise<void>;
}

export async function ensureDatabase(
  options: { log?: (message: string) => void } = {},
): Promise<RunningDatabase> {
  const { DATABASE_URL, PG_PORT } = readDatabaseEnv();
  if (DATABASE_URL) {
    await applyMigrations({ url: DATABASE_URL });
    return { url: DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: APP_DATA_DIR,
    port: PG_PORT,
    persistent: true,
    log: options.log,
  });
  try {
    await createDatabaseIfMissing(server.adminUrl, EMBEDDED_DATABASE_NAME);
    const url = server.urlFor(EMBEDDED_DATABASE_NAME);
    await applyMigrations({ url });
    return { url, embedded: true, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}
