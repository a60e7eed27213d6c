// npm run bench:ingest-cpu — where the CPU of ingestion goes, per report: CPU time of every Node thread (main,
// reader threads, V8's and libuv's helpers) and of the throwaway PostgreSQL's processes, from
// /proc/<id>/schedstat (nanoseconds of CPU actually used, so a loaded machine stretches the wall clock but
// hardly these), the backend CPU of each statement (the statement's backend, read before and after it), and
// optionally the main thread's allocations by function (V8's sampling heap profiler) and its CPU profile of
// the measured run (`--cpu-profile FILE`, for Chrome's DevTools or any .cpuprofile reader). Linux only.
// bench:ingest gives the throughput against raw COPY; this tells what to cut, even on a busy machine.
// `--preload N` stores N other synthetic reports through the bulk path first (summaries included), so the
// measured path meets a database with regions already filled, as bench:ingest's single uploads do.
// `--keep` keeps the server's data directory (.test-data/bench-ingest-cpu-kept) with the preloaded database
// as a template: a later run with the same --preload copies it (CREATE DATABASE … TEMPLATE, seconds)
// instead of storing 50,000 reports again (minutes) — for runs back to back; the migrations still run.
// `--generation` (seed path): the bulk path measured as seed:synthetic runs it, the documents generated
// while the batches are written (their CPU and garbage included), not generated beforehand and kept.
//   npm run bench:ingest-cpu -- [--path single|import|seed] [--reports 300] [--preload 0] [--keep]
//                               [--allocations] [--cpu-profile main.cpuprofile] [--warm N] [--generation]
//                               [--timeline] [--trace] [--nested] [--explain] [--in-flight N]
// `--nested`: the server runs pg_stat_statements with track = all, and the measured run's statements are
// listed by their total execution time, those run inside functions included (the upload's functions'
// statements one by one: what each costs, which a round trip's backend CPU cannot tell apart).
// `--explain`: every statement's plan with its row counts (auto_explain, nested ones included, sent to the
// client as notices) during the measured run, and the sequential scans in them listed by statement.
// `--in-flight N` (single): uploads at once (4; 1 for --nested, whose times then hold no lock waits).
// `--timeline`: the CPU of PostgreSQL and of Node every 100 ms of the measured run, in cores (2.00 = both
// cores of this machine), to see where a core idles (the start, the end).
// `--warm N` (import only): another import of N files first, not measured — the CPU of a warm process (JIT
// warm-up of the reader threads lasts a few hundred files each; a 500-file import is mostly warm-up).
import { readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readCliArgsOrExit } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { importDocument } from "@/lib/ingest/import-document";
import { importFiles } from "@/lib/ingest/import-files";
import { copyIntoBareTable } from "./bench-raw-copy";
import { settle, warmWal } from "./bench-phase-state";
import { closeReaderPool, startReaderThreads } from "@/lib/ingest/reader-pool";
import { storePreloadReports } from "./bench-preload";
import { syncRegions } from "@/lib/ingest/sync-regions";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";
import { storeSyntheticDocuments } from "@/lib/synthetic/store-synthetic-documents";
import {
  readOwnThreadsCpuNs,
  postgresCpuByKind,
  readProcessTreeCpu,
  readSchedstatCpuNs,
} from "./process-tree-cpu";

const { values } = readCliArgsOrExit({
  options: {
    path: { type: "string", default: "single" },
    reports: { type: "string", default: "300" },
    preload: { type: "string", default: "0" },
    allocations: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "cpu-profile": { type: "string" },
    warm: { type: "string", default: "0" },
    generation: { type: "boolean", default: false },
    timeline: { type: "boolean", default: false },
    trace: { type: "boolean", default: false },
    nested: { type: "boolean", default: false },
    "in-flight": { type: "string", default: "4" },
    explain: { type: "boolean", default: false },
  },
});
const REPORTS = Number(values.reports);
const warm = Number(values.warm);
const PATHS = ["single", "import", "seed"] as const;
const which = PATHS.find((p) => p === values.path);
if (!which) throw new Error(`--path must be one of ${PATHS.join(", ")}`);

/** CPU nanoseconds of each thread of this process, by name ("main" or "thread <tid>"). */
function threadCpu(): Map<string, number> {
  const threads = new Map<string, number>();
  for (const [tid, ns] of readOwnThreadsCpuNs())
    threads.set(tid === process.pid ? "main" : `thread ${tid}`, ns);
  return threads;
}

