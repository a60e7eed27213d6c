// Vitest globalSetup of the "integration" project: ONE embedded PostgreSQL for the whole run, in a
// throwaway directory under ./.test-data (never the app's ./.data) on a free port. Test files get its
// admin URL through inject("testDatabaseAdminUrl") and create databases of their own (test-db.ts).
// Each run has its own directory, so two runs at once (two helpers, CI) do not collide; directories
// left by killed runs are removed once their server is stopped.
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort } from "@/lib/db/find-free-port";
import { credentialsFileFor } from "@/lib/db/embedded-credentials";
import { isProcessAlive } from "@/lib/db/is-process-alive";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { stopStaleServer } from "@/lib/db/stop-stale-server";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseAdminUrl: string;
  }
}

const TEST_DATA_DIR = path.join(process.cwd(), ".test-data");

export default async function setup(project: TestProject) {
  // An external test server (CI with a service container) can be given instead of the embedded one.
  const external = process.env.TEST_DATABASE_ADMIN_URL;
  if (external) {
    project.provide("testDatabaseAdminUrl", external);
    return;
  }
  await removeAbandonedRuns();
  const dataDir = path.join(TEST_DATA_DIR, `run-${process.pid}`);
  await mkdir(TEST_DATA_DIR, { recursive: true });
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await findFreePort(),
    persistent: false,
    fast: true,
  });
  project.provide("testDatabaseAdminUrl", server.adminUrl);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

async function removeAbandonedRuns(): Promise<void> {
  const entries = await readdir(TEST_DATA_DIR).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!pid || isProcessAlive(pid)) continue;
    const dir = path.join(TEST_DATA_DIR, entry);
    await stopStaleServer(dir);
    await rm(dir, { recursive: true, force: true });
    await rm(credentialsFileFor(dir), { force: true });
  }
}
