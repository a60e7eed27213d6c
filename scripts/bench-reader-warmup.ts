// npm run bench:reader-warmup — a reader thread's work for an import (read, prepare, pack: reader-worker.ts's
// `prepare`), file after file on this one thread, with the CPU per file of every thread of the process
// (this one, V8's compiler and GC threads) printed for each step of --step files: how the JIT's warm-up
// goes, and where it settles. `--interrupt-budget N` sets V8's budget first as importFiles does
// (tierUpSooner, reader-pool.ts: 16384); 0 leaves V8's default. `--budget-after N`: set it only after the
// thread's first N files (a large import known to be large once it has handed out that many: import-files.ts).
// `--pool`: the files through the import's reader pool instead (prepareInWorker: its threads, heap sizes and
// groups, as many in flight as importFiles keeps), --warm files first, then --files measured: CPU per file
// of this thread, the reader threads and V8's helper threads — the reading side of an import without the
// database. Linux only (/proc schedstat).
//   npm run --silent bench:reader-warmup -- [--files 2500] [--step 250] [--interrupt-budget 0] [--budget-after 0]
//   npm run --silent bench:reader-warmup -- --pool [--warm 2000] [--files 2000] [--interrupt-budget 16384]
import os from "node:os";
import v8 from "node:v8";
import { readCliArgsOrExit } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";
import {
  closeReaderPool,
  PREPARE_GROUP,
  prepareInWorker,
  readReaderPoolConfig,
  startReaderThreads,
} from "@/lib/ingest/reader-pool";
import { prepareAndPackDocument } from "@/lib/ingest/prepare-in-thread";
import { readReport } from "@/lib/reader/read-report";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";
import { readOwnThreadsCpuNs } from "./process-tree-cpu";

const { values } = readCliArgsOrExit({
  options: {
    files: { type: "string", default: "2500" },
    step: { type: "string", default: "250" },
    "interrupt-budget": { type: "string", default: "0" },
    "budget-after": { type: "string", default: "0" },
    pool: { type: "boolean", default: false },
    warm: { type: "string", default: "2000" },
  },
});
const FILES = Number(values.files);
const STEP = Number(values.step);
const BUDGET = Number(values["interrupt-budget"]);
const BUDGET_AFTER = Number(values["budget-after"]);

/** CPU nanoseconds of every thread of this process. */
function processCpuNs(): number {
  let total = 0;
  for (const ns of readOwnThreadsCpuNs().values()) total += ns;
  return total;
}

/** The files through the reader pool as importFiles sends them: `warm` first, then `files` measured. */
async function measurePool(files: readonly Uint8Array[], warm: number): Promise<void> {
  if (BUDGET > 0) v8.setFlagsFromString(`--interrupt-budget=${BUDGET}`);
  const before = new Set(readOwnThreadsCpuNs().keys());
  await startReaderThreads();
  const readers = new Set([...readOwnThreadsCpuNs().keys()].filter((tid) => !before.has(tid)));
  const inFlight = readReaderPoolConfig().READER_THREADS * 2 * PREPARE_GROUP;
  const run = async (from: number, to: number) => {
    const reading = new Set<Promise<unknown>>();
    for (let index = from; index < to; index++) {
      const task: Promise<unknown> = prepareInWorker({
        bytes: files[index]!,
        fileName: `${index}.txt`,
        sha256: index.toString(16).padStart(64, "0"),
        uploadedById: null,
      }).finally(() => reading.delete(task));
      reading.add(task);
      if (reading.size >= inFlight) await Promise.race(reading);
    }
    await Promise.all(reading);
  };
  await run(0, warm);
  const start = readOwnThreadsCpuNs();
  const started = performance.now();
  await run(warm, files.length);
  const seconds = (performance.now() - started) / 1000;
  const parts = { main: 0, readers: 0, helpers: 0 };
  for (const [tid, ns] of readOwnThreadsCpuNs()) {
    const part = tid === process.pid ? "main" : readers.has(tid) ? "readers" : "helpers";
    parts[part] += (ns - (start.get(tid) ?? 0)) / 1e6 / (files.length - warm);
  }
  await closeReaderPool();
  console.log(
    `${files.length - warm} text files through the reader pool (${readers.size} threads) after ${warm} others, interrupt budget ${BUDGET > 0 ? BUDGET : "V8's default"}: ${((files.length - warm) / seconds).toFixed(0)} files/s, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `  CPU per file (ms): this thread ${parts.main.toFixed(3)}, reader threads ${parts.readers.toFixed(3)}, V8's helpers ${parts.helpers.toFixed(3)}, all ${(parts.main + parts.readers + parts.helpers).toFixed(3)}`,
  );
}

async function main(): Promise<void> {
  const warm = values.pool ? Number(values.warm) : 0;
  const documents = generateSyntheticDocuments({
    reports: warm + FILES,
    years: { from: 2019, to: 2025 },
    seed: 23,
  });
  const files = [...documents].map((document, index) =>
    new TextEncoder().encode(renderSyntheticText(document, index)),
  );
  if (values.pool) return measurePool(files, warm);
  const steps: string[] = [];
  let before = processCpuNs();
  const started = before;
  for (const [index, bytes] of files.entries()) {
    if (BUDGET > 0 && index === BUDGET_AFTER) v8.setFlagsFromString(`--interrupt-budget=${BUDGET}`);
    const fileName = `${index}.txt`;
    const reading = await readReport(bytes, fileName);
    prepareAndPackDocument({ bytes, fileName, uploadedById: null }, reading, "0".repeat(64));
    if ((index + 1) % STEP === 0) {
      const now = processCpuNs();
      steps.push(((now - before) / 1e6 / STEP).toFixed(2));
      before = now;
    }
  }
  console.log(
    `${FILES} text files on one thread, interrupt budget ${BUDGET > 0 ? `${BUDGET}${BUDGET_AFTER > 0 ? ` after ${BUDGET_AFTER} files` : ""}` : "V8's default"}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`  CPU per file, all threads, per ${STEP} files (ms): ${steps.join("  ")}`);
  console.log(`  mean over all ${FILES}: ${((processCpuNs() - started) / 1e6 / FILES).toFixed(2)} ms`);
}

runCli(async () => {
  await main();
  return EXIT_OK;
});
