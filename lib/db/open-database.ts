// The database for a command-line tool: DATABASE_URL; else the embedded server the running app (`npm start`)
// already serves, used as it is; else the embedded server under ./.data, started for the command and
// stopped by stop(). Starting the embedded server while the app runs would stop the app's database (it
// looks stale from here), hence the connection attempt first.
import pg from "pg";
import { EMBEDDED_DATABASE_NAME, buildLocalUrl, readDatabaseEnv } from "@/lib/db/database-url";
import { ensureDatabase, type RunningDatabase } from "@/lib/db/ensure-database";

export async function openDatabase(): Promise<Pick<RunningDatabase, "url" | "stop">> {
  const { DATABASE_URL, PG_PORT } = readDatabaseEnv();
  if (!DATABASE_URL) {
    const url = buildLocalUrl(PG_PORT, EMBEDDED_DATABASE_NAME);
    if (await canConnect(url)) return { url, stop: async () => {} };
  }
  return ensureDatabase({ log: () => undefined });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
