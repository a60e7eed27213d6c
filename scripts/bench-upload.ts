// npm run bench:upload — the upload route under load, against the production server (`npm start`'s own
// start script, a throwaway embedded PostgreSQL; loopback only):
//   1. a page's latency while idle (总览, signed in), measured with autocannon;
//   2. the same page's latency while N report files are uploaded through POST /api/reports, one file per
//      request and three at a time as the upload page sends them — and those uploads' own figures;
//   3. the upload route's throughput: N more files, one per request, 8 in flight (target ≥ 100 reports/s).
// Beside phases 2 and 3, the CPU (user + system, /proc) per upload of the server (start script, Next and its
// reader threads), of PostgreSQL (all its processes) and of this client — the figure that survives a
// machine shared with other work, where throughput swings with the neighbours.
//   npm run bench:upload -- [--files 200] [--page /] [--seconds 10] [--port P] [--db-port P]
//                           [--cpu-prof DIR]   (a CPU profile of the Next server during phase 3, into DIR)
//                           [--preload N]      (N other synthetic reports stored first through the bulk path,
//                                               then VACUUM ANALYZE: the uploads meet a database with data)
//                           [--rounds N]       (phase 3 N times over, each round on --files new files and
//                                               reported apart: the server still warming up — V8 tiered up
//                                               ~55 more functions per 200 uploads through the 1,200th)
// Beside phase 3, PostgreSQL's CPU by kind of process (backends, autovacuum, …), the autovacuum and
// autoanalyze passes and checkpoints during it, and the rows its sequential scans read per upload: a plan
// made while a table was nearly empty (a fresh database) scans it whole on every later call of the session.
// Needs a production build (`npm run build`; `npm start` makes one too).
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync, inflateSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { findNextServerPid, signInBenchAdmin, startBenchApp, stopBenchApp } from "./bench-app-server";
import { readPostgresProcesses, readProcessTreeCpu, type PostgresProcesses } from "./process-tree-cpu";
import { makeReportFiles, type ReportFile } from "@/tests/helpers/report-files";
import { storePreloadReports } from "./bench-preload";
import { syncRegions } from "@/lib/ingest/sync-regions";
import { readCliArgsOrExit } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";

const { values } = readCliArgsOrExit({
  options: {
    files: { type: "string", default: "200" },
    page: { type: "string", default: "/" },
    seconds: { type: "string", default: "10" },
    port: { type: "string" },
    "db-port": { type: "string" },
    "cpu-prof": { type: "string" },
    preload: { type: "string", default: "0" },
    rounds: { type: "string", default: "1" },
  },
});
const FILES = Number(values.files);
const PAGE = values.page;
const SECONDS = Number(values.seconds);
const PRELOAD = Number(values.preload);
const ROUNDS = Math.max(1, Number(values.rounds));
const PROFILE_DIR = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : undefined;
const DATA_DIR = path.join(process.cwd(), ".test-data", "bench-upload");

