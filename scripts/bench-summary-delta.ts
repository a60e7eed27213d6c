// npm run bench:summary-delta — the upload's summaries by difference (the "nb_refresh_summaries_delta_…"
// function, build-summary-function.ts), variant against variant, to a few hundredths of a millisecond on a
// machine where whole-upload runs move by ±2 ms: real uploads' calls of the function are captured once, then
// replayed against every variant in turn, interleaved call by call, each in a transaction rolled back (every
// variant meets the same rows), and timed by the replaying backend's CPU (/proc/<pid>/schedstat) — so the
// load of the moment weighs on all variants alike. Linux only.
//   npm run --silent bench:summary-delta -- --dump FILE          # this checkout's functions, as a variant
//   npm run --silent bench:summary-delta -- [--uploads 200] [--rounds 3] [--preload 5000] [--db-port P]
//                                           [--perf FILE] VARIANT.json …
// A variant is a --dump of any checkout (main in a detached worktree, a branch): its summary functions are
// installed side by side (each is named by its body's fingerprint) and its delta function replayed. The
// calls are captured from this checkout's uploads (importDocument, one at a time, on `--preload` synthetic
// reports stored through the bulk path; kept as a template in .test-data/bench-summary-delta), and replayed
// on the database as the uploads left it: each call's "before" is what its upload saw, its "after" rows the
// same agency's rows now (unchanged since, but for a later upload of the same agency). The replay's first
// round plans every variant's statements and is not counted. `--perf FILE` records the replaying backend
// with perf (call graphs) during the counted rounds.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readCliArgsOrExit } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli, UsageError } from "@/lib/cli/run-cli";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { importDocument } from "@/lib/ingest/import-document";
import { closeReaderPool, startReaderThreads } from "@/lib/ingest/reader-pool";
import { storePreloadReports } from "./bench-preload";
import { syncRegions } from "@/lib/ingest/sync-regions";
import {
  buildSummaryFunctions,
  SUMMARY_DELTA_FUNCTION_NAME,
  SUMMARY_DELTA_FUNCTION_SIGNATURE,
} from "@/lib/metrics/build-summary-function";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";

const { values, positionals } = readCliArgsOrExit({
  options: {
    dump: { type: "string" },
    uploads: { type: "string", default: "200" },
    rounds: { type: "string", default: "3" },
    preload: { type: "string", default: "5000" },
    "db-port": { type: "string" },
    perf: { type: "string" },
  },
  allowPositionals: true,
});

interface Variant {
  label: string;
  /** The delta function's name. */
  name: string;
  /** Every summary function's CREATE OR REPLACE. */
  sql: string[];
}

const backendCpuMs = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;

// The captured calls: the delta function's nine arguments, as its upload passed them.
const CAPTURE = `CREATE TABLE "bench_delta_calls" ("id" serial, "a" int[], "b" text[], "c" int[], "d" text[],
  "e" int[], "f" int[], "g" int[], "h" int[], "j" jsonb)`;
const ARGUMENTS = `"a", "b", "c", "d", "e", "f", "g", "h", "j"`;

