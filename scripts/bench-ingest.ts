// npm run bench:ingest — ingestion throughput against the database's own speed limit, on a throwaway
// embedded PostgreSQL (start-up excluded). Each path is compared with a raw COPY of the same cells into a
// bare keyed table in the same run, so the ratios hold on any machine:
//   1. seed:synthetic (bulk path, generation included)        target ≥ 0.5 of raw COPY's reports/s
//   2. import of text report files (reading on every core)    target ≥ 0.25
//      — with cold reader threads, then warm ones (after another import of --warm files, not measured)
//   3. the single-file upload path (one transaction per report, reading in the worker pool, a few in
//      flight as the upload page sends them)                  target ≥ 100 reports/s
// and the size of a cell row: pg_total_relation_size of ReportCell (table + indexes) / rows.
// Every timed phase starts from the same server state (bench-phase-state.ts: the tables autovacuum would
// pick next vacuumed and analysed, no autovacuum worker running, then CHECKPOINT), and each compared path is
// framed by a raw COPY of its cells before it and one after it, both printed; its ratio is against their
// mean. Without that, a raw COPY ran wherever the phase before left the server: inside the spread checkpoint
// that a 20,000-report seed's WAL had started (still writing a minute later, through the cold import's COPY),
// or beside autovacuum analysing the tables just loaded — the same COPY's speed moved by half within a run.
// A raw COPY shorter than 3 s is repeated up to three times a side, each from a settled server, its median
// taken. Under each phase the bench prints its backends' CPU and the background work that ran during it
// (checkpoints, autovacuum actions, the checkpointer's and autovacuum's CPU). `--unsettled`: the order and
// state of before (one raw COPY right before each path, nothing settled), with the same printout.
//   npm run bench:ingest -- [--reports 20000] [--files 2000] [--single 1000] [--single-order agency|interleaved]
//                           [--warm 2000] [--unsettled]
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeClient, createClient, getPool, type Db } from "@/lib/db/create-client";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { importDocument } from "@/lib/ingest/import-document";
import { importFiles } from "@/lib/ingest/import-files";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { copyIntoBareTable } from "./bench-raw-copy";
import { PHASE_LOG_SETTINGS, PhaseLog, postmasterPid, settle, warmWal, watch } from "./bench-phase-state";
import { closeReaderPool, startReaderThreads } from "@/lib/ingest/reader-pool";
import { syncRegions } from "@/lib/ingest/sync-regions";
import {
  generateSyntheticDocuments,
  type SyntheticOptions,
} from "@/lib/synthetic/generate-synthetic-documents";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";
import { storeSyntheticDocuments } from "@/lib/synthetic/store-synthetic-documents";
import { readCliArgsOrExit } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";

const { values } = readCliArgsOrExit({
  options: {
    reports: { type: "string", default: "20000" },
    files: { type: "string", default: "2000" },
    single: { type: "string", default: "1000" },
    // Files of the import that warms the reader threads between the cold and the warm import (0: no warm one).
    warm: { type: "string", default: "2000" },
    // How the single uploads come: "agency" (as generated: each agency's seven years in turn, so the four in
    // flight are mostly one agency's and wait for each other on its lock) or "interleaved" (one file of
    // each agency in turn: four different agencies in flight, as uploads of several staff members at once).
    "single-order": { type: "string", default: "agency" },
    // The order and starting state of before this bench settled its phases (one raw COPY, run right before
    // its path, wherever the previous phase left the server): to show what settling changes.
    unsettled: { type: "boolean", default: false },
  },
});
const REPORTS = Number(values.reports);
const FILES = Number(values.files);
const SINGLE = Number(values.single);
const WARM = Number(values.warm);
const SINGLE_ORDER = values["single-order"];
const UNSETTLED = values.unsettled;
const phaseLog = new PhaseLog();
let postmaster = 0;
if (SINGLE_ORDER !== "agency" && SINGLE_ORDER !== "interleaved")
  throw new Error("--single-order must be agency or interleaved");
const DATA_DIR = path.join(process.cwd(), ".test-data", `bench-ingest-${process.pid}`);
const BATCH = 1000;

function options(seed: number, reports: number): SyntheticOptions {
  return { reports, years: { from: 2019, to: 2025 }, seed };
}

/** Settles the server (bench-phase-state.ts), then times `run`; its seconds, and what happened meanwhile. */
async function timed(pool: pg.Pool, name: string, run: () => Promise<number | void>): Promise<number> {
  const state = UNSETTLED ? "not settled" : await settle(pool);
  const stop = watch(phaseLog, postmaster);
  const started = performance.now();
  const inner = await run();
  const seconds = typeof inner === "number" ? inner : (performance.now() - started) / 1000;
  console.log(`  ${name}: ${seconds.toFixed(2)} s, ${state}\n${stop().describe()}`);
  return seconds;
}

