// npm run bench:export — the export at scale (issue 17, item 2), against the production server (`npm start`'s
// own start script) on a throwaway embedded PostgreSQL filled with synthetic reports; loopback only:
//   1. COPY (the long export's own query) TO STDOUT, read by this process: the database's rows/s ceiling;
//   2. GET /api/export?format=long (the same rows through the app: BOM, CRLF, the HTTP stream): rows/s, its
//      ratio to 1 (target ≥ 0.5), and the server's resident memory (sampled every 50 ms; target ≤ 300 MB) — the
//      Next server process and any process below it (it has none today; the start script above it, which only
//      supervises, is printed apart);
//   3. GET /api/export?…&type=xlsx of 100,000 rows (every metric of 5,000 reports, long): its memory over
//      the download — flat when the figures at a quarter, half, three quarters and the end stay level.
//   npm run bench:export -- [--reports 5000] [--runs 3]
// Needs a production build (`npm run build`; `npm start` makes one too).
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { signInBenchAdmin, startBenchApp, stopBenchApp } from "./bench-app-server";
import { buildLongCellsSql } from "@/lib/export/build-export-sql";
import { inlineSql } from "@/lib/export/inline-sql";
import { resolveCellSelection } from "@/lib/export/resolve-cell-selection";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import { syncRegions } from "@/lib/ingest/sync-regions";
import { METRICS } from "@/lib/metrics/metric-dictionary";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";

const { values } = parseArgs({
  options: { reports: { type: "string", default: "5000" }, runs: { type: "string", default: "3" } },
});
const REPORTS = Number(values.reports);
const RUNS = Number(values.runs);
const YEAR = 2023;
const DATA_DIR = path.join(process.cwd(), ".test-data", "bench-export");
const MB = 1024 * 1024;

