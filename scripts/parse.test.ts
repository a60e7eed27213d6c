// The parse CLI contract (issue 3) and how it fails (issue 19): one JSON object per file per line under the path
// as given, every agency key, every cell id of the detected template; exit 0 when every file was opened (rejected
// reports included), 1 when a file could not be opened, 2 with usage on a usage error; nothing else on stdout.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listCellIds } from "@/lib/reader/template/cell-catalogue";

const ROOT = path.join(import.meta.dirname, "..");
const SEEDS = path.join(ROOT, "lib/reader/fixtures/seeds");
const SEED = path.join(SEEDS, "001_2ed4faa730a0c388.txt");
const AGENCY_KEYS = [
  "name",
  "as_printed",
  "kind",
  "province",
  "city",
  "county",
  "town",
  "department",
  "parent",
];
const scratch = mkdtempSync(path.join(tmpdir(), "parse-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What `npm run parse` runs: scripts/parse.ts from its bundle (parse-bundle.test.ts: it reads as the source). */
function parse(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, "scripts/parse-cli.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const lines = run.stdout === "" ? [] : run.stdout.trimEnd().split("\n");
  return {
    status: run.status,
    stderr: run.stderr,
    lines: lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe("npm run parse", () => {
  it("prints one JSON line per file, rejected reports included, and exits 0", () => {
    const { status, stderr, lines } = parse([SEED, path.join(ROOT, "package.json")]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(lines.map((line) => [line.file, line.ok])).toEqual([
      [SEED, true],
      [path.join(ROOT, "package.json"), false],
    ]);
    const [report, rejected] = lines as [Record<string, unknown>, Record<string, unknown>];
    expect(Object.keys(report.agency as object).sort()).toEqual([...AGENCY_KEYS].sort());
    expect(Object.keys(report.cells as object).sort()).toEqual([...listCellIds("2021")].sort());
    expect(report).toMatchObject({ year: 2023, template: "2021" });
    for (const finding of report.findings as Record<string, unknown>[])
      expect(Object.keys(finding).sort()).toEqual(["cells", "code", "kind", "message", "severity"]);
    expect(rejected.error).toMatchObject({ code: "NOT_A_REPORT" });
    expect(Object.keys(rejected.agency as object).sort()).toEqual([...AGENCY_KEYS].sort());
  }, 60_000);

  it("prints each file under the path as given, so two report.txt from different folders stay apart", () => {
    const files = ["a", "b"].map((folder) => path.join(scratch, folder, "report.txt"));
    for (const file of files) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, readFileSync(SEED));
    }
    const relative = path.relative(ROOT, SEED);
    const { status, lines } = parse([...files, relative]);
    expect(status).toBe(0);
    expect(lines.map((line) => [line.file, line.ok])).toEqual([
      [files[0], true],
      [files[1], true],
      [relative, true],
    ]);
  }, 60_000);

  it("gives a missing file its own code, keeps reading the others and exits 1", () => {
    const missing = path.join(scratch, "nowhere", "report.txt");
    const { status, lines } = parse([missing, SEED, scratch]);
    expect(status).toBe(1);
    expect(
      lines.map((line) => [line.file, line.ok, (line.error as { code?: string } | undefined)?.code]),
    ).toEqual([
      [missing, false, "FILE_NOT_FOUND"],
      [SEED, true, undefined],
      [scratch, false, "FILE_UNREADABLE"],
    ]);
    expect((lines[0]!.error as { message: string }).message).toContain(missing);
  }, 60_000);

  it("calls a current report cut short before its tables incomplete, not a pre-2019 report", () => {
    const text = readFileSync(SEED, "utf8");
    const truncated = path.join(scratch, "truncated-2023.txt");
    writeFileSync(truncated, text.slice(0, text.indexOf("二、主动公开")));
    const { status, lines } = parse([truncated]);
    expect(status).toBe(0);
    expect(lines[0]!.error).toMatchObject({ code: "NOT_A_REPORT" });
  }, 60_000);

  it.each([
    ["no arguments", [], "请至少指定一个报告文件"],
    ["an unknown option", ["--json", SEED], "未知选项：--json"],
  ])(
    "prints usage and exits 2 on %s",
    (_case, args, message) => {
      const { status, stderr, lines } = parse(args);
      expect(status).toBe(2);
      expect(lines).toEqual([]);
      expect(stderr).toContain(message);
      expect(stderr).toContain("用法：npm run --silent parse -- <文件>...");
      expect(stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );

  it("reads a file whose name starts with a dash after --", () => {
    const dashed = path.join(scratch, "-report.txt");
    writeFileSync(dashed, readFileSync(SEED));
    const { status, lines } = parse(["--", dashed]);
    expect(status).toBe(0);
    expect(lines.map((line) => [line.file, line.ok])).toEqual([[dashed, true]]);
  }, 60_000);
});