/** CPU nanoseconds of the postmaster and every process below it (backends, WAL writer, checkpointer,
 * autovacuum), those that have exited included (process-tree-cpu.ts). */
function postgresCpu(postmaster: number): number {
  return (readProcessTreeCpu(postmaster) ?? 0) * 1e6;
}

// The postmaster's processes' CPU by kind; those that exited are counted in the postmaster's cutime/cstime.
const REAPED = "reaped (exited backends, autovacuum workers)";

// Per statement: count, wall time and its backend's CPU (each connection runs one statement at a time).
const statements = new Map<string, { count: number; wallMs: number; backendMs: number }>();
// The main thread's time in these /proc reads (two per statement, ~1–2 ms per upload): the bench's own
// cost, subtracted from Node's figures below.
let probeMs = 0;
function probeCpuNs(file: string): number {
  const started = performance.now();
  const ns = readSchedstatCpuNs(file);
  probeMs += performance.now() - started;
  return ns;
}
const labels = new Map<string, string>();
// `--trace`: every statement of the measured run, by connection, in the order they ended.
const trace: { label: string; backend: number; started: number; ended: number; backendMs: number }[] = [];
// When the last batch's cells were in (the end of the latest COPY into ReportCell): what comes after it is
// the load's tail — that batch's other statements, then the summaries and indexes of `finish`.
let lastCellCopyEnd = 0;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client & { processID?: number },
  ...args: unknown[]
) {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === "string" ? first : (first?.text ?? "COPY");
  let label = labels.get(text);
  if (label === undefined) {
    const flat = text.replace(/\s+/g, " ");
    // The summaries' statements all begin alike ("WITH keys AS …"): named by what they write and for which depth.
    const writes = /^WITH keys AS/.test(flat)
      ? ` … ${/k\."depth" = \$4::int/.test(flat) ? "one depth" : "all keys"}: ${flat.match(/(INSERT INTO|DELETE FROM) "\w+"/g)?.at(-1) ?? ""}`
      : "";
    // The roll-up and coverage differences begin alike too ("WITH change AS …"): named by their next CTE.
    const next = /^WITH change AS/.test(flat) ? ` [${flat.match(/\), (\w+) AS/)?.[1] ?? ""}]` : "";
    labels.set(text, (label = writes ? `summaries${writes}` : flat.slice(0, next ? 60 : 72) + next));
  }
  // A summaries' statement of one depth: its depth (the fourth value) in the label ("… depth 3: INSERT INTO …").
  if (label.includes("one depth")) {
    const depth = (first as { values?: unknown[] } | undefined)?.values?.[3];
    label = label.replace("one depth", `depth ${String(depth)}`);
  }
  const backend = `/proc/${this.processID}/schedstat`;
  const started = performance.now();
  const cpuBefore = probeCpuNs(backend);
  const done = () => {
    if (label.startsWith('COPY "ReportCell"')) lastCellCopyEnd = performance.now();
    const entry = statements.get(label) ?? { count: 0, wallMs: 0, backendMs: 0 };
    entry.count += 1;
    entry.wallMs += performance.now() - started;
    const backendMs = (probeCpuNs(backend) - cpuBefore) / 1e6;
    entry.backendMs += backendMs;
    statements.set(label, entry);
    if (values.trace)
      trace.push({ label, backend: this.processID ?? 0, started, ended: performance.now(), backendMs });
  };
  // pool.query(text, values, callback) hands the client a callback: done when it is called.
  const callback = args.at(-1);
  if (typeof callback === "function")
    args[args.length - 1] = (...results: unknown[]) => {
      done();
      return (callback as (...r: unknown[]) => unknown)(...results);
    };
  const result = query.apply(this, args) as { then?: unknown; on?: (e: string, f: () => void) => void };
  if (typeof result?.then === "function") (result as Promise<unknown>).then(done, done);
  else if (typeof result?.on === "function") result.on("finish", done);
  return result;
};

