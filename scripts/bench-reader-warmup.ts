// npm run bench:reader-warmup — a reader thread's work for an import (read, prepare, pack: reader-worker.ts's
// `prepare`), file after file on this one thread, with the CPU per file of every thread of the process
// (this one, V8's compiler and GC threads) printed for each step of --step files: how the JIT's warm-up
// goes, and where it settles. `--interrupt-budget N` sets V8's budget first as importFiles does
// (tierUpSooner, reader-pool.ts: 16384); 0 leaves V8's default. Linux only (/proc schedstat).
//   npm run --silent bench:reader-warmup -- [--files 2500] [--step 250] [--interrupt-budget 0]
import os from "node:os";
import v8 from "node:v8";
import { readCliArgsOrExit } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";
import { prepareDocument } from "@/lib/ingest/prepare-document";
import { packPreparedDocument } from "@/lib/ingest/prepare-in-thread";
import { readReport } from "@/lib/reader/read-report";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";
import { readOwnThreadsCpuNs } from "./process-tree-cpu";

const { values } = readCliArgsOrExit({
  options: {
    files: { type: "string", default: "2500" },
    step: { type: "string", default: "250" },
    "interrupt-budget": { type: "string", default: "0" },
  },
});
const FILES = Number(values.files);
const STEP = Number(values.step);
const BUDGET = Number(values["interrupt-budget"]);

/** CPU nanoseconds of every thread of this process. */
function processCpuNs(): number {
  let total = 0;
  for (const ns of readOwnThreadsCpuNs().values()) total += ns;
  return total;
}

async function main(): Promise<void> {
  const documents = generateSyntheticDocuments({ reports: FILES, years: { from: 2019, to: 2025 }, seed: 23 });
  const files = [...documents].map((document, index) =>
    new TextEncoder().encode(renderSyntheticText(document, index)),
  );
  if (BUDGET > 0) v8.setFlagsFromString(`--interrupt-budget=${BUDGET}`);
  const steps: string[] = [];
  let before = processCpuNs();
  const started = before;
  for (const [index, bytes] of files.entries()) {
    const fileName = `${index}.txt`;
    const reading = await readReport(bytes, fileName);
    packPreparedDocument(prepareDocument({ bytes, fileName, uploadedById: null }, reading, "0".repeat(64)));
    if ((index + 1) % STEP === 0) {
      const now = processCpuNs();
      steps.push(((now - before) / 1e6 / STEP).toFixed(2));
      before = now;
    }
  }
  console.log(
    `${FILES} text files on one thread, interrupt budget ${BUDGET > 0 ? BUDGET : "V8's default"}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`  CPU per file, all threads, per ${STEP} files (ms): ${steps.join("  ")}`);
  console.log(`  mean over all ${FILES}: ${((processCpuNs() - started) / 1e6 / FILES).toFixed(2)} ms`);
}

runCli(async () => {
  await main();
  return EXIT_OK;
});
