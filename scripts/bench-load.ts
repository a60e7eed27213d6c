// npm run bench:load — the signed-in app under load: autocannon, C connections for S seconds each, one
// signed-in session, against the production server (`npm start`'s start script) on a throwaway embedded
// PostgreSQL holding a synthetic year of reports; loopback only. Targets:
//   1. a trivial dynamic page of the app (/account: the layout, the session, no dashboard query);
//   2. the ranking page (/rankings for that year);
//   3. a filtered export of one region-year (every cell of about 50 reports: ~10,000 long CSV rows).
// Requests carry a browser's Accept-Encoding, so pages go out compressed as they do to people (without it,
// the 140 KB ranking page cost a third of its throughput in loopback writes on this VM; the trivial page,
// 15 KB, hardly anything). Each target is warmed up first (its route's modules loaded, V8 warm; not counted). The trivial and the
// ranking page are then measured in alternating rounds (R rounds of about S/R seconds each) rather than one
// after the other, so that a neighbour's burst on a shared machine slows both alike and their ratio — the
// figure that matters — stays comparable; the export follows. A round sends a fixed number of requests (the
// warm-up's rate × its seconds) and waits for all of them: a round cut off by a clock would drop the
// requests still in flight, up to 50 slow pages' work, and understate the slower target most. Throughput
// is requests over the rounds' elapsed time. The load average is printed at each round.
// Prints throughput, p50/p95/p99 and errors per target, its CPU per request (the app server's and the
// database's, read from /proc: on a shared machine the steadier figure), and the ranking page's ratio to
// the trivial page (target ≥ 0.5); `--json <file>` also writes them for `npm run bench`.
//   npm run bench:load -- [--connections 50] [--seconds 60] [--rounds 4] [--warmup 5] [--reports 10000]
//                         [--year 2024]
// Needs a production build (`npm run build`; `npm start` makes one too).
import { spawn, type ChildProcess } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { BENCH_ADMIN, signInBenchAdmin, startBenchApp, stopBenchApp } from "./bench-app-server";
import { readProcessTreeCpu } from "./process-tree-cpu";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    rounds: { type: "string", default: "4" },
    warmup: { type: "string", default: "5" },
    reports: { type: "string", default: "10000" },
    year: { type: "string", default: "2024" },
    "export-path": { type: "string", default: "/api/export" },
    json: { type: "string" },
  },
});
const CONNECTIONS = Number(values.connections);
const SECONDS = Number(values.seconds);
const ROUNDS = Math.max(1, Number(values.rounds));
const WARMUP_SECONDS = Number(values.warmup);
const REPORTS = Number(values.reports);
const YEAR = Number(values.year);
const DATA_DIR = path.join(process.cwd(), ".test-data", "bench-load");
// The app server's process (its start script, with Next below it); the database runs below this process.
let appPid: number | null = null;

export interface LoadFigure {
  target: string;
  path: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU per request of the app server (Node) and of the database (PostgreSQL), in ms: what a request
   * costs, which a busy machine changes far less than it changes throughput. Null without /proc. */
  serverCpuMs: number | null;
  databaseCpuMs: number | null;
  /** Set when the target could not be measured (its probe did not answer 200). */
  skipped?: string;
}