async function main(): Promise<void> {
  await rm(DATA_DIR, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({
    dataDir: DATA_DIR,
    port: values["db-port"] ? Number(values["db-port"]) : await findFreePort(),
    persistent: false,
  });
  const postmaster = Number((await readFile(path.join(DATA_DIR, "postmaster.pid"), "utf8")).split("\n")[0]);
  let app: ChildProcess | null = null;
  try {
    await createDatabaseIfMissing(database.adminUrl, "bench_upload");
    if (PRELOAD > 0) await preloadReports(database.urlFor("bench_upload"), PRELOAD);
    const port = values.port ? Number(values.port) : await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    if (PROFILE_DIR) await mkdir(PROFILE_DIR, { recursive: true });
    app = await startBenchApp({
      port,
      databaseUrl: database.urlFor("bench_upload"),
      cpuProfileDir: PROFILE_DIR,
    });
    const cpu = cpuMeter(app.pid!, postmaster);
    const databaseUrl = database.urlFor("bench_upload");
    const cookie = await signInBenchAdmin(base);
    const token = await createToken(base, cookie);
    // A set of distinct agencies per phase and round: nothing is a duplicate.
    const files = makeReportFiles({ count: FILES * (1 + ROUNDS), seed: 9001 });
    if (files.length < FILES * (1 + ROUNDS)) throw new Error("not enough synthetic files");
    console.log(
      `机器: ${os.cpus().length} 核, 负载 ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; Node ${process.version}`,
    );

    const idle = await measurePage(base, cookie, SECONDS).result;
    console.log(`\n1. ${PAGE} 空闲时: ${describeLatency(idle)}`);

    const loaded = measurePage(base, cookie, SECONDS * 100);
    const duringCpu = cpu.start();
    const during = await uploadAll(base, token, files.slice(0, FILES), 3);
    const duringCpuMs = duringCpu.stop();
    loaded.stop();
    const underLoad = await loaded.result;
    console.log(
      `\n2. 上传 ${FILES} 个文件（每请求 1 个，3 个并发，同页面）期间 ${PAGE}: ${describeLatency(underLoad)}`,
    );
    console.log(`   上传本身: ${describeUploads(during)}`);
    console.log(`   CPU（含同时请求的页面）: ${describeCpu(duringCpuMs, FILES)}`);

    const server = findNextServerPid(app.pid!);
    for (let round = 0; round < ROUNDS; round += 1) {
      if (PROFILE_DIR && server) process.kill(server, "SIGUSR2");
      const loadBefore = os.loadavg()[0]!;
      const vacuumsBefore = await readMaintenanceCounts(databaseUrl);
      const postgresBefore = readPostgresProcesses(postmaster);
      const throughputCpu = cpu.start();
      const throughput = await uploadAll(
        base,
        token,
        files.slice(FILES * (round + 1), FILES * (round + 2)),
        8,
      );
      const throughputCpuMs = throughputCpu.stop();
      const postgresAfter = readPostgresProcesses(postmaster);
      const vacuumsAfter = await readMaintenanceCounts(databaseUrl);
      if (PROFILE_DIR && server) process.kill(server, "SIGUSR2");
      console.log(
        `\n3${ROUNDS > 1 ? `.${round + 1}` : ""}. 上传路由吞吐（每请求 1 个文件，8 个并发）: ${describeUploads(throughput)}`,
      );
      console.log(`   CPU 每份: ${describeCpu(throughputCpuMs, FILES)}`);
      console.log(
        `   PostgreSQL 各类进程每份: ${describePostgresCpu(postgresBefore, postgresAfter, FILES)}; ` +
          `期间 autovacuum ${vacuumsAfter.vacuums - vacuumsBefore.vacuums} 次, ` +
          `autoanalyze ${vacuumsAfter.analyzes - vacuumsBefore.analyzes} 次, ` +
          `检查点 ${vacuumsAfter.checkpoints - vacuumsBefore.checkpoints} 次`,
      );
      console.log(`   顺序扫描读行（每份）: ${describeSeqRows(vacuumsBefore, vacuumsAfter, FILES)}`);
      console.log(`   负载（1 分钟）: 开始 ${loadBefore.toFixed(2)}, 结束 ${os.loadavg()[0]!.toFixed(2)}`);
      console.log(`   Next 服务器常驻内存: ${describeResidentMemory(server)}`);
    }
    if (PROFILE_DIR) console.log(`   CPU profile（第 3 段，每轮一个，Next 服务器主线程）: ${PROFILE_DIR}`);
  } finally {
    if (app) await stopBenchApp(app);
    await database.stop();
  }
}

/** The Next server's resident memory now and at its peak (VmRSS, VmHWM from /proc), or "?" where unread. */
function describeResidentMemory(pid: number | null): string {
  if (pid === null) return "?";
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const megabytes = (field: string) =>
      Math.round(Number(/\d+/.exec(status.split(`${field}:`)[1] ?? "")?.[0]) / 1024);
    return `${megabytes("VmRSS")} MB（峰值 ${megabytes("VmHWM")} MB）`;
  } catch {
    return "?";
  }
}

/** `reports` synthetic reports through the bulk path (as bench:ingest-cpu --preload), then VACUUM ANALYZE. */
async function preloadReports(url: string, reports: number): Promise<void> {
  const started = performance.now();
  await applyMigrations({ url });
  const db = createClient(url);
  try {
    await syncRegions(db);
    await storePreloadReports(db, reports);
    await getPool(db).query("VACUUM ANALYZE");
  } finally {
    await closeClient(db);
  }
  console.log(
    `预载 ${reports} 份合成报告（批量路径）: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function createToken(base: string, cookie: string): Promise<string> {
  const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as {
    user: { id: string };
  };
  const response = await fetch(`${base}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body: JSON.stringify({ userId: me.user.id, name: "bench" }),
  });
  if (response.status !== 201) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

