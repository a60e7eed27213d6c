// Opt-in sweep: many consecutive seeds, every zero blank, printed by both producers with normal and narrow number
// columns, with and without table borders — far more cases than the property tests' random dozen. Reports cases,
// silent misreads, false `inconsistent` findings and the exact share per variant, and fails on any misread or
// false finding, naming the case so it can be kept as a fixed one (printed-pdfs.cases.test.ts). Slow (about a
// second a case): run it by hand,
//   READER_SWEEP_SEEDS=100 npx vitest run lib/reader/testing/printed-pdfs.sweep.test.ts
// READER_SWEEP_FIRST_SEED (default 6000) moves the window; READER_SWEEP_PRODUCERS=LibreOffice (or Chromium)
// keeps one producer; READER_SWEEP_SAVE_DIR=<folder> keeps every PDF (named by producer and case) to compare
// readings before and after a change, and READER_SWEEP_READ_DIR=<that folder> reads those PDFs again instead of
// printing (a reader change re-checked in minutes). Skipped without READER_SWEEP_SEEDS; fails for a producer not
// installed (unless its PDFs are read from a folder).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { GroupLabelStyle } from "@/lib/reader/testing/layout-table-grid";
import {
  checkReadBack,
  describeCase,
  makePrintCase,
  printEachCase,
  type PrintCase,
} from "@/lib/reader/testing/printed-case";
import { findChromium, findLibreOffice } from "./print-pdf";

const sweepEnv = z
  .object({
    READER_SWEEP_SEEDS: z.coerce.number().int().positive().optional(),
    READER_SWEEP_FIRST_SEED: z.coerce.number().int().default(6000),
    READER_SWEEP_PRODUCERS: z.string().default("LibreOffice,Chromium"),
    READER_SWEEP_SAVE_DIR: z.string().optional(),
    READER_SWEEP_READ_DIR: z.string().optional(),
  })
  .parse(process.env);

const GROUP_LABELS: GroupLabelStyle[] = ["merged", "repeated", "blank"];
/** LibreOffice converts a batch in one run; batches keep each run well inside its time limit. */
const PRINT_BATCH = 60;

type Producer = "LibreOffice" | "Chromium";

const VARIANTS = [
  { narrowNumbers: false, noBorders: false },
  { narrowNumbers: true, noBorders: false },
  { narrowNumbers: false, noBorders: true },
  { narrowNumbers: true, noBorders: true },
] as const;

function sweepCases(): PrintCase[] {
  const seeds = Array.from(
    { length: sweepEnv.READER_SWEEP_SEEDS ?? 0 },
    (_, index) => sweepEnv.READER_SWEEP_FIRST_SEED + index,
  );
  return VARIANTS.flatMap((variant) =>
    seeds.map((seed) =>
      makePrintCase({ seed, blankZeros: true, groupLabels: GROUP_LABELS[Math.abs(seed) % 3]!, ...variant }),
    ),
  );
}

async function printInBatches(producer: Producer, cases: PrintCase[]): Promise<Uint8Array[]> {
  const pdfs: Uint8Array[] = [];
  for (let start = 0; start < cases.length; start += PRINT_BATCH) {
    const batch = cases.slice(start, start + PRINT_BATCH);
    const printed = await printEachCase(producer, batch);
    batch.forEach((_, index) => pdfs.push(printed.get(`case-${index}`)!));
  }
  return pdfs;
}

function pdfName(producer: Producer, { seed, narrowNumbers, noBorders }: PrintCase): string {
  return `${producer}-${seed}-${narrowNumbers ? "narrow" : "normal"}-${noBorders ? "unruled" : "ruled"}.pdf`;
}

function savePdfs(dir: string, producer: Producer, cases: readonly PrintCase[], pdfs: Uint8Array[]): void {
  mkdirSync(dir, { recursive: true });
  cases.forEach((testCase, index) =>
    writeFileSync(path.join(dir, pdfName(producer, testCase)), pdfs[index]!),
  );
}

function readSavedPdfs(dir: string, producer: Producer, cases: readonly PrintCase[]): Uint8Array[] {
  return cases.map((testCase) => new Uint8Array(readFileSync(path.join(dir, pdfName(producer, testCase)))));
}

interface Tally {
  cases: number;
  printed: number;
  exact: number;
  silentCases: number;
  inconsistentCases: number;
  slowestMs: number;
}

const installed: Record<Producer, boolean> = {
  LibreOffice: findLibreOffice() !== null,
  Chromium: findChromium() !== null,
};

describe.skipIf(sweepEnv.READER_SWEEP_SEEDS === undefined)(
  "sweep of printed PDFs (opt-in: READER_SWEEP_SEEDS)",
  () => {
    const producers = sweepEnv.READER_SWEEP_PRODUCERS.split(",").map((name) =>
      z.enum(["LibreOffice", "Chromium"]).parse(name.trim()),
    );
    it.each(producers)(
      "%s: every cell exact or flagged, no inconsistency",
      async (producer) => {
        const readDir = sweepEnv.READER_SWEEP_READ_DIR;
        if (!installed[producer] && !readDir) throw new Error(`${producer} is not installed`);
        const cases = sweepCases();
        const pdfs = readDir
          ? readSavedPdfs(readDir, producer, cases)
          : await printInBatches(producer, cases);
        if (sweepEnv.READER_SWEEP_SAVE_DIR) savePdfs(sweepEnv.READER_SWEEP_SAVE_DIR, producer, cases, pdfs);
        const tallies = new Map<string, Tally>();
        const failures: string[] = [];
        for (const [index, testCase] of cases.entries()) {
          const started = performance.now();
          const readBack = await checkReadBack(testCase, pdfs[index]);
          const elapsed = performance.now() - started;
          const key = `${testCase.narrowNumbers ? "narrow" : "normal"}, ${testCase.noBorders ? "no borders" : "borders"}`;
          const tally = tallies.get(key) ?? {
            cases: 0,
            printed: 0,
            exact: 0,
            silentCases: 0,
            inconsistentCases: 0,
            slowestMs: 0,
          };
          tallies.set(key, {
            cases: tally.cases + 1,
            printed: tally.printed + readBack.printed,
            exact: tally.exact + readBack.exact,
            silentCases: tally.silentCases + (readBack.silent.length > 0 ? 1 : 0),
            inconsistentCases: tally.inconsistentCases + (readBack.inconsistent.length > 0 ? 1 : 0),
            slowestMs: Math.max(tally.slowestMs, elapsed),
          });
          if (readBack.silent.length > 0 || readBack.inconsistent.length > 0) {
            const failure = `${producer}, ${describeCase(testCase)}\n  silent: ${readBack.silent.join("; ")}\n  inconsistent: ${readBack.inconsistent.join("; ")}`;
            // At once, not only at the end: a long sweep names its failures as it finds them.
            console.log(failure);
            failures.push(failure);
          }
        }
        const lines = [...tallies].map(
          ([key, tally]) =>
            `${producer}, blank zeros, ${key}: ${tally.cases} cases, ${tally.silentCases} with silent misreads, ` +
            `${tally.inconsistentCases} with false inconsistent findings, ` +
            `${((100 * tally.exact) / tally.printed).toFixed(1)} % of ${tally.printed} printed numbers exact, ` +
            `slowest read ${Math.round(tally.slowestMs)} ms`,
        );
        console.log(lines.join("\n"));
        expect(failures).toEqual([]);
      },
      24 * 60 * 60_000,
    );
  },
);