async function main(): Promise<void> {
  await rm(DATA_DIR, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({
    dataDir: DATA_DIR,
    port: await findFreePort(),
    persistent: false,
  });
  let app: ChildProcess | null = null;
  try {
    await createDatabaseIfMissing(database.adminUrl, "bench_load");
    const url = database.urlFor("bench_load");
    await applyMigrations({ url });
    console.log(`生成 ${REPORTS} 份 ${YEAR} 年的合成报告…`);
    await seedSynthetic(url);
    const region = await pickExportRegion(url);
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    app = await startBenchApp({ port, databaseUrl: url });
    appPid = app.pid ?? null;
    const cookie = await signInBenchAdmin(base);
    const targets = [
      { target: "trivial page /account", path: "/account" },
      { target: "ranking page /rankings", path: `/rankings?year=${YEAR}` },
      {
        target: `export ${region.name} ${YEAR} (${region.reports} reports)`,
        path: `${values["export-path"]}?year=${YEAR}&region=${region.code}&format=long&type=csv`,
      },
    ];
    const live: { target: string; path: string; perSecond: number }[] = [];
    const skipped = new Map<string, LoadFigure>();
    for (const target of targets) {
      const probe = await fetch(base + target.path, { headers: { cookie }, redirect: "manual" });
      await probe.arrayBuffer();
      if (probe.status !== 200) {
        skipped.set(target.path, { ...emptyFigure(target), skipped: `HTTP ${probe.status}` });
        console.log(`${target.target}: 跳过 — ${target.path} 答复 HTTP ${probe.status}`);
        continue;
      }
      const warmup = await run({ base, cookie, path: target.path, seconds: Math.max(1, WARMUP_SECONDS) });
      live.push({ ...target, perSecond: warmup.requests / warmup.seconds });
    }
    // The two pages whose ratio is the target alternate round by round; anything after them runs alone.
    const paired = live.filter((target) => target.path !== targets[2]!.path);
    const runs = new Map(live.map((target) => [target.path, [] as RunResult[]]));
    for (let round = 1; round <= ROUNDS; round++)
      for (const target of paired) {
        console.log(
          `${target.target}: ${CONNECTIONS} 个连接, 第 ${round}/${ROUNDS} 轮 ${SECONDS / ROUNDS} s（负载 ${loadAverage()}）…`,
        );
        runs
          .get(target.path)!
          .push(await run({ base, cookie, path: target.path, amount: amountFor(target, SECONDS / ROUNDS) }));
      }
    for (const target of live.filter((target) => !paired.includes(target))) {
      console.log(`${target.target}: ${CONNECTIONS} 个连接, ${SECONDS} s（负载 ${loadAverage()}）…`);
      runs
        .get(target.path)!
        .push(await run({ base, cookie, path: target.path, amount: amountFor(target, SECONDS) }));
    }
    const figures = targets.map(
      (target) => skipped.get(target.path) ?? summarise(target, runs.get(target.path)!),
    );
    console.log(`负载 ${loadAverage()}`);
    printTable(figures);
    if (values.json)
      await writeFile(values.json, JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, figures }));
  } finally {
    if (app) await stopBenchApp(app);
    await database.stop();
  }
}

function emptyFigure(target: { target: string; path: string }): LoadFigure {
  return {
    ...target,
    requests: 0,
    perSecond: 0,
    p50: 0,
    p95: 0,
    p99: 0,
    errors: 0,
    non2xx: 0,
    serverCpuMs: null,
    databaseCpuMs: null,
  };
}

function seedSynthetic(url: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/seed-synthetic.ts",
      "--reports",
      String(REPORTS),
      "--years",
      `${YEAR}-${YEAR}`,
    ],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] },
  );
  return new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`seed:synthetic exited ${code}`)),
    ),
  );
}

/** The export's region-year: the province, city or county whose report count is nearest 50 — every cell of
 * 50 reports is about 10,000 long rows, the "filtered export of one region-year". */
async function pickExportRegion(url: string): Promise<{ code: string; name: string; reports: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ code: string; name: string; reports: string }>(
      `SELECT r.code, r.name, count(*)::text AS reports
         FROM "ReportMetrics" m
         JOIN "Region" r
           ON r.code IN (left(m."regionCode", 2), left(m."regionCode", 4), left(m."regionCode", 6))
        WHERE m.year = $1 GROUP BY r.code, r.name ORDER BY abs(count(*) - 50), r.code LIMIT 1`,
      [YEAR],
    );
    const row = rows[0];
    if (!row) throw new Error("no synthetic reports were stored");
    return { code: row.code, name: row.name, reports: Number(row.reports) };
  } finally {
    await client.end();
  }
}

interface RunResult {
  latencies: number[];
  requests: number;
  seconds: number;
  errors: number;
  non2xx: number;
  serverCpuMs: number | null;
  databaseCpuMs: number | null;
}

/** Requests for about `seconds` at the rate seen in the warm-up; at least two per connection. */
function amountFor(target: { perSecond: number }, seconds: number): number {
  return Math.max(CONNECTIONS * 2, Math.round(target.perSecond * seconds));
}

