// `npm run bench` — every benchmark, one after the other, then one table; the table, the machine (CPU, cores,
// RAM, load), the date and the commands go into BENCHMARKS.md's summary section (between its markers; the
// per-bench sections below it stay as they are). Parts run alone: `npm run bench -- load ingest`.
// `--quick` passes each bench smaller sizes (a smoke run, not figures to publish); `--no-write` leaves
// BENCHMARKS.md alone. bench:login needs a running app: one is started here on a throwaway database.
// Each bench's full output is kept in .test-data/bench-logs/<name>.log. Exit 1 when a bench failed.
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { BENCH_ADMIN, startBenchApp, stopBenchApp } from "./bench-app-server";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

type Bench = {
  name: string;
  what: string;
  args: string[];
  quickArgs: string[];
  /** The lines of its output worth a glance in the summary. */
  headline: (output: string) => string;
  needsApp?: boolean;
};

const LOG_DIR = path.join(process.cwd(), ".test-data", "bench-logs");
// Relative, so the command printed in BENCHMARKS.md reads the same on every machine.
const LOAD_JSON = path.join(".test-data", "bench-logs", "load.json");
const lastLines = (count: number) => (output: string) =>
  output
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-count)
    .join(" · ");
const matching =
  (pattern: RegExp, fallback = 2) =>
  (output: string) => {
    const lines = output.split("\n").filter((line) => pattern.test(line));
    return lines.length > 0 ? lines.map((line) => line.trim()).join(" · ") : lastLines(fallback)(output);
  };

const BENCHES: Bench[] = [
  {
    name: "parse",
    what: "the reader in-process, per format",
    args: [],
    quickArgs: [],
    headline: lastLines(2),
  },
  {
    name: "parse-cli",
    what: "the parse command on 2,000 text reports, wall and CPU per report",
    args: [],
    quickArgs: [],
    headline: lastLines(3),
  },
  {
    name: "ingest",
    what: "bulk import, seed and single uploads into PostgreSQL",
    args: [],
    quickArgs: ["--reports", "2000", "--files", "200", "--single", "100", "--warm", "400"],
    headline: matching(/reports\/s|份\/秒|rows\/s/),
  },
  {
    name: "dashboard",
    what: "p50/p95 of each page's queries over ~1M reports",
    args: [],
    quickArgs: [],
    // The verdict over every query and page (its figures are in the bench's own log and section).
    headline: matching(/^(every query p95|over target:)/, 1),
  },
  {
    name: "upload",
    what: "the upload route and a page's latency during uploads",
    args: [],
    quickArgs: ["--files", "40", "--seconds", "5"],
    headline: matching(/^\s*[123]\./),
  },
  {
    name: "login",
    what: "the login lockout under bursts",
    args: [],
    quickArgs: [],
    headline: lastLines(3),
    needsApp: true,
  },
  {
    name: "session",
    what: "the per-request cost of being signed in",
    args: [],
    quickArgs: ["--calls", "300"],
    headline: matching(/per page request/),
  },
  {
    name: "load",
    what: "autocannon, 50 connections × 60 s, signed in: trivial page, 排名, export",
    args: ["--json", LOAD_JSON],
    quickArgs: ["--json", LOAD_JSON, "--seconds", "10", "--reports", "2000"],
    headline: matching(/ranking \/ trivial/),
  },
  {
    name: "export",
    what: "the export route against COPY … TO STDOUT (issue 17 item 2)",
    args: [],
    quickArgs: [],
    headline: matching(/ratio|COPY|rows\/s/, 3),
  },
];

type Outcome = {
  bench: Bench;
  command: string;
  seconds: number;
  ok: boolean;
  skipped?: string;
  headline: string;
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { quick: { type: "boolean" }, "no-write": { type: "boolean" } },
  });
  const unknown = positionals.filter((name) => !BENCHES.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    console.error(`未知的基准: ${unknown.join(", ")}。可选: ${BENCHES.map((bench) => bench.name).join(" ")}`);
    return 2;
  }
  const chosen = positionals.length > 0 ? BENCHES.filter((b) => positionals.includes(b.name)) : BENCHES;
  const scripts = (JSON.parse(await readFile("package.json", "utf8")) as { scripts: Record<string, string> })
    .scripts;
  await mkdir(LOG_DIR, { recursive: true });
  const outcomes: Outcome[] = [];
  for (const bench of chosen) {
    const args = values.quick ? bench.quickArgs : bench.args;
    const command = `npm run bench:${bench.name}${args.length ? ` -- ${args.join(" ")}` : ""}`;
    if (!scripts[`bench:${bench.name}`]) {
      outcomes.push({
        bench,
        command,
        seconds: 0,
        ok: true,
        skipped: "not on this branch yet",
        headline: "",
      });
      continue;
    }
    console.log(`\n▶ ${command}`);
    const started = performance.now();
    const run = bench.needsApp ? await runAgainstApp(bench.name, args) : await runBench(bench.name, args, {});
    await writeFile(path.join(LOG_DIR, `${bench.name}.log`), run.output);
    outcomes.push({
      bench,
      command: bench.needsApp ? `BENCH_URL=… ADMIN_EMAIL=… ADMIN_PASSWORD=… ${command}` : command,
      seconds: (performance.now() - started) / 1000,
      ok: run.code === 0,
      headline: run.code === 0 ? bench.headline(run.output) : lastLines(3)(run.output),
    });
  }
  const summary = await renderSummary(outcomes, values.quick === true);
  console.log(`\n${summary}`);
  if (!values["no-write"] && !values.quick) await writeSummary(summary);
  return outcomes.every((outcome) => outcome.ok) ? 0 : 1;
}

