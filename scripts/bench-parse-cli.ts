// npm run bench:parse-cli — the parse command as a user runs it (`npm run --silent parse -- <files>`), on
// 2,000 text reports: the five seeds (one file in ten) and random consistent reports in the everyday text
// layouts with label variants and noise lines, as bench:parse's TXT inputs, written to a temporary folder. The cost per report beyond start-up is
// (time for all files − time for one file) / (files − 1), JSON output to /dev/null included; each is the
// fastest of ROUNDS runs. Pin it to one core for steady figures: `taskset -c 1 npm run bench:parse-cli`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { generateReport, pick, seededRandom } from "@/lib/reader/testing/generate-report";
import { printReport } from "@/lib/reader/testing/render-text-rows";
import { renderTextLayout, TEXT_LAYOUTS } from "@/lib/reader/testing/render-text-layouts";
import { listRegions } from "@/lib/reader/region/list-regions";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";

const ROOT = path.join(import.meta.dirname, "..");
const FILES = Number(process.env.BENCH_FILES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function writeReports(dir: string): string[] {
  const seedDir = path.join(ROOT, "lib/reader/fixtures/seeds");
  const seeds = readdirSync(seedDir).map((name) => readFileSync(path.join(seedDir, name)));
  const towns = listTowns();
  return Array.from({ length: FILES }, (_, index) => {
    const file = path.join(dir, `report-${index}.txt`);
    writeFileSync(file, index % 10 === 0 ? seeds[(index / 10) % seeds.length]! : renderReport(index, towns));
    return file;
  });
}

/**
 * The everyday text layouts, as bench:parse's TXT inputs (its glued-digit dumps are measured apart there), each
 * report from a real town or street (county + town, as agencies print their names) rather than the generator's
 * made-up places: an unknown place sends the agency resolver through its slowest search, which real reports
 * seldom need.
 */
function renderReport(index: number, towns: readonly string[]): string {
  const random = seededRandom(index);
  const report = { ...generateReport(random), agency: pick(random, towns) };
  const options = { misspell: true, spaced: false, halfWidth: random() < 0.5, blanks: new Set<string>() };
  const layout = pick(
    random,
    TEXT_LAYOUTS.filter((candidate) => candidate !== "glued"),
  );
  return renderTextLayout(printReport(report, options, random), layout, random, true);
}

/** “米易县普威镇”: every 20th town or street of the gazetteer under the name of its county. */
function listTowns(): string[] {
  const rows = listRegions();
  const names = new Map(rows.map((row) => [row.code, row.name]));
  return rows
    .filter((row, index) => row.level === "town" && index % 20 === 0)
    .map((row) => `${names.get(row.parentCode ?? "") ?? ""}${row.name}`);
}

function timeParse(files: readonly string[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const run = spawnSync("npm", ["run", "--silent", "parse", "--", ...files], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (run.status !== 0) throw new Error(`parse exited with ${run.status}`);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function main(): void {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-parse-cli-"));
  try {
    const files = writeReports(dir);
    const load = loadavg()
      .map((value) => value.toFixed(1))
      .join(" ");
    console.log(
      `node ${process.version}, ${files.length} text reports, best of ${ROUNDS}, load average ${load}`,
    );
    const one = timeParse(files.slice(0, 1));
    const all = timeParse(files);
    const perReport = (all - one) / (files.length - 1);
    console.log(`one file ${one.toFixed(0)} ms (start-up), ${files.length} files ${all.toFixed(0)} ms`);
    console.log(
      `per report beyond start-up: ${perReport.toFixed(3)} ms (${Math.round(1000 / perReport)} reports/s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runCli(async () => {
  main();
  return EXIT_OK;
});
