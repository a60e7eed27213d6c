// The one test command (`npm test`): unit + integration tests (vitest), the production build, then the
// end-to-end journeys (Playwright, real Chromium, production server, fresh database). Prints each suite's
// totals and ends with the plain line CI reads: `N passed, N failed[, N skipped]`. Exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const REPORT_DIR = path.join(ROOT, ".test-data", "reports");
const VITEST_JSON = path.join(REPORT_DIR, "vitest.json");
const PLAYWRIGHT_JSON = path.join(REPORT_DIR, "playwright.json");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===\n$ ${[path.basename(command), ...args].join(" ")}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds, status: result.status ?? result.signal };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

// A suite whose process failed without any failing test (a crash, a file that does not load, a server
// that did not start) still counts as one failure: a broken run never reads as green.
function countVitest(outcome) {
  const report = readJson(VITEST_JSON);
  let filesThatDidNotRun = 0;
  for (const file of report?.testResults ?? []) {
    const name = path.relative(ROOT, file.name);
    const failedTests = file.assertionResults.filter((test) => test.status === "failed");
    for (const test of failedTests) failures.push(`vitest      ${name} › ${test.fullName}`);
    // A file that failed to load has no failed test of its own.
    if (file.status === "failed" && failedTests.length === 0) {
      filesThatDidNotRun += 1;
      failures.push(`vitest      ${name} (${file.message})`);
    }
  }
  const counts = {
    passed: report?.numPassedTests ?? 0,
    failed: (report?.numFailedTests ?? 0) + filesThatDidNotRun,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
  if (!outcome.ok && counts.failed === 0) {
    counts.failed = 1;
    failures.push(`vitest      the run failed (exit status ${outcome.status}) — see its output above`);
  }
  return counts;
}

// Playwright nests suites (files, describe blocks); each spec has one test per project.
function listPlaywrightFailures(suite) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      if (test.status === "unexpected")
        failures.push(`playwright  ${spec.file} › ${spec.title} [${test.projectName}]`);
    }
  }
  for (const child of suite.suites ?? []) listPlaywrightFailures(child);
}

function countPlaywright(outcome) {
  const report = readJson(PLAYWRIGHT_JSON);
  for (const suite of report?.suites ?? []) listPlaywrightFailures(suite);
  for (const error of report?.errors ?? []) failures.push(`playwright  ${error.message?.split("\n")[0]}`);
  const stats = report?.stats;
  const counts = {
    passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
    failed: stats?.unexpected ?? 0,
    skipped: stats?.skipped ?? 0,
  };
  if (!outcome.ok && counts.failed === 0) {
    counts.failed = 1;
    failures.push(`playwright  the run failed (exit status ${outcome.status}) — see its output above`);
  }
  return counts;
}

rmSync(REPORT_DIR, { recursive: true, force: true });
mkdirSync(REPORT_DIR, { recursive: true });
const suites = [];
const failures = [];

const vitest = run("Unit and integration tests (vitest)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${VITEST_JSON}`,
]);
suites.push({ name: "vitest", seconds: vitest.seconds, ...countVitest(vitest) });

// The build is one check: type errors and prerender failures fail it. It also writes the stamp that lets
// `npm start` reuse this build.
const build = run("Production build (next build)", bin("tsx"), ["scripts/build.ts"]);
suites.push({
  name: "next build",
  seconds: build.seconds,
  passed: build.ok ? 1 : 0,
  failed: build.ok ? 0 : 1,
  skipped: 0,
});
if (!build.ok) failures.push("next build  failed — see its output above");

if (build.ok) {
  const e2e = run("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"]);
  suites.push({ name: "playwright", seconds: e2e.seconds, ...countPlaywright(e2e) });
} else {
  console.log("\nPlaywright not run: there is no production build to test.");
  failures.push("playwright  not run: the build failed");
  suites.push({ name: "playwright", seconds: "0.0", passed: 0, failed: 1, skipped: 0 });
}

if (failures.length > 0) {
  console.log("\n=== Failed ===");
  for (const failure of failures) console.log(failure);
}

console.log("\n=== Totals ===");
for (const suite of suites) {
  console.log(
    `${suite.name.padEnd(12)} ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped (${suite.seconds} s)`,
  );
}
const total = (key) => suites.reduce((sum, suite) => sum + suite[key], 0);
const skipped = total("skipped");
console.log(
  `${total("passed")} passed, ${total("failed")} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`,
);
process.exitCode = total("failed") > 0 ? 1 : 0;
