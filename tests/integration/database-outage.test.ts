// The database killed (SIGKILL, as a crash or an OOM kill would) and restarted under a running app server:
// while it is down, uploads and the health check answer 503 DATABASE_UNAVAILABLE — a clear JSON error, no
// stack, the server stays up; once it is back the same server process reconnects by itself and takes uploads
// again; nothing is half-written (every report has all its cells, its document and its read-model row; no
// accepted document without its report), and a file whose answer was lost can be sent again.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/start-embedded-postgres";
import { stopStaleServer } from "@/lib/db/stop-stale-server";
import { CELL_DEFINITIONS } from "@/lib/ingest/cell-numbers";
import type { UploadResult } from "@/lib/ingest/upload-result";
import { makeReportFiles, type ReportFile } from "@/tests/helpers/report-files";

const dataDir = path.join(process.cwd(), ".test-data", `outage-${randomBytes(4).toString("hex")}`);
let server: EmbeddedServer | null = null;
let app: ChildProcess | null = null;
afterAll(async () => {
  if (app && app.exitCode === null) app.kill("SIGKILL");
  await server?.stop().catch(() => undefined);
  await stopStaleServer(dataDir).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}, 120_000);

test(
  "the database killed and restarted under a running server: 503 while down, back by itself, nothing half-written",
  { timeout: 300_000 },
  async () => {
    const pgPort = await findFreePort();
    server = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true });
    await createDatabaseIfMissing(server.adminUrl, "outage");
    const url = server.urlFor("outage");
    await applyMigrations({ url });
    const httpPort = await findFreePort();
    const base = `http://127.0.0.1:${httpPort}`;
    app = await startChild(url, httpPort);
    const files = makeReportFiles({ count: 30, seed: 4242 });

    expect((await fetch(`${base}/health`)).status).toBe(200);
    for (const file of files.slice(0, 3)) expect((await upload(base, file)).status).toBe(200);

    // Kill the database mid-stream of uploads.
    const answers: { file: ReportFile; status: number; body: unknown }[] = [];
    let index = 3;
    const sender = (async () => {
      while (index < 20) {
        const file = files[index++]!;
        const response = await upload(base, file);
        answers.push({ file, status: response.status, body: await response.json() });
      }
    })();
    while (answers.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const pid = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await sender;

    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.filter((refusal) => refusal.status === 503).length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({
        error: { code: "DATABASE_UNAVAILABLE", message: "数据库暂时无法连接，请稍后再试" },
      });
      expect(JSON.stringify(answer.body)).not.toMatch(/\bat \w|ECONNREFUSED|stack/);
    }
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, code: "DATABASE_UNAVAILABLE" });
    expect(app.exitCode).toBeNull();

    // Back again, on the same port: the same server process reconnects without a restart.
    await stopStaleServer(dataDir);
    server = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true });
    let healthy = false;
    for (let attempt = 0; attempt < 50 && !healthy; attempt++) {
      healthy = (await fetch(`${base}/health`)).status === 200;
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(healthy).toBe(true);
    // A file whose answer was lost is sent again: stored now, or found as the duplicate of what committed.
    for (const answer of refused) {
      const again = await upload(base, answer.file);
      expect(again.status).toBe(200);
      const result = ((await again.json()) as { results: UploadResult[] }).results[0]!;
      expect(["accepted", "duplicate"]).toContain(result.status);
    }

    const client = new pg.Client({ connectionString: server.urlFor("outage") });
    await client.connect();
    try {
      const cellsPerTemplate = (template: string) =>
        CELL_DEFINITIONS.filter((c) => c.versions.includes(template as "2021")).length;
      const { rows: reports } = await client.query<{
        id: number;
        template: string;
        cells: number;
        metrics: number;
      }>(
        `SELECT r."id", r."template", (SELECT count(*)::int FROM "ReportCell" c WHERE c."reportId" = r."id") AS "cells",
              (SELECT count(*)::int FROM "ReportMetrics" m WHERE m."reportId" = r."id") AS "metrics"
         FROM "Report" r`,
      );
      expect(reports.length).toBeGreaterThanOrEqual(3 + answers.length - refused.length);
      for (const report of reports) {
        expect(report.cells, `report ${report.id}`).toBe(cellsPerTemplate(report.template));
        expect(report.metrics, `report ${report.id}`).toBe(1);
      }
      const { rows: orphans } = await client.query(
        `SELECT d."id" FROM "Document" d WHERE d."status" = 'accepted' AND NOT EXISTS (SELECT 1 FROM "Report" r WHERE r."documentId" = d."id")`,
      );
      expect(orphans).toEqual([]);
    } finally {
      await client.end();
    }
  },
);

function upload(base: string, file: ReportFile): Promise<Response> {
  const form = new FormData();
  form.append("files", new Blob([Buffer.from(file.bytes)]), file.fileName);
  return fetch(`${base}/upload`, { method: "POST", body: form, signal: AbortSignal.timeout(60_000) });
}

async function startChild(url: string, httpPort: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/helpers/app-http-child.ts", url, String(httpPort)],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split("\n").includes("READY")) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once("exit", (code) => reject(new Error(`app server exited (${code}) before READY:\n${output}`)));
    setTimeout(() => reject(new Error(`app server not READY after 120 s:\n${output}`)), 120_000).unref();
  });
  return child;
}