function measurePage(base: string, cookie: string, seconds: number) {
  let settle: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const result = new Promise<autocannon.Result>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const instance = autocannon(
    { url: `${base}${PAGE}`, connections: 2, duration: seconds, headers: { cookie } },
    (error, finished) => (error ? fail(error) : settle(finished)),
  );
  return { result, stop: () => instance.stop() };
}

interface UploadRun {
  files: number;
  seconds: number;
  latencies: number[];
  statuses: Map<string, number>;
}

async function uploadAll(
  base: string,
  token: string,
  files: readonly ReportFile[],
  inFlight: number,
): Promise<UploadRun> {
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  // The client shares the machine's two cores with the server: each request's multipart body is made before
  // the clock starts and sent over kept-alive connections by node:http (fetch with a FormData cost ~3 ms
  // of CPU per upload here, a third of the server's own), so the figures are the server's.
  const bodies = files.map(toMultipartBody);
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const url = new URL("/api/reports", base);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const { contentType, body } = bodies[next++]!;
      const t0 = performance.now();
      const response = await post(
        url,
        agent,
        {
          authorization: `Bearer ${token}`,
          // As browsers (the upload page) and fetch ask: the server may compress its answer.
          "accept-encoding": "gzip, deflate",
          "content-type": contentType,
          "content-length": String(body.length),
        },
        body,
      );
      latencies.push(performance.now() - t0);
      const parsed = JSON.parse(response.text) as { results?: { status: string }[] };
      const status = parsed.results?.[0]?.status ?? `HTTP ${response.status}`;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { files: files.length, seconds, latencies, statuses };
}

/** One file as the upload page sends it: field `files`, its name in UTF-8 (as browsers and fetch send it). */
function toMultipartBody(file: ReportFile): { contentType: string; body: Buffer } {
  const boundary = `----bench${randomBytes(12).toString("hex")}`;
  const name = file.fileName.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([Buffer.from(head), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

function post(
  url: URL,
  agent: http.Agent,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        const encoding = response.headers["content-encoding"];
        const text = (
          encoding === "gzip" ? gunzipSync(body) : encoding === "deflate" ? inflateSync(body) : body
        ).toString("utf8");
        resolve({ status: response.statusCode ?? 0, text });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

interface CpuSplit {
  server: number;
  postgres: number;
  client: number;
  /** The Next server's threads by name (main: the request thread; reader threads; V8's and libuv's). */
  threads: Map<string, number>;
}

/** CPU milliseconds of each thread of `pid`, summed by thread name (/proc/<pid>/task, Linux). */
function readThreadCpu(pid: number | null): Map<string, number> {
  const byName = new Map<string, number>();
  if (pid === null) return byName;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const name =
        Number(tid) === pid ? "main" : readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      byName.set(name, (byName.get(name) ?? 0) + ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // The thread ended while the list was read.
    }
  }
  return byName;
}

/** CPU milliseconds used between start() and stop() by the server's process tree, PostgreSQL's and ours. */
function cpuMeter(serverPid: number, postmasterPid: number) {
  const next = findNextServerPid(serverPid);
  const read = (): CpuSplit => {
    const usage = process.cpuUsage();
    return {
      server: readProcessTreeCpu(serverPid) ?? NaN,
      postgres: readProcessTreeCpu(postmasterPid) ?? NaN,
      client: (usage.user + usage.system) / 1000,
      threads: readThreadCpu(next),
    };
  };
  return {
    start() {
      const before = read();
      return {
        stop(): CpuSplit {
          const after = read();
          return {
            server: after.server - before.server,
            postgres: after.postgres - before.postgres,
            client: after.client - before.client,
            // Threads that ended in between (reader threads idle too long) are missing from `after`.
            threads: new Map(
              [...after.threads].map(([name, ms]) => [name, ms - (before.threads.get(name) ?? 0)]),
            ),
          };
        },
      };
    },
  };
}

/** readPostgresProcesses' kinds in this bench's four groups: backends, autovacuum, background, postmaster. */
function kindGroup(kind: string): string {
  if (kind === "backends" || kind === "postmaster") return kind;
  return kind.startsWith("autovacuum") ? "autovacuum" : "background";
}

/** Per upload, by kind: the processes alive at the end (their CPU since the start, or since they started),
 * and "exited": the CPU that processes which exited meanwhile used within the window (autovacuum workers
 * leave after each pass; a pooled backend leaves when idle — the kinds that left are named). */
function describePostgresCpu(before: PostgresProcesses, after: PostgresProcesses, files: number): string {
  const byKind = new Map<string, number>();
  for (const [pid, { kind, ms }] of after.processes) {
    const group = kindGroup(kind);
    byKind.set(group, (byKind.get(group) ?? 0) + ms - (before.processes.get(pid)?.ms ?? 0));
  }
  const left = [...before.processes].filter(([pid]) => !after.processes.has(pid));
  const exited = after.reaped - before.reaped - left.reduce((sum, [, { ms }]) => sum + ms, 0);
  const leftKinds = [...new Set(left.map(([, { kind }]) => kindGroup(kind)))].join("/");
  return (
    ["backends", "autovacuum", "background", "postmaster"]
      .map((kind) => `${kind} ${((byKind.get(kind) ?? 0) / files).toFixed(2)} ms`)
      .join(", ") +
    `, 期间退出的进程 ${(exited / files).toFixed(2)} ms${leftKinds ? `（含 ${leftKinds}）` : ""}`
  );
}

interface MaintenanceCounts {
  vacuums: number;
  analyzes: number;
  checkpoints: number;
  /** Rows read by sequential scans so far, by table: a plan that scans a table growing with every upload. */
  seqRows: Map<string, number>;
}

/** Autovacuum and autoanalyze passes over the database's tables so far, checkpoints, sequential scans. */
async function readMaintenanceCounts(url: string): Promise<MaintenanceCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ vacuums: string; analyzes: string; checkpoints: string }>(
      `SELECT (SELECT coalesce(sum("autovacuum_count"), 0) FROM pg_stat_user_tables) AS "vacuums",
              (SELECT coalesce(sum("autoanalyze_count"), 0) FROM pg_stat_user_tables) AS "analyzes",
              (SELECT "num_timed" + "num_requested" FROM pg_stat_checkpointer) AS "checkpoints"`,
    );
    const scans = await client.query<{ table: string; rows: string }>(
      `SELECT relname AS "table", seq_tup_read AS "rows" FROM pg_stat_user_tables`,
    );
    return {
      vacuums: Number(rows[0]!.vacuums),
      analyzes: Number(rows[0]!.analyzes),
      checkpoints: Number(rows[0]!.checkpoints),
      seqRows: new Map(scans.rows.map((row) => [row.table, Number(row.rows)])),
    };
  } finally {
    await client.end();
  }
}

