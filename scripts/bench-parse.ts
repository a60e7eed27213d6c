// npm run bench:parse — reading speed per format, warm (after start-up and the gazetteer load), on one core.
// Prints median ms per report, reports/s and peak memory for TXT, HTML, DOCX and PDF. Inputs: the five seed
// texts plus random reports in every text layout (TXT); glued digits, whole reports with their line breaks
// lost and OCR Markdown; random reports rendered by the test renderers (HTML, DOCX, PDF); the real sample PDF.
// “TXT import files”: synthetic text reports as `npm run import` reads them (renderSyntheticText), 2,000 others
// read first (as bench:ingest-cpu --warm 2000), then 2,000 read once each — every file new to the reader, as in
// an import: what a warm reader thread's reading costs per file.
import { readFileSync, readdirSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { readReport } from "@/lib/reader/read-report";
import { generateReport, pick, seededRandom } from "@/lib/reader/testing/generate-report";
import { printReport } from "@/lib/reader/testing/render-text-rows";
import { renderTextLayout, TEXT_LAYOUTS } from "@/lib/reader/testing/render-text-layouts";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { renderPdf } from "@/lib/reader/testing/render-pdf";
import { encodeText } from "@/lib/reader/testing/encode-text";
import { renderMarkdown } from "@/lib/reader/testing/render-markdown";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";

interface Input {
  name: string;
  bytes: Uint8Array;
}

const FIXTURES = path.join(import.meta.dirname, "../lib/reader/fixtures");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
let peakRss = 0;

function samplePeak(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

async function measure(
  label: string,
  inputs: readonly Input[],
  rounds: number,
  warmInputs: readonly Input[] = inputs,
): Promise<void> {
  for (const input of warmInputs) await readReport(input.bytes, input.name);
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const start = performance.now();
      const result = await readReport(input.bytes, input.name);
      times.push(performance.now() - start);
      if (!result.ok) throw new Error(`${label} ${input.name}: ${result.error.code}`);
    }
    samplePeak();
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuPerReport = (cpu.user + cpu.system) / 1000 / times.length;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  const best = times[0] ?? 0;
  console.log(
    `${label.padEnd(22)} ${String(inputs.length).padStart(3)} files × ${String(rounds).padStart(3)}  median ${median.toFixed(3)} ms  p95 ${p95.toFixed(3)} ms  min ${best.toFixed(3)} ms  ${Math.round(1000 / median)} reports/s  CPU ${cpuPerReport.toFixed(3)} ms/report`,
  );
}

function textInputs(): Input[] {
  const seeds = readdirSync(path.join(FIXTURES, "seeds")).map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(path.join(FIXTURES, "seeds", name))),
  }));
  const generated = TEXT_LAYOUTS.flatMap((layout, index) =>
    Array.from({ length: 4 }, (_, k) => {
      const random = seededRandom(1000 * index + k);
      const report = generateReport(random);
      const options = { misspell: true, spaced: false, halfWidth: random() < 0.5, blanks: new Set<string>() };
      const text = renderTextLayout(printReport(report, options, random), layout, random, true);
      return { name: `${layout}-${k}.txt`, bytes: new TextEncoder().encode(text) };
    }),
  );
  return [...seeds, ...generated.filter((input) => !input.name.startsWith("glued"))];
}

/** The import's own files: distinct synthetic text reports, as `npm run import` and bench:ingest read them. */
function importInputs(seed: number): Input[] {
  const documents = generateSyntheticDocuments({ reports: 2000, years: { from: 2019, to: 2025 }, seed });
  return [...documents].map((document, index) => ({
    name: `synthetic-${index}.txt`,
    bytes: new TextEncoder().encode(renderSyntheticText(document, index)),
  }));
}

/** Web-archive dumps with every row's cells glued together, measured apart: splitting them costs more. */
function gluedInputs(): Input[] {
  return Array.from({ length: 4 }, (_, k) => {
    const random = seededRandom(77 + k);
    const report = generateReport(random);
    const options = { misspell: false, spaced: false, halfWidth: false, blanks: new Set<string>() };
    const printed = printReport(report, options, random);
    const text = renderTextLayout(printed, pick(random, ["glued"] as const), random, false);
    return { name: `glued-${k}.txt`, bytes: new TextEncoder().encode(text) };
  });
}

/** Whole reports with their line breaks lost (one paragraph), and OCR/converter Markdown with row tables. */
function lostBreakInputs(): Input[] {
  return Array.from({ length: 4 }, (_, k) => {
    const random = seededRandom(300 + k);
    const report = generateReport(random);
    const options = { misspell: false, spaced: false, halfWidth: false, blanks: new Set<string>() };
    const text = renderTextLayout(printReport(report, options, random), "pdf-text", random, false);
    return { name: `one-paragraph-${k}.txt`, bytes: new TextEncoder().encode(text.replace(/\s+/g, "")) };
  });
}

function markdownInputs(): Input[] {
  return Array.from({ length: 4 }, (_, k) => {
    const random = seededRandom(400 + k);
    const markdown = renderMarkdown(
      generateReport(random),
      { style: "row-tables", rowLabel: "数量", prose: true },
      random,
    );
    return { name: `ocr-${k}.md`, bytes: new TextEncoder().encode(markdown) };
  });
}

async function main(): Promise<void> {
  const reports = Array.from({ length: 5 }, (_, seed) => generateReport(seededRandom(seed)));
  const samplePdf = new Uint8Array(readFileSync(path.join(FIXTURES, "samples/hongze_district_2024.pdf")));
  await readReport(samplePdf, "warm-up.pdf");
  const started = process.memoryUsage().rss;
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  console.log(
    `node ${process.version}, ${ROUNDS} rounds, load average ${load}, warm RSS ${(started / 2 ** 20).toFixed(0)} MB`,
  );
  await measure("TXT (seeds + layouts)", textInputs(), ROUNDS);
  await measure("TXT import files", importInputs(29), 1, importInputs(23));
  await measure("TXT glued digits", gluedInputs(), Math.ceil(ROUNDS / 4));
  await measure("TXT line breaks lost", lostBreakInputs(), Math.ceil(ROUNDS / 4));
  await measure("Markdown row tables", markdownInputs(), Math.ceil(ROUNDS / 4));
  await measure(
    "HTML",
    reports.map((report, index) => ({
      name: `r${index}.html`,
      bytes: encodeText(renderHtml(report), "utf-8"),
    })),
    Math.ceil(ROUNDS / 2),
  );
  const docx = await Promise.all(
    reports.map(async (report, index) => ({ name: `r${index}.docx`, bytes: await renderDocx(report) })),
  );
  await measure("DOCX", docx, Math.ceil(ROUNDS / 4));
  const pdf = await Promise.all(
    reports.map(async (report, index) => ({ name: `r${index}.pdf`, bytes: await renderPdf(report) })),
  );
  await measure("PDF (generated)", pdf, Math.ceil(ROUNDS / 10));
  await measure(
    "PDF (sample, 5 pages)",
    [{ name: "hongze_district_2024.pdf", bytes: samplePdf }],
    Math.ceil(ROUNDS / 4),
  );
  console.log(
    `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
  );
}

runCli(async () => {
  await main();
  return EXIT_OK;
});