const NESTED_SETTINGS = {
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track": "all",
  "pg_stat_statements.max": "10000",
  "pg_stat_statements.track_planning": "on",
};
const EXPLAIN_SETTINGS = {
  shared_preload_libraries: "auto_explain",
  "auto_explain.log_min_duration": "0",
  "auto_explain.log_nested_statements": "on",
  "auto_explain.log_analyze": "on",
  "auto_explain.log_timing": "off",
  "auto_explain.log_level": "notice",
};
/** The server's settings for --nested and --explain (both: both preloaded libraries). */
function serverSettings(): Record<string, string> {
  const parts = [values.nested ? NESTED_SETTINGS : null, values.explain ? EXPLAIN_SETTINGS : null].filter(
    (part) => part !== null,
  );
  if (parts.length === 0) return {};
  return Object.assign({}, ...parts, {
    shared_preload_libraries: parts.map((part) => part.shared_preload_libraries).join(","),
  }) as Record<string, string>;
}
let nestedUrl: string | null = null;
/** With --explain: the plans' sequential scans, "statement → scan" with calls and rows read. */
const seqScans = new Map<string, { calls: number; rows: number }>();
let explaining = false;

function collectSeqScans(notice: { message?: string }): void {
  if (!explaining || !notice.message) return;
  const text = notice.message;
  const query = (text.match(/Query Text: ([\s\S]*?)\n\S/)?.[1] ?? "").replace(/\s+/g, " ").slice(0, 90);
  for (const match of text.matchAll(/Seq Scan on "?(\w+)"?[^\n]*actual rows=([\d.]+) loops=(\d+)/g)) {
    const key = `${query} → ${match[1]}`;
    const entry = seqScans.get(key) ?? { calls: 0, rows: 0 };
    entry.calls += 1;
    entry.rows += Number(match[2]) * Number(match[3]);
    seqScans.set(key, entry);
  }
}

/** pg_stat_statements' figures of the measured run, top statements by total time (track = all). */
async function printNestedStatements(): Promise<void> {
  const client = new pg.Client({ connectionString: nestedUrl! });
  await client.connect();
  try {
    const { rows } = await client.query<{
      calls: string;
      total: number;
      plans: string;
      plan: number;
      rows: string;
      query: string;
    }>(
      `SELECT calls, total_exec_time AS total, plans, total_plan_time AS plan, rows, query FROM pg_stat_statements
        WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 30`,
    );
    console.log(
      "  pg_stat_statements, track = all (execution ms per report, calls per report, rows per call; planning ms per report, plans):",
    );
    for (const row of rows)
      console.log(
        `  ${(row.total / REPORTS).toFixed(3).padStart(7)} ${(Number(row.calls) / REPORTS).toFixed(2).padStart(5)} ${(Number(row.rows) / Math.max(1, Number(row.calls))).toFixed(1).padStart(6)} ${(row.plan / REPORTS).toFixed(3).padStart(6)} ${row.plans.padStart(5)}  ${row.query.replace(/\s+/g, " ").slice(0, 150)}`,
      );
  } finally {
    await client.end();
  }
}

