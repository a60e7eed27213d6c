// The database for a command-line tool (`npm run admin`, `npm run db:migrate`): DATABASE_URL; else the
// embedded server the running app (`npm start`) already serves, joined on the port its postmaster.pid
// names, as the app's role (password from ./.data/pg-credentials.json); else the embedded server under
// ./.data, started for the command and stopped by stop(). Starting a second server on the app's data
// directory while the app runs is refused (DATABASE_IN_USE), hence looking for the running one first.
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import {
  EMBEDDED_DATABASE_NAME,
  appDataDir,
  buildLocalUrl,
  readDatabaseEnv,
  type EnvRecord,
} from "@/lib/db/database-url";
import { credentialsFileFor, readCredentials } from "@/lib/db/embedded-credentials";
import { ensureDatabase, type RunningDatabase } from "@/lib/db/ensure-database";
import { findRunningServer } from "@/lib/db/find-running-server";

export async function openDatabase(
  options: { env?: EnvRecord; dataDir?: string } = {},
): Promise<Pick<RunningDatabase, "url" | "stop">> {
  const { DATABASE_URL } = readDatabaseEnv(options.env);
  const dataDir = options.dataDir ?? appDataDir();
  if (!DATABASE_URL) {
    const running = await findRunningServer(dataDir);
    const app = readCredentials(credentialsFileFor(dataDir))?.app;
    if (running && app) {
      const url = buildLocalUrl({ port: running.port, database: EMBEDDED_DATABASE_NAME, ...app });
      await assertCanConnect(url, running.port);
      // The app applied its migrations when it started; a newer checkout may bring more.
      await applyMigrations({ url });
      return { url, stop: async () => {} };
    }
  }
  return ensureDatabase({ log: () => undefined, env: options.env, dataDir });
}

async function assertCanConnect(url: string, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The running app's database (port ${port}) refused the connection: ${(error as Error).message}. ` +
        "Restart `npm start` once so it upgrades the database's credentials.",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