async function preloaded(url: string, adminUrl: string, preload: number): Promise<void> {
  const template = `preload_${preload}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const kept = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount === 1;
  await admin.query("DROP DATABASE IF EXISTS bench");
  if (kept) await admin.query(`CREATE DATABASE bench TEMPLATE ${template}`);
  await admin.end();
  await createDatabaseIfMissing(adminUrl, "bench");
  await applyMigrations({ url });
  if (kept) return;
  const db = createClient(url);
  try {
    await syncRegions(db);
    await storePreloadReports(db, preload);
    await getPool(db).query("VACUUM ANALYZE");
  } finally {
    await closeClient(db);
  }
  const copy = new pg.Client({ connectionString: adminUrl });
  await copy.connect();
  await copy.query(`CREATE DATABASE ${template} TEMPLATE bench`);
  await copy.end();
}

/** Uploads `count` synthetic reports one at a time through a stand-in that records the delta function's calls. */
async function capture(url: string, count: number): Promise<void> {
  const db = createClient(url);
  const pool = getPool(db);
  const types = SUMMARY_DELTA_FUNCTION_SIGNATURE.slice(SUMMARY_DELTA_FUNCTION_NAME.length + 2);
  const real = `"bench_delta_real"${types}`;
  try {
    await pool.query(CAPTURE);
    await pool.query(`ALTER FUNCTION ${SUMMARY_DELTA_FUNCTION_SIGNATURE} RENAME TO "bench_delta_real"`);
    await pool.query(`CREATE FUNCTION ${SUMMARY_DELTA_FUNCTION_SIGNATURE} RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "bench_delta_calls" (${ARGUMENTS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
  PERFORM "bench_delta_real"($1, $2, $3, $4, $5, $6, $7, $8, $9);
END $$`);
    await startReaderThreads();
    const documents = generateSyntheticDocuments({
      reports: count,
      years: { from: 2019, to: 2025 },
      seed: 13,
    });
    let index = 0;
    for (const document of documents) {
      const bytes = new TextEncoder().encode(renderSyntheticText(document, index));
      await importDocument(db, { bytes, fileName: `replay-${index++}.txt` });
    }
    await pool.query(`DROP FUNCTION ${SUMMARY_DELTA_FUNCTION_SIGNATURE}`);
    await pool.query(`ALTER FUNCTION ${real} RENAME TO "${SUMMARY_DELTA_FUNCTION_NAME}"`);
    await pool.query("VACUUM ANALYZE");
  } finally {
    await closeReaderPool();
    await closeClient(db);
  }
}

function startPerf(pid: number, file: string): ChildProcess {
  return spawn("perf", ["record", "-F", "2999", "-g", "-p", String(pid), "-o", file], { stdio: "inherit" });
}

/** Every captured call against every variant, interleaved; CPU ms per call, by variant then call. */
async function replay(url: string, variants: readonly Variant[], rounds: number): Promise<number[][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let perf: ChildProcess | null = null;
  try {
    // As the upload's function sets it for the delta function it calls (build-upload-function.ts).
    await client.query("SET enable_seqscan = off");
    const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const { rows } = await client.query<{ id: number }>(`SELECT "id" FROM "bench_delta_calls" ORDER BY "id"`);
    const times = variants.map(() => [] as number[]);
    for (let round = 0; round <= rounds; round++) {
      if (round === 1 && values.perf) {
        perf = startPerf(pid, values.perf);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      for (const [n, { id }] of rows.entries())
        // Each call's variants in a rotating order: none always runs first (after the client's idle gap).
        for (let k = 0; k < variants.length; k++) {
          const variant = (k + n + round) % variants.length;
          await client.query("BEGIN");
          const before = backendCpuMs(pid);
          await client.query(
            `SELECT "${variants[variant]!.name}"(${ARGUMENTS}) FROM "bench_delta_calls" WHERE "id" = $1`,
            [id],
          );
          const after = backendCpuMs(pid);
          await client.query("ROLLBACK");
          if (round > 0) times[variant]!.push(after - before);
        }
    }
    // Every variant's list is in call order (round by round): the rotation only changes when each ran.
    return times;
  } finally {
    if (perf) {
      const stopped = new Promise((resolve) => perf!.on("exit", resolve));
      perf.kill("SIGINT");
      await stopped;
    }
    await client.end();
  }
}

const mean = (xs: readonly number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function report(variants: readonly Variant[], times: readonly number[][]): void {
  const first = times[0]!;
  for (const [k, variant] of variants.entries()) {
    const list = times[k]!;
    let line = `${variant.label.padEnd(24)} ${variant.name}  mean ${mean(list).toFixed(3)} ms, median ${median(list).toFixed(3)} ms`;
    if (k > 0) {
      // Paired by call and round: the difference to the first variant, ± two standard errors.
      const differences = list.map((ms, i) => ms - first[i]!);
      const average = mean(differences);
      const variance =
        differences.reduce((sum, d) => sum + (d - average) ** 2, 0) / Math.max(1, differences.length - 1);
      const error = 2 * Math.sqrt(variance / differences.length);
      const signed = (ms: number) => `${ms >= 0 ? "+" : ""}${ms.toFixed(3)}`;
      line += `; against ${variants[0]!.label}: ${signed(average)} ± ${error.toFixed(3)} ms (median ${signed(median(differences))})`;
    }
    console.log(`${line} (${list.length} calls)`);
  }
}

async function main(): Promise<number> {
  if (values.dump) {
    const variant = { name: SUMMARY_DELTA_FUNCTION_NAME, sql: buildSummaryFunctions().map((f) => f.sql) };
    writeFileSync(values.dump, JSON.stringify(variant));
    console.log(`${values.dump}: ${SUMMARY_DELTA_FUNCTION_NAME}`);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError("bench: name at least one variant (a --dump file)");
  const variants: Variant[] = positionals.map((file) => {
    const { name, sql } = JSON.parse(readFileSync(file, "utf8")) as Omit<Variant, "label">;
    return { label: path.basename(file).replace(/\.json$/, ""), name, sql };
  });
  const preload = Number(values.preload);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(process.cwd(), ".test-data", "bench-summary-delta"),
    port: values["db-port"] ? Number(values["db-port"]) : await findFreePort(),
    persistent: true,
  });
  try {
    const url = server.urlFor("bench");
    await preloaded(url, server.adminUrl, preload);
    const install = new pg.Client({ connectionString: url });
    await install.connect();
    for (const variant of variants) for (const text of variant.sql) await install.query(text);
    await install.end();
    const uploads = Number(values.uploads);
    await capture(url, uploads);
    const load = os.loadavg()[0]!.toFixed(2);
    console.log(`${uploads} uploads captured on ${preload} preloaded reports; replaying (load ${load})`);
    report(variants, await replay(url, variants, Number(values.rounds)));
    return EXIT_OK;
  } finally {
    await server.stop();
  }
}

runCli(main);