// A raw COPY shorter than this is repeated (up to three times, each from a settled server) and the median
// taken: one COPY of 500 files' cells lasts ≈ 0.2 s, where a neighbour's burst or a scheduler hiccup is a
// large part of it.
const SHORT_COPY_SECONDS = 3;

/** Raw COPY of the documents' cells into a bare keyed table: the database's own speed for these cells. */
async function rawCopy(pool: pg.Pool, documents: PreparedDocument[], when: string): Promise<number> {
  const runs: number[] = [];
  let total = 0;
  do {
    const seconds = await timed(pool, `raw COPY ${when}`, () => copyIntoBareTable(pool, documents));
    runs.push(seconds);
    total += seconds;
  } while (!UNSETTLED && total < SHORT_COPY_SECONDS && runs.length < 3);
  const sorted = runs.sort((a, b) => a - b);
  const median =
    sorted.length % 2 === 1
      ? sorted[(sorted.length - 1) / 2]!
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return documents.length / median;
}

/** A path's rate against the raw COPY before it and after it (their mean), both printed. */
function against(rate: number, before: number, after: number | null): string {
  if (after === null) return `raw COPY ${before.toFixed(0)} reports/s; ratio ${(rate / before).toFixed(2)}`;
  const mean = (before + after) / 2;
  return `raw COPY before ${before.toFixed(0)}, after ${after.toFixed(0)} reports/s; ratio ${(rate / mean).toFixed(2)} (${(rate / before).toFixed(2)} against the one before, ${(rate / after).toFixed(2)} after)`;
}

async function seedSynthetic(db: Db, opts: SyntheticOptions): Promise<number> {
  // As scripts/seed-synthetic.ts stores them (generation included).
  const seconds = await timed(getPool(db), "seed:synthetic", () =>
    storeSyntheticDocuments(db, generateSyntheticDocuments(opts), { batchSize: BATCH }),
  );
  return opts.reports / seconds;
}

/** One document of each agency in turn (the first year of every agency, then the second, …). */
function interleaveAgencies(documents: readonly PreparedDocument[]): PreparedDocument[] {
  const byAgency = new Map<string, PreparedDocument[]>();
  for (const document of documents) {
    const key = document.agency?.name ?? "";
    const group = byAgency.get(key);
    if (group) group.push(document);
    else byAgency.set(key, [document]);
  }
  const groups = [...byAgency.values()];
  const longest = Math.max(0, ...groups.map((group) => group.length));
  return Array.from({ length: longest }, (_, turn) => groups.flatMap((group) => group[turn] ?? [])).flat();
}

/** Writes `count` synthetic text reports (seed `seed`) to files, COPYs their cells raw, then imports them. */
async function importSynthetic(
  pool: pg.Pool,
  db: Db,
  seed: number,
  count: number,
  name: string,
): Promise<{ rate: number; copy: number; after: number | null; imported: number }> {
  const dir = path.join(os.tmpdir(), `bench-ingest-files-${process.pid}`, name);
  await mkdir(dir, { recursive: true });
  const files = [...generateSyntheticDocuments(options(seed, count))];
  for (const [index, document] of files.entries())
    await writeFile(
      path.join(dir, `${String(index).padStart(6, "0")}.txt`),
      renderSyntheticText(document, index),
    );
  const copy = await rawCopy(pool, files, `before the ${name} import`);
  let imported = 0;
  const seconds = await timed(pool, `import (${name})`, () =>
    importFiles({
      db,
      paths: [dir],
      uploadedById: null,
      onResult: (r) => void (r.ok && (imported += 1)),
    }),
  );
  const rate = count / seconds;
  await rm(dir, { recursive: true, force: true });
  const after = UNSETTLED ? null : await rawCopy(pool, files, `after the ${name} import`);
  return { rate, copy, after, imported };
}

