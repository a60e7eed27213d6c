// The database behind Playwright's server: a fresh, throwaway embedded PostgreSQL under ./.test-data/e2e on
// its own port, migrated. Deliberately ignores DATABASE_URL and ./.data so end-to-end tests can never touch
// real data; the directory is deleted again when the server stops.
import { rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { prepareAppDatabase, type RunningDatabase } from "@/lib/db/ensure-database";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { stopStaleServer } from "@/lib/db/stop-stale-server";

export const E2E_DATA_DIR = path.join(process.cwd(), ".test-data", "e2e");
const E2E_DATABASE_NAME = "nianbao_e2e";

export async function startE2eDatabase(): Promise<RunningDatabase> {
  const port = process.env.E2E_PG_PORT ? Number(process.env.E2E_PG_PORT) : await findFreePort();
  // A run killed before it could clean up leaves its server and data behind: stop it, then start over.
  await stopStaleServer(E2E_DATA_DIR);
  await rm(E2E_DATA_DIR, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir: E2E_DATA_DIR, port, persistent: false, fast: true });
  try {
    // The app's own role, as in production: the e2e server never runs as the superuser.
    const url = await prepareAppDatabase(server, E2E_DATABASE_NAME);
    await applyMigrations({ url });
    return { url, embedded: true, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