async function main(): Promise<void> {
  await rm(DATA_DIR, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({
    dataDir: DATA_DIR,
    port: await findFreePort(),
    persistent: false,
  });
  let app: ChildProcess | null = null;
  try {
    await createDatabaseIfMissing(database.adminUrl, "bench_export");
    const url = database.urlFor("bench_export");
    await applyMigrations({ url });
    const seeded = await seed(url);
    console.log(
      `机器: ${os.cpus().length} 核, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, 负载 ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; Node ${process.version}`,
    );
    console.log(
      `合成报告 ${seeded.reports} 份（${YEAR} 年），长表单元格 ${seeded.cells.toLocaleString("en")} 行\n`,
    );

    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    app = await startBenchApp({ port, databaseUrl: url });
    const cookie = await signInBenchAdmin(base);
    const server = findServerPid(app.pid!);
    await download(`${base}/api/export?year=${YEAR}&cells=t3.new.total`, cookie, server); // warm-up
    const idleRss = readTreeRss(server);

    const longQuery = `year=${YEAR}&format=long`;
    const copySql = inlineSql(
      buildLongCellsSql({
        selection: { years: [YEAR], scope: { regionPath: null, kinds: null }, agencyIds: null, q: null },
        cells: resolveCellSelection(undefined),
        flavour: "csv",
      }).query,
    );
    const plan = await explain(url, copySql);
    console.log(`查询计划（EXPLAIN）顶部：\n${plan}\n`);
    console.log(`服务器空闲时（预热后、导出前）RSS: ${(idleRss / MB).toFixed(0)} MB\n`);
    const copies: Timed[] = [];
    const exports: Array<Timed & { peakRss: number }> = [];
    for (let run = 0; run < RUNS; run++) {
      copies.push(await copyOut(url, copySql));
      exports.push(await download(`${base}/api/export?${longQuery}`, cookie, server));
    }
    const copy = median(copies);
    const http = median(exports);
    console.log("| 项目 | 行数 | 用时 | 行/秒 | 服务器 RSS 峰值 |");
    console.log("|---|---|---|---|---|");
    for (const [index, run] of copies.entries())
      console.log(
        `| COPY (同一查询) TO STDOUT，第 ${index + 1} 次 | ${fmt(run.rows)} | ${run.seconds.toFixed(2)} s | ${fmt(run.rows / run.seconds)} | — |`,
      );
    for (const [index, run] of exports.entries())
      console.log(
        `| GET /api/export?${longQuery}，第 ${index + 1} 次 | ${fmt(run.rows)} | ${run.seconds.toFixed(2)} s | ${fmt(run.rows / run.seconds)} | ${(run.peakRss / MB).toFixed(0)} MB |`,
      );
    const ratio = http.rows / http.seconds / (copy.rows / copy.seconds);
    console.log(
      `\n中位数：导出 ${fmt(http.rows / http.seconds)} 行/秒 ÷ COPY ${fmt(copy.rows / copy.seconds)} 行/秒 = ${ratio.toFixed(2)}（目标 ≥ 0.5）；` +
        `导出期间服务器 RSS 峰值 ${(Math.max(...exports.map((run) => run.peakRss)) / MB).toFixed(0)} MB（目标 ≤ 300 MB）`,
    );

    const metrics = METRICS.map((metric) => metric.id).join(",");
    const xlsx = await download(
      `${base}/api/export?year=${YEAR}&format=long&metrics=${metrics}&type=xlsx`,
      cookie,
      server,
      true,
    );
    console.log(
      `\nXLSX（每份报告 ${METRICS.length} 个指标，明细）：${fmt(seeded.reports * METRICS.length)} 行，${(xlsx.bytes / MB).toFixed(1)} MB，` +
        `${xlsx.seconds.toFixed(1)} s（${fmt((seeded.reports * METRICS.length) / xlsx.seconds)} 行/秒）；服务器 RSS：` +
        `开始 ${(xlsx.rssAt[0]! / MB).toFixed(0)} MB，1/4 处 ${(xlsx.rssAt[1]! / MB).toFixed(0)}，1/2 处 ${(xlsx.rssAt[2]! / MB).toFixed(0)}，` +
        `3/4 处 ${(xlsx.rssAt[3]! / MB).toFixed(0)}，结束 ${(xlsx.rssAt[4]! / MB).toFixed(0)} MB，峰值 ${(xlsx.peakRss / MB).toFixed(0)} MB`,
    );
    console.log(`服务器进程一生的 RSS 峰值 (VmHWM): ${(readStatus(server, "VmHWM") / MB).toFixed(0)} MB`);
    console.log(
      `服务器下的子进程 ${descendants(server).length} 个；其上的启动脚本（只负责启停，不处理请求）RSS ${(readStatus(app.pid!, "VmRSS") / MB).toFixed(0)} MB`,
    );
  } finally {
    if (app) await stopBenchApp(app);
    await database.stop();
  }
}

async function seed(url: string): Promise<{ reports: number; cells: number }> {
  const db = createClient(url);
  try {
    await syncRegions(db);
    let batch: PreparedDocument[] = [];
    const started = performance.now();
    for (const document of generateSyntheticDocuments({
      reports: REPORTS,
      seed: 1,
      years: { from: YEAR, to: YEAR },
    })) {
      batch.push(document);
      if (batch.length >= 1000) {
        await storeInBulk(db, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await storeInBulk(db, batch);
    const { rows } = await getPool(db).query<{ reports: number; cells: number }>(
      `SELECT (SELECT count(*)::int FROM "ReportMetrics") AS reports,
              (SELECT count(*)::int FROM "CellValue" v JOIN "ReportMetrics" m ON m."reportId" = v."reportId") AS cells`,
    );
    await getPool(db).query("VACUUM ANALYZE");
    console.log(`写入合成数据用时 ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return rows[0]!;
  } finally {
    await closeClient(db);
  }
}

interface Timed {
  rows: number;
  seconds: number;
  bytes: number;
}

/** COPY … TO STDOUT read by this process, counting records (LF) — no parsing, the ceiling of any export. */
async function copyOut(url: string, sql: string): Promise<Timed> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    let rows = 0;
    let bytes = 0;
    for await (const chunk of client.query(
      copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`),
    ) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
    }
    return { rows, bytes, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

async function explain(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`);
    return rows
      .slice(0, 6)
      .map((row) => `  ${row["QUERY PLAN"]}`)
      .join("\n");
  } finally {
    await client.end();
  }
}

/** Downloads an export, counting CRLF records (less the header) and sampling the server's RSS. */
async function download(
  url: string,
  cookie: string,
  server: number,
  binary = false,
): Promise<Timed & { peakRss: number; rssAt: number[] }> {
  let peakRss = readTreeRss(server);
  const samples: Array<{ at: number; rss: number }> = [];
  let received = 0;
  const sampler = setInterval(() => {
    const rss = readTreeRss(server);
    peakRss = Math.max(peakRss, rss);
    samples.push({ at: received, rss });
  }, 50);
  try {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    if (!response.ok || !response.body)
      throw new Error(`${url}: ${response.status} ${await response.text()}`);
    let records = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.length;
      if (!binary) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) records++;
    }
    const seconds = (performance.now() - started) / 1000;
    const at = (share: number) =>
      samples.find((sample) => sample.at >= received * share)?.rss ?? samples.at(-1)?.rss ?? 0;
    return {
      rows: binary ? 0 : records - 1,
      bytes: received,
      seconds,
      peakRss: Math.max(peakRss, readTreeRss(server)),
      rssAt: [samples[0]?.rss ?? 0, at(0.25), at(0.5), at(0.75), readTreeRss(server)],
    };
  } finally {
    clearInterval(sampler);
  }
}

function median<T extends Timed>(runs: T[]): T {
  return [...runs].sort((a, b) => a.rows / a.seconds - b.rows / b.seconds)[Math.floor(runs.length / 2)]!;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");

/** A line of /proc/<pid>/status in bytes (VmRSS, VmHWM). */
function readStatus(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function descendants(pid: number): number[] {
  return children(pid).flatMap((child) => [child, ...descendants(child)]);
}

/** VmRSS of the server and every process below it (one that exits between two reads counts 0). */
function readTreeRss(server: number): number {
  return [server, ...descendants(server)].reduce((sum, pid) => {
    try {
      return sum + readStatus(pid, "VmRSS");
    } catch {
      return sum;
    }
  }, 0);
}

/** The Next server under `npm start`'s start script: the descendant running next. */
function findServerPid(root: number): number {
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    if (pid !== root && /next/.test(command)) return pid;
    queue.push(...children(pid));
  }
  throw new Error("the Next server process was not found");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:export 失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
