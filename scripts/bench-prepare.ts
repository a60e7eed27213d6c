// npx tsx scripts/bench-prepare.ts [--reports 500] [--rounds 20] — the CPU of what a reader thread does to
// a file after reading it in an import (prepare-in-thread.ts: prepareDocument, then packPreparedDocument),
// on this thread, without the reading: synthetic text reports read once first, then prepared and packed
// `rounds` times (the first rounds are the JIT's warm-up; the last half is timed). Prints µs per file
// and a SHA-256 of every packed document (fields and COPY bytes), to check that a change packs the same
// bytes as main's code for the same readings.
import { createHash } from "node:crypto";
import { readCliArgsOrExit } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";
import { prepareAndPackDocument } from "@/lib/ingest/prepare-in-thread";
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult } from "@/lib/reader/types";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";

const { values } = readCliArgsOrExit({
  options: {
    reports: { type: "string", default: "500" },
    rounds: { type: "string", default: "20" },
  },
});
const REPORTS = Number(values.reports);
const ROUNDS = Number(values.rounds);

runCli(async () => {
  const files: { bytes: Uint8Array; fileName: string; reading: ReadResult }[] = [];
  let index = 0;
  for (const document of generateSyntheticDocuments({
    reports: REPORTS,
    years: { from: 2019, to: 2025 },
    seed: 13,
  })) {
    const bytes = new TextEncoder().encode(renderSyntheticText(document, index));
    const fileName = `${index++}.txt`;
    files.push({ bytes, fileName, reading: await readReport(bytes, fileName) });
  }

  const digest = createHash("sha256");
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = process.cpuUsage();
    for (const file of files) {
      const input = { bytes: file.bytes, fileName: file.fileName, uploadedById: null };
      const packed = prepareAndPackDocument(input, file.reading, "0".repeat(64));
      if (round === 0) {
        const { copy, ...rest } = packed;
        digest.update(JSON.stringify(rest));
        digest.update(copy);
      }
    }
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / files.length);
  }
  const timed = times.slice(Math.floor(ROUNDS / 2)).sort((a, b) => a - b);
  console.log(
    `prepare+pack: median ${timed[Math.floor(timed.length / 2)]!.toFixed(1)} µs CPU a file, min ${timed[0]!.toFixed(1)} (${REPORTS} files, rounds ${Math.ceil(ROUNDS / 2)}–${ROUNDS})`,
  );
  console.log(`digest of the packed documents: ${digest.digest("hex")}`);
  return EXIT_OK;
});