async function measure(
  label: string,
  postmaster: number,
  pool: pg.Pool,
  run: () => Promise<void>,
): Promise<void> {
  // Each measured run from the same state (bench-phase-state.ts): no checkpoint that an earlier load asked
  // for still writing, no autovacuum worker analysing what it loaded — their CPU is counted as PostgreSQL's.
  const state = await settle(pool);
  statements.clear();
  trace.length = 0;
  explaining = values.explain;
  if (nestedUrl) {
    const client = new pg.Client({ connectionString: nestedUrl });
    await client.connect();
    await client.query("SELECT pg_stat_statements_reset()");
    await client.end();
  }
  const heap = values.allocations ? new Session() : null;
  if (heap) {
    heap.connect();
    // Garbage included (the flags are newer than Node's typings): what is allocated, not what stays alive.
    await heap.post("HeapProfiler.startSampling", {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    } as { samplingInterval: number });
  }
  const profiler = values["cpu-profile"] ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 250 });
    await profiler.post("Profiler.start");
  }
  probeMs = 0;
  const threadsBefore = threadCpu();
  const postgresBefore = postgresCpu(postmaster);
  const kindsBefore = postgresCpuByKind(postmaster, REAPED);
  const started = performance.now();
  const timeline: string[] = [];
  let last = {
    at: started,
    pg: postgresBefore,
    node: [...threadsBefore.values()].reduce((a, b) => a + b, 0),
  };
  const sampler = values.timeline
    ? setInterval(() => {
        const now = {
          at: performance.now(),
          pg: postgresCpu(postmaster),
          node: [...threadCpu().values()].reduce((a, b) => a + b, 0),
        };
        const wall = (now.at - last.at) * 1e6;
        timeline.push(
          `${((now.at - started) / 1000).toFixed(2)}s pg ${((now.pg - last.pg) / wall).toFixed(2)} node ${((now.node - last.node) / wall).toFixed(2)}`,
        );
        last = now;
      }, 100)
    : null;
  await run();
  if (sampler) {
    clearInterval(sampler);
    console.log(timeline.join("\n"));
  }
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const perReport = (ns: number) => `${(ns / 1e6 / REPORTS).toFixed(2)} ms`;
  console.log(
    `${label}: ${REPORTS} reports in ${seconds.toFixed(1)} s (${(REPORTS / seconds).toFixed(0)}/s), load ${os.loadavg()[0]!.toFixed(1)}; ${state}`,
  );
  if (values.trace)
    for (const entry of trace.sort((a, b) => a.started - b.started))
      console.log(
        `  trace ${((entry.started - started) / 1000).toFixed(3)}–${((entry.ended - started) / 1000).toFixed(3)}s backend ${entry.backend} cpu ${entry.backendMs.toFixed(0).padStart(5)} ms  ${entry.label.slice(0, 60)}`,
      );
  if (lastCellCopyEnd > started)
    console.log(`  after the last cells' COPY: ${(ended - lastCellCopyEnd).toFixed(0)} ms (the tail)`);
  console.log(
    `  PostgreSQL (all its processes)  ${perReport(postgresCpu(postmaster) - postgresBefore)} CPU per report`,
  );
  for (const [kind, ms] of postgresCpuByKind(postmaster, REAPED)) {
    const used = ms - (kindsBefore.get(kind) ?? 0);
    if (used > 0) console.log(`    ${kind.padEnd(44)} ${perReport(used * 1e6)}`);
  }
  let node = 0;
  for (const [thread, ns] of threadCpu()) {
    const used = ns - (threadsBefore.get(thread) ?? 0);
    node += used;
    if (used / 1e6 / REPORTS >= 0.05) console.log(`  Node ${thread.padEnd(26)} ${perReport(used)}`);
  }
  console.log(`  Node, all threads               ${perReport(node)} CPU per report`);
  console.log(
    `  Node, all threads, less the bench's own /proc reads (${perReport(probeMs * 1e6)}) ${perReport(node - probeMs * 1e6)}`,
  );
  console.log("  statements (wall ms, backend CPU ms, count):");
  for (const [text, entry] of [...statements].sort((a, b) => b[1].backendMs - a[1].backendMs).slice(0, 24))
    console.log(
      `  ${entry.wallMs.toFixed(0).padStart(7)} ${entry.backendMs.toFixed(0).padStart(6)} ${String(entry.count).padStart(5)}  ${text}`,
    );
  if (nestedUrl) await printNestedStatements();
  if (explaining) {
    explaining = false;
    console.log("  sequential scans (rows read per report, scans per report; statement → table):");
    for (const [key, { calls, rows }] of [...seqScans].sort((a, b) => b[1].rows - a[1].rows))
      console.log(
        `  ${(rows / REPORTS).toFixed(1).padStart(8)} ${(calls / REPORTS).toFixed(2).padStart(5)}  ${key}`,
      );
  }
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    await writeFile(values["cpu-profile"]!, JSON.stringify(profile));
    console.log(`  the main thread's CPU profile of this run: ${values["cpu-profile"]}`);
  }
  if (heap) {
    const { profile } = await heap.post("HeapProfiler.stopSampling");
    const bySite = new Map<string, number>();
    const walk = (node: typeof profile.head) => {
      const frame = node.callFrame;
      const site = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").at(-1)}:${frame.lineNumber + 1}`;
      bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
      node.children.forEach(walk);
    };
    walk(profile.head);
    const total = [...bySite.values()].reduce((a, b) => a + b, 0);
    console.log(
      `  main thread allocated ${(total / 1024 / REPORTS).toFixed(0)} KB per report; largest sites:`,
    );
    for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 12))
      console.log(`  ${(bytes / 1024 / REPORTS).toFixed(1).padStart(7)} KB  ${site}`);
  }
}