function runBench(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  const child = spawn("npm", ["run", "--silent", `bench:${name}`, ...(args.length ? ["--", ...args] : [])], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    process.stdout.write(chunk);
    output += chunk.toString();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code: code ?? 1, output })));
}

/** bench:login measures a running app: one on a throwaway embedded database, loopback only. */
async function runAgainstApp(name: string, args: string[]): Promise<{ code: number; output: string }> {
  const dataDir = path.join(process.cwd(), ".test-data", `bench-${name}-app`);
  await rm(dataDir, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: false });
  try {
    await createDatabaseIfMissing(database.adminUrl, "bench_app");
    const port = await findFreePort();
    const app = await startBenchApp({ port, databaseUrl: database.urlFor("bench_app") });
    try {
      return await runBench(name, args, {
        BENCH_URL: `http://127.0.0.1:${port}`,
        ADMIN_EMAIL: BENCH_ADMIN.email,
        ADMIN_PASSWORD: BENCH_ADMIN.password,
      });
    } finally {
      await stopBenchApp(app);
    }
  } finally {
    await database.stop();
  }
}

async function renderSummary(outcomes: readonly Outcome[], quick: boolean): Promise<string> {
  const cpus = os.cpus();
  const machine =
    `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, load ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(" ")}, Node ${process.version}, ${os.type()} ${os.release()}`;
  const rows = outcomes.map((outcome) => {
    const status = outcome.skipped ? `skipped (${outcome.skipped})` : outcome.ok ? "ok" : "FAILED";
    const headline = outcome.headline.replace(/\|/g, "/").slice(0, 400);
    return `| ${outcome.bench.name} | ${outcome.bench.what} | \`${outcome.command}\` | ${status} | ${outcome.seconds.toFixed(0)} | ${headline} |`;
  });
  const ratios = await loadRatios(outcomes);
  return [
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${quick ? " (--quick: smoke sizes, not figures)" : ""}.`,
    `Machine: ${machine}.`,
    "",
    "| bench | measures | command | status | s | headline |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    ...ratios,
  ].join("\n");
}

async function loadRatios(outcomes: readonly Outcome[]): Promise<string[]> {
  if (!outcomes.some((outcome) => outcome.bench.name === "load" && outcome.ok && !outcome.skipped)) return [];
  const load = JSON.parse(await readFile(LOAD_JSON, "utf8")) as {
    figures: { target: string; perSecond: number; p95: number; errors: number; skipped?: string }[];
  };
  const [trivial, ranking, exported] = load.figures;
  const lines = ["Ratios (targets from issue 17):"];
  if (trivial && ranking && trivial.perSecond > 0)
    lines.push(
      `- 排名 / trivial page throughput: ${(ranking.perSecond / trivial.perSecond).toFixed(2)} (target ≥ 0.5; ` +
        `${ranking.perSecond.toFixed(1)} vs ${trivial.perSecond.toFixed(1)} req/s, p95 ${ranking.p95.toFixed(0)} vs ${trivial.p95.toFixed(0)} ms)`,
    );
  if (exported)
    lines.push(
      exported.skipped
        ? `- export of one region-year: not measured — ${exported.skipped}`
        : `- export of one region-year: ${exported.perSecond.toFixed(1)} req/s, p95 ${exported.p95.toFixed(0)} ms, ${exported.errors} errors`,
    );
  return lines;
}

const START = "<!-- bench-summary:start -->";
const END = "<!-- bench-summary:end -->";

async function writeSummary(summary: string): Promise<void> {
  const file = path.join(process.cwd(), "BENCHMARKS.md");
  const text = await readFile(file, "utf8");
  const section = `${START}\n## Summary — \`npm run bench\`\n\n${summary}\n${END}`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  let next: string;
  if (start !== -1 && end > start) next = text.slice(0, start) + section + text.slice(end + END.length);
  else {
    // Right under the title, above the per-bench sections.
    const firstSection = text.indexOf("\n## ");
    next =
      firstSection === -1
        ? `${text.trimEnd()}\n\n${section}\n`
        : `${text.slice(0, firstSection + 1)}${section}\n\n${text.slice(firstSection + 1)}`;
  }
  await writeFile(file, next);
  console.log(`\nBENCHMARKS.md: 摘要已更新。`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