function describeSeqRows(before: MaintenanceCounts, after: MaintenanceCounts, files: number): string {
  const read = [...after.seqRows]
    .map(([table, rows]) => [table, rows - (before.seqRows.get(table) ?? 0)] as const)
    .filter(([, rows]) => rows > 0)
    .sort((a, b) => b[1] - a[1]);
  return read.length === 0
    ? "无"
    : read
        .slice(0, 6)
        .map(([table, rows]) => `${table} ${(rows / files).toFixed(1)}`)
        .join(", ");
}

function describeCpu(cpu: CpuSplit, files: number): string {
  const per = (ms: number) => (ms / files).toFixed(1);
  return (
    `服务器 ${per(cpu.server)} ms + PostgreSQL ${per(cpu.postgres)} ms = ${per(cpu.server + cpu.postgres)} ms; ` +
    `本客户端 ${per(cpu.client)} ms\n   服务器各线程: ${[...cpu.threads]
      .filter(([, ms]) => ms > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => `${name} ${per(ms)} ms`)
      .join(", ")}`
  );
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

function describeUploads(run: UploadRun): string {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const statuses = [...run.statuses].map(([status, count]) => `${status} ${count}`).join(", ");
  return (
    `${run.files} 个文件 ${run.seconds.toFixed(2)} s = ${(run.files / run.seconds).toFixed(1)} 份/秒; ` +
    `每请求 p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms, ` +
    `最大 ${sorted.at(-1)?.toFixed(0)} ms (${statuses})`
  );
}

function describeLatency(result: autocannon.Result): string {
  const { latency, requests, non2xx } = result;
  return (
    `${requests.total} 次请求, ${requests.average.toFixed(1)} 次/秒; 延迟 p50 ${latency.p50} ms, ` +
    `p97.5 ${latency.p97_5} ms, p99 ${latency.p99} ms, 最大 ${latency.max} ms${non2xx ? `（非 2xx: ${non2xx}）` : ""}`
  );
}

runCli(async () => {
  await main();
  return EXIT_OK;
});