async function main(): Promise<void> {
  const keep = values.keep;
  const dataDir = path.join(
    process.cwd(),
    ".test-data",
    keep ? "bench-ingest-cpu-kept" : `bench-ingest-cpu-${process.pid}`,
  );
  const fileDir = path.join(os.tmpdir(), `bench-ingest-cpu-files-${process.pid}`);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await findFreePort(),
    persistent: keep,
    settings: serverSettings(),
  });
  try {
    const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const preload = Number(values.preload);
    const template = `preload_${preload}`;
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    const kept =
      keep && (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount === 1;
    await admin.query("DROP DATABASE IF EXISTS bench");
    if (kept) await admin.query(`CREATE DATABASE bench TEMPLATE ${template}`);
    await admin.end();
    await createDatabaseIfMissing(server.adminUrl, "bench");
    const url = server.urlFor("bench");
    await applyMigrations({ url });
    if (values.nested) {
      nestedUrl = url;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      await client.end();
    }
    let db = createClient(url, { maxConnections: 16 });
    if (!kept) {
      await syncRegions(db);
      if (preload > 0) await storePreloadReports(db, preload);
      if (keep) {
        // The copies start from a settled table (visibility map, planner statistics), not from autovacuum's
        // first pass landing in the middle of a measured run.
        await getPool(db).query("VACUUM ANALYZE");
        await closeClient(db);
        const copy = new pg.Client({ connectionString: server.adminUrl });
        await copy.connect();
        await copy.query(`CREATE DATABASE ${template} TEMPLATE bench`);
        await copy.end();
        db = createClient(url, { maxConnections: 16 });
      }
    }
    // A fresh cluster's WAL: the first measured run would create its segments (bench-phase-state.ts).
    await warmWal(getPool(db));
    if (values.explain) getPool(db).on("connect", (client) => client.on("notice", collectSeqScans));
    await startReaderThreads();
    const options = { reports: REPORTS, years: { from: 2019, to: 2025 }, seed: 13 };
    let documents = [...generateSyntheticDocuments(options)];
    if (which === "seed") {
      // As seed:synthetic and bench:ingest store them: the summaries recomputed behind the batches.
      // The raw COPY's cell objects made before its measure (a synthetic document makes them when asked).
      for (const document of documents) void document.cells;
      await measure(
        "raw COPY of the same cells into a bare keyed table (bench:ingest's baseline)",
        postmaster,
        getPool(db),
        async () => {
          await copyIntoBareTable(getPool(db), documents);
        },
      );
      if (values.generation) {
        documents = []; // not kept alive (and scanned by the collector) through the measured run
        await measure(
          "bulk path (seed:synthetic, batches of 1000, generation included)",
          postmaster,
          getPool(db),
          () => storeSyntheticDocuments(db, generateSyntheticDocuments(options), { batchSize: 1000 }),
        );
      } else
        await measure(
          "bulk path (as seed:synthetic, batches of 1000, generation excluded)",
          postmaster,
          getPool(db),
          () => storeSyntheticDocuments(db, documents, { batchSize: 1000 }),
        );
    } else if (which === "import") {
      await mkdir(fileDir, { recursive: true });
      for (const [index, document] of documents.entries())
        await writeFile(path.join(fileDir, `${index}.txt`), renderSyntheticText(document, index));
      if (warm > 0) {
        // Another import first, not measured: the reader threads, this thread and the server warm, as in
        // a long import (a national year is ~150,000 files), where warm-up is a rounding error.
        const warmDir = `${fileDir}-warm`;
        await mkdir(warmDir, { recursive: true });
        const others = generateSyntheticDocuments({
          reports: warm,
          years: { from: 2019, to: 2025 },
          seed: 17,
        });
        let index = 0;
        for (const document of others)
          await writeFile(path.join(warmDir, `${index}.txt`), renderSyntheticText(document, index++));
        const started = performance.now();
        await importFiles({ db, paths: [warmDir], uploadedById: null, onResult: () => {} });
        console.log(
          `warm-up: another import of ${warm} files first, ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        await rm(warmDir, { recursive: true, force: true });
      }
      await measure("import of text files (importFiles)", postmaster, getPool(db), () =>
        importFiles({ db, paths: [fileDir], uploadedById: null, onResult: () => {} }),
      );
    } else {
      const files = documents.map((document, index) => ({
        bytes: new TextEncoder().encode(renderSyntheticText(document, index)),
        fileName: `single-${index}.txt`,
      }));
      let next = 0;
      const inFlight = Number(values["in-flight"]);
      await measure(
        `single uploads (importDocument, ${inFlight} in flight)`,
        postmaster,
        getPool(db),
        async () => {
          await Promise.all(
            Array.from({ length: inFlight }, async () => {
              while (next < files.length) await importDocument(db, files[next++]!);
            }),
          );
        },
      );
    }
    await closeReaderPool();
    await closeClient(db);
  } finally {
    await server.stop();
    if (!keep) await rm(dataDir, { recursive: true, force: true });
    await rm(fileDir, { recursive: true, force: true });
  }
}

runCli(async () => {
  await main();
  return EXIT_OK;
});