async function main(): Promise<void> {
  const server = await startEmbeddedPostgres({
    dataDir: DATA_DIR,
    port: await findFreePort(),
    persistent: false,
    settings: PHASE_LOG_SETTINGS,
    log: phaseLog.take,
  });
  postmaster = postmasterPid(DATA_DIR);
  const fileDir = await mkdtempDir();
  try {
    await createDatabaseIfMissing(server.adminUrl, "bench");
    const url = server.urlFor("bench");
    await applyMigrations({ url });
    const db = createClient(url, { maxConnections: 16 });
    const pool = getPool(db);
    await syncRegions(db);
    const lines: string[] = [];
    const say = (line: string) => {
      lines.push(line);
      console.log(line);
    };
    say(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    );

    if (!UNSETTLED) await warmWal(pool);
    // 1. Bulk path (seed:synthetic) vs raw COPY of the same cells.
    const synthetic = [...generateSyntheticDocuments(options(11, REPORTS))];
    const copy1 = await rawCopy(pool, synthetic, "before seed:synthetic");
    const seed = await seedSynthetic(db, options(11, REPORTS));
    const copy2 = UNSETTLED ? null : await rawCopy(pool, synthetic, "after seed:synthetic");
    say(
      `seed:synthetic  ${REPORTS} reports: ${seed.toFixed(0)} reports/s; ${against(seed, copy1, copy2)} (target ≥ 0.5)`,
    );

    // Size of a cell row, table and indexes, after the bulk load.
    await pool.query(`VACUUM ANALYZE "ReportCell"`);
    const { rows: size } = await pool.query<{ bytes: string; rows: string }>(
      `SELECT pg_total_relation_size('"ReportCell"') AS bytes, (SELECT count(*) FROM "ReportCell") AS rows`,
    );
    const bytesPerRow = Number(size[0]!.bytes) / Number(size[0]!.rows);
    say(
      `ReportCell: ${Number(size[0]!.rows).toLocaleString("en")} rows, ${(Number(size[0]!.bytes) / 2 ** 20).toFixed(1)} MB with indexes: ${bytesPerRow.toFixed(1)} bytes per cell row (target ≤ 100)`,
    );

    // 2. Import of text files, reading included, vs raw COPY of the cells the files hold: first with
    // reader threads that have only loaded the reader (cold: its code not yet optimised by V8's JIT, which
    // takes a few hundred files per thread), then — after another import of WARM files, not measured —
    // with warm threads, as in the bulk of a long import (a national year is ~150,000 files).
    await startReaderThreads(); // start-up of the reader threads excluded (all of them, not only the first)
    const cold = await importSynthetic(pool, db, 12, FILES, "cold");
    say(
      `import         ${FILES} text files, cold reader threads (${cold.imported} stored): ${cold.rate.toFixed(0)} reports/s; ${against(cold.rate, cold.copy, cold.after)} (target ≥ 0.25)`,
    );
    if (WARM > 0) {
      // New threads for the warm-up, as a long import has from its start: importFiles lowers V8's
      // interrupt budget before starting them when each will read ≥ 1,000 files (reader-pool.ts). Lowered
      // under the cold threads instead, their code is re-optimised partway through their life, and the warm
      // files cost ≈ 0.1 ms more each than in a long import (BENCHMARKS.md, import11).
      await closeReaderPool();
      const warmUp = await importSynthetic(pool, db, 14, WARM, "warm-up");
      const warm = await importSynthetic(pool, db, 15, FILES, "warm");
      say(
        `import         ${FILES} text files, warm reader threads (after another import of ${WARM}, ${warmUp.rate.toFixed(0)} reports/s) (${warm.imported} stored): ${warm.rate.toFixed(0)} reports/s; ${against(warm.rate, warm.copy, warm.after)} (target ≥ 0.25)`,
      );
    }

    // 3. Single-file path: importDocument per file (hash, duplicate check, reading in a worker, one
    // transaction), four in flight as the upload page sends them.
    const generated = [...generateSyntheticDocuments(options(13, SINGLE))];
    const ordered = SINGLE_ORDER === "interleaved" ? interleaveAgencies(generated) : generated;
    const singles = ordered.map((document, index) => ({
      bytes: new TextEncoder().encode(renderSyntheticText(document, index)),
      fileName: `single-${index}.txt`,
    }));
    let next = 0;
    const singleRate =
      SINGLE /
      (await timed(pool, "single uploads", () =>
        Promise.all(
          Array.from({ length: 4 }, async () => {
            while (next < singles.length) await importDocument(db, singles[next++]!);
          }),
        ).then(() => undefined),
      ));
    say(
      `single uploads ${SINGLE} text files, 4 in flight, ${SINGLE_ORDER} order: ${singleRate.toFixed(0)} reports/s (target ≥ 100)`,
    );
    await closeReaderPool();
    await closeClient(db);
  } finally {
    await server.stop();
    await rm(DATA_DIR, { recursive: true, force: true });
    await rm(fileDir, { recursive: true, force: true });
  }
}

async function mkdtempDir(): Promise<string> {
  const dir = path.join(os.tmpdir(), `bench-ingest-files-${process.pid}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

runCli(async () => {
  await main();
  return EXIT_OK;
});
