// Integrity of uploads when the server is killed (issue 12 item 9): the upload path and its embedded
// PostgreSQL run in a child process tree (tests/helpers/upload-server-child.ts); files are sent three at a
// time and the whole tree is SIGKILLed mid-batch. After the next start (PostgreSQL's crash recovery): every
// file the server answered as stored is there, byte for byte; no report is half-written (each has all its
// template's cells, its document and its read-model row); and uploading works again.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { stopStaleServer } from "@/lib/db/stop-stale-server";
import { CELL_DEFINITIONS } from "@/lib/ingest/cell-numbers";
import type { UploadResult } from "@/lib/ingest/upload-result";
import { makeReportFiles } from "@/tests/helpers/report-files";

const dataDir = path.join(process.cwd(), ".test-data", `upload-kill-${randomBytes(4).toString("hex")}`);
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) await killTree(child);
  await stopStaleServer(dataDir);
  await rm(dataDir, { recursive: true, force: true });
});

test(
  "a server SIGKILLed mid-batch keeps every answered file, leaves no half-written report, starts clean",
  { timeout: 240_000 },
  async () => {
    const pgPort = await findFreePort();
    const httpPort = await findFreePort();
    const first = await startChild(pgPort, httpPort);
    const files = makeReportFiles({ count: 40, seed: 301 });
    const answered: UploadResult[] = [];
    let next = 0;
    let killed = false;
    const send = async () => {
      while (next < files.length && !killed) {
        const file = files[next++]!;
        const form = new FormData();
        form.append("files", new Blob([Buffer.from(file.bytes)]), file.fileName);
        try {
          const response = await fetch(`http://127.0.0.1:${httpPort}/upload`, {
            method: "POST",
            body: form,
            signal: AbortSignal.timeout(60_000),
          });
          const body = (await response.json()) as { results: UploadResult[] };
          answered.push(...body.results);
        } catch {
          return; // the server died with this request in flight
        }
        if (answered.length >= 12 && !killed) {
          killed = true;
          void killTree(first);
        }
      }
    };
    await Promise.all([send(), send(), send()]);
    await killTree(first);
    expect(killed).toBe(true);
    expect(answered.length).toBeGreaterThanOrEqual(12);
    expect(answered.length).toBeLessThan(files.length);

    // The next start recovers the database the kill left behind.
    const server = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true });
    const client = new pg.Client({ connectionString: server.urlFor("upload_kill") });
    await client.connect();
    try {
      for (const result of answered) {
        expect(result, result.file).toMatchObject({ ok: true, status: "accepted" });
        const { rows } = await client.query(`SELECT "bytes", "status" FROM "Document" WHERE "id" = $1`, [
          result.documentId,
        ]);
        const file = files.find((f) => f.fileName === result.file)!;
        expect(rows[0]?.status).toBe("accepted");
        expect(sha(rows[0].bytes)).toBe(sha(file.bytes));
      }
      // Every report complete, whether answered or committed just before the kill.
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
      expect(reports.length).toBeGreaterThanOrEqual(answered.length);
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
      await server.stop();
    }

    // …and the app starts again on the same data and takes uploads.
    const second = await startChild(pgPort, httpPort);
    const last = files.at(-1)!;
    const form = new FormData();
    form.append("files", new Blob([Buffer.from(last.bytes)]), last.fileName);
    const response = await fetch(`http://127.0.0.1:${httpPort}/upload`, { method: "POST", body: form });
    expect(((await response.json()) as { results: UploadResult[] }).results[0]).toMatchObject({
      ok: true,
      status: "accepted",
    });
    await killTree(second);
  },
);

function sha(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The child and everything it started (its PostgreSQL), at once: its own process group. Resolves once
 * the child is gone. */
async function killTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
  await exited;
}

async function startChild(pgPort: number, httpPort: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/helpers/upload-server-child.ts", dataDir, String(pgPort), String(httpPort)],
    { stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split("\n").includes("READY")) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) =>
      reject(new Error(`upload server exited (${code}) before READY:\n${output}`)),
    );
    setTimeout(() => reject(new Error(`upload server not READY after 120 s:\n${output}`)), 120_000).unref();
  });
  return child;
}
