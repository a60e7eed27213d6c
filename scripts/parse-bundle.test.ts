// `npm run parse` runs a bundle of scripts/parse.ts (scripts/source-bundle.mjs): it must read every kind of file
// exactly as the source does, and be built again whenever a source it was built from changes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateReport, seededRandom } from "@/lib/reader/testing/generate-report";
import { printReport } from "@/lib/reader/testing/render-text-rows";
import { renderTextLayout, TEXT_LAYOUTS } from "@/lib/reader/testing/render-text-layouts";
import { renderMarkdown } from "@/lib/reader/testing/render-markdown";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { renderMhtml } from "@/lib/reader/testing/render-mhtml";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { renderPdf } from "@/lib/reader/testing/render-pdf";
import { encodeText } from "@/lib/reader/testing/encode-text";
import { ensureParseBundle } from "./source-bundle.mjs";
import { markSourceChanged, readBundleInputs } from "@/tests/helpers/source-bundle-manifest";

const ROOT = path.join(import.meta.dirname, "..");
const FIXTURES = path.join(ROOT, "lib/reader/fixtures");
const scratch = mkdtempSync(path.join(tmpdir(), "parse-bundle-"));
// Inside node_modules, as the real cache: the bundle's imports of packages resolve from where it lies.
const cacheDir = mkdtempSync(path.join(ROOT, "node_modules", ".cache", "parse-bundle-test-"));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every format the reader takes, generated and real, a file that is no report, and one that is missing. */
async function writeInputs(): Promise<string[]> {
  const files: string[] = [];
  const write = (name: string, bytes: Uint8Array | string) => {
    const file = path.join(scratch, name);
    writeFileSync(file, bytes);
    files.push(file);
  };
  for (const name of readdirSync(path.join(FIXTURES, "seeds")))
    files.push(path.join(FIXTURES, "seeds", name));
  files.push(path.join(FIXTURES, "samples/hongze_district_2024.pdf"));
  TEXT_LAYOUTS.forEach((layout, index) => {
    const random = seededRandom(500 + index);
    const options = {
      misspell: true,
      spaced: index % 2 === 0,
      halfWidth: index % 3 === 0,
      blanks: new Set<string>(),
    };
    const text = renderTextLayout(printReport(generateReport(random), options, random), layout, random, true);
    write(`${layout}.txt`, index % 4 === 0 ? encodeText(text, "gbk") : text);
  });
  const reports = Array.from({ length: 2 }, (_, seed) => generateReport(seededRandom(600 + seed)));
  for (const [index, report] of reports.entries()) {
    const random = seededRandom(700 + index);
    write(
      `r${index}.md`,
      renderMarkdown(report, { style: "row-tables", rowLabel: "数量", prose: true }, random),
    );
    write(`r${index}.html`, renderHtml(report));
    write(`r${index}.mhtml`, renderMhtml(report));
    write(`r${index}.docx`, await renderDocx(report));
    write(`r${index}.pdf`, await renderPdf(report));
  }
  files.push(path.join(ROOT, "package.json"), path.join(scratch, "missing.txt"));
  return files;
}

describe("the parse command's bundle", () => {
  it("reads every kind of file exactly as the source does", async () => {
    const files = await writeInputs();
    const { file: bundle } = await ensureParseBundle({ cacheDir });
    const fromSource = run(path.join(ROOT, "node_modules/.bin/tsx"), [
      path.join(ROOT, "scripts/parse.ts"),
      ...files,
    ]);
    const fromBundle = run(process.execPath, [bundle, ...files]);
    // A missing file among them: exit 1, one line per file all the same.
    expect(fromSource.status).toBe(1);
    const lines = fromSource.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(files.length);
    // Every report read (not two sides failing alike), the file that is none and the missing one rejected.
    expect(lines.map((line) => (JSON.parse(line) as { ok: boolean }).ok)).toEqual(
      files.map((_, index) => index < files.length - 2),
    );
    expect(fromBundle).toEqual(fromSource);
  }, 180_000);

  it("is built on first use, kept while its sources are unchanged, and built again when one changes", async () => {
    const dir = mkdtempSync(path.join(cacheDir, "rebuild-"));
    const first = await ensureParseBundle({ cacheDir: dir });
    expect(first.built).toBe(true);
    expect(await ensureParseBundle({ cacheDir: dir })).toEqual({ file: first.file, built: false });
    // The manifest on the bundle's first line names every source it was built from, with its content's hash.
    expect(Object.keys(readBundleInputs(first.file))).toEqual(
      expect.arrayContaining([
        "scripts/parse.ts",
        "lib/reader/read-report.ts",
        "lib/reader/template/cells.json",
        "tsconfig.json",
        "scripts/source-bundle.mjs",
      ]),
    );
    // A source whose content differs from the one bundled (its recorded hash stands for the old content).
    markSourceChanged(first.file, "lib/reader/read-report.ts");
    expect(await ensureParseBundle({ cacheDir: dir })).toEqual({ file: first.file, built: true });
    expect(await ensureParseBundle({ cacheDir: dir })).toEqual({ file: first.file, built: false });
  }, 60_000);

  it("is what `npm run parse` runs", () => {
    const seed = path.join(FIXTURES, "seeds", readdirSync(path.join(FIXTURES, "seeds"))[0]!);
    const fromNpm = run("npm", ["run", "--silent", "parse", "--", seed]);
    const fromSource = run(path.join(ROOT, "node_modules/.bin/tsx"), [
      path.join(ROOT, "scripts/parse.ts"),
      seed,
    ]);
    expect(fromSource.status).toBe(0);
    expect(fromNpm).toEqual(fromSource);
  }, 60_000);
});
