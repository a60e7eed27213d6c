// The parse CLI contract (issue 3): one JSON object per file per line, every agency key, every cell id of
// the detected template, exit status 0 even when a file is rejected, nothing else on stdout.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listCellIds } from "@/lib/reader/template/cell-catalogue";

const ROOT = path.join(import.meta.dirname, "..");
const SEEDS = path.join(ROOT, "lib/reader/fixtures/seeds");
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

describe("npm run parse", () => {
  it("prints one JSON line per file, rejected files included, and exits 0", () => {
    const seed = path.join(SEEDS, "001_2ed4faa730a0c388.txt");
    const stdout = execFileSync(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [path.join(ROOT, "scripts/parse.ts"), seed, path.join(ROOT, "package.json"), "missing.txt"],
      { cwd: ROOT, encoding: "utf8" },
    );
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.file, line.ok])).toEqual([
      ["001_2ed4faa730a0c388.txt", true],
      ["package.json", false],
      ["missing.txt", false],
    ]);
    const [report, rejected] = lines as [Record<string, unknown>, Record<string, unknown>];
    expect(Object.keys(report.agency as object).sort()).toEqual([...AGENCY_KEYS].sort());
    expect(Object.keys(report.cells as object).sort()).toEqual([...listCellIds("2021")].sort());
    expect(report).toMatchObject({ year: 2023, template: "2021" });
    for (const finding of report.findings as Record<string, unknown>[])
      expect(Object.keys(finding).sort()).toEqual(["cells", "code", "kind", "message", "severity"]);
    expect(rejected.error).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/) });
    expect(Object.keys(rejected.agency as object).sort()).toEqual([...AGENCY_KEYS].sort());
  }, 60_000);
});
