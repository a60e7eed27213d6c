// npm run bench:parse-cli — the parse command as a user runs it (`npm run --silent parse -- <files>`), on
// 2,000 text reports: the five seeds (one file in ten) and random consistent reports in the everyday text
// layouts with label variants and noise lines, as bench:parse's TXT inputs, written to a temporary folder. The cost per report beyond start-up is
// (time for all files − time for one file) / (files − 1), JSON output to /dev/null included; each is the
// fastest of ROUNDS runs. Wall time is the target's measure; CPU time (user + system of the whole process tree
// — npm, the shell, node and its compiler and collector threads — read from /proc as the reaped children's
// time) is what compares fairly on a machine shared with other work, where a neighbour's burst stretches the
// clock but not the CPU a run needs. Pin it to one core for steady figures: `taskset -c 1 npm run bench:parse-cli`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { generateReport, pick, seededRandom } from "@/lib/reader/testing/generate-report";
import { printReport } from "@/lib/reader/testing/render-text-rows";
import { renderTextLayout, TEXT_LAYOUTS } from "@/lib/reader/testing/render-text-layouts";
import { listRegions } from "@/lib/reader/region/list-regions";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";
import { readReapedChildrenCpu } from "./process-tree-cpu";

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

interface Timing {
  /** Fastest wall-clock time of the rounds, ms. */
  wall: number;
  /** Least CPU time (user + system of the process tree) of the rounds, ms; null without /proc. */
  cpu: number | null;
}

function timeParse(files: readonly string[]): Timing {
  let wall = Number.POSITIVE_INFINITY;
  let cpu: number | null = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const cpuBefore = readReapedChildrenCpu();
    const started = performance.now();
    const run = spawnSync("npm", ["run", "--silent", "parse", "--", ...files], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const elapsed = performance.now() - started;
    const cpuAfter = readReapedChildrenCpu();
    if (run.status !== 0) throw new Error(`parse exited with ${run.status}`);
    wall = Math.min(wall, elapsed);
    cpu =
      cpu === null || cpuBefore === null || cpuAfter === null ? null : Math.min(cpu, cpuAfter - cpuBefore);
  }
  return { wall, cpu };
}

function formatLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
}

function main(): void {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-parse-cli-"));
  try {
    const files = writeReports(dir);
    console.log(`node ${process.version}, ${files.length} text reports, best of ${ROUNDS}`);
    console.log(`load average before: ${formatLoad()}`);
    const one = timeParse(files.slice(0, 1));
    const all = timeParse(files);
    console.log(`load average after:  ${formatLoad()}`);
    const cpu = (timing: Timing) => (timing.cpu === null ? "n/a" : `${timing.cpu.toFixed(0)} ms`);
    console.log(`one file (start-up): wall ${one.wall.toFixed(0)} ms, CPU ${cpu(one)}`);
    console.log(`${files.length} files:          wall ${all.wall.toFixed(0)} ms, CPU ${cpu(all)}`);
    const wallPerReport = (all.wall - one.wall) / (files.length - 1);
    const cpuPerReport =
      all.cpu === null || one.cpu === null ? null : (all.cpu - one.cpu) / (files.length - 1);
    console.log(
      `per report beyond start-up: wall ${wallPerReport.toFixed(3)} ms (${Math.round(1000 / wallPerReport)} reports/s), ` +
        `CPU ${cpuPerReport === null ? "n/a" : `${cpuPerReport.toFixed(3)} ms`}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runCli(async () => {
  main();
  return EXIT_OK;
});