/** One autocannon run: for `seconds` (the warm-up) or until `amount` requests have been answered. */
async function run(
  options: { base: string; cookie: string; path: string } & (
    { seconds: number; amount?: never } | { amount: number; seconds?: never }
  ),
): Promise<RunResult> {
  const latencies: number[] = [];
  const cpuBefore = readCpu();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.base + options.path,
        connections: CONNECTIONS,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
        // As a browser asks: a page's HTML and its RSC payload travel compressed (Next's `compress`).
        headers: { cookie: options.cookie, "accept-encoding": "gzip, deflate, br" },
        timeout: 30,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    // autocannon's summary has p90 and p97.5 but no p95: every response's time is kept instead.
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const cpuAfter = readCpu();
  return {
    latencies,
    serverCpuMs: cpuBefore && cpuAfter ? cpuAfter.server - cpuBefore.server : null,
    databaseCpuMs: cpuBefore && cpuAfter ? cpuAfter.database - cpuBefore.database : null,
    requests: result.requests.total,
    seconds: options.seconds ?? (performance.now() - started) / 1000,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** CPU so far of the app server's process tree, and of this process's other descendants (the database). */
function readCpu(): { server: number; database: number } | null {
  const server = appPid === null ? null : readProcessTreeCpu(appPid);
  const all = readProcessTreeCpu(process.pid);
  const own = process.cpuUsage();
  if (server === null || all === null) return null;
  // This process's own CPU (autocannon's client work) is in `all` too: it is neither server nor database.
  return { server, database: all - server - (own.user + own.system) / 1000 };
}

function summarise(target: { target: string; path: string }, results: readonly RunResult[]): LoadFigure {
  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  const at = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
  const sum = (pick: (result: RunResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    target: target.target,
    path: target.path,
    requests: sum((r) => r.requests),
    perSecond: sum((r) => r.requests) / sum((r) => r.seconds),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    serverCpuMs: perRequest(results, (r) => r.serverCpuMs),
    databaseCpuMs: perRequest(results, (r) => r.databaseCpuMs),
  };
}

function perRequest(
  results: readonly RunResult[],
  pick: (result: RunResult) => number | null,
): number | null {
  const values = results.map(pick);
  if (values.some((value) => value === null)) return null;
  const requests = results.reduce((total, r) => total + r.requests, 0);
  return requests > 0 ? values.reduce((total: number, value) => total + value!, 0) / requests : null;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
}

function printTable(figures: readonly LoadFigure[]): void {
  console.log(
    `\n| target | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | server CPU ms/req | database CPU ms/req |`,
  );
  console.log(`|---|---|---|---|---|---|---|---|---|`);
  for (const f of figures) {
    if (f.skipped) console.log(`| ${f.target} | — | — | — | — | — | ${f.skipped} | — | — |`);
    else
      console.log(
        `| ${f.target} | ${f.perSecond.toFixed(1)} | ${f.p50.toFixed(0)} | ${f.p95.toFixed(0)} | ` +
          `${f.p99.toFixed(0)} | ${f.errors} | ${f.non2xx} | ${cpu(f.serverCpuMs)} | ${cpu(f.databaseCpuMs)} |`,
      );
  }
  const [trivial, ranking] = figures;
  if (trivial && ranking && trivial.perSecond > 0)
    console.log(`\nranking / trivial = ${(ranking.perSecond / trivial.perSecond).toFixed(2)} (target ≥ 0.5)`);
  // Node serves a page on one thread: once the server's CPU is the limit, the throughput ratio tends to the
  // inverse ratio of server CPU per request, whatever the neighbours do to the clock.
  if (trivial?.serverCpuMs && ranking?.serverCpuMs)
    console.log(
      `server CPU per request, trivial / ranking = ${(trivial.serverCpuMs / ranking.serverCpuMs).toFixed(2)}`,
    );
  console.log(
    `(signed in as ${BENCH_ADMIN.email}; ${CONNECTIONS} connections, ${SECONDS} s per target after a ${WARMUP_SECONDS} s ` +
      `warm-up; the two pages alternate in ${ROUNDS} rounds)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

function cpu(ms: number | null): string {
  return ms === null ? "—" : ms.toFixed(1);
}
