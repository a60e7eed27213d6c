// Should the reader threads' bundle not build (esbuild missing, node_modules read-only) or not load in a thread,
// the pool says so and its threads load the TypeScript through tsx: files are still read, by real threads. Each
// case runs in a process of its own whose working directory (where the pool finds the bundle's builder) holds
// this project's sources and packages and a builder that fails in that way.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TRUTH_REPORTS } from "@/tests/helpers/read-result-factory";

const ROOT = path.join(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(path.join(tmpdir(), "reader-bundle-fallback-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const seed = TRUTH_REPORTS[0]!;
const READ_A_SEED = `
import { readFileSync } from "node:fs";
import { closeReaderPool, readerThreadModule, readInWorker } from "./lib/ingest/reader-pool.ts";
const bytes = new Uint8Array(readFileSync(${JSON.stringify(path.join(ROOT, "lib/reader/fixtures/seeds", seed.file))}));
const result = await readInWorker(bytes, ${JSON.stringify(seed.file)});
console.log(JSON.stringify({ ok: result.ok, year: result.ok ? result.year : null, module: readerThreadModule() }));
await closeReaderPool();
`;

/** A working directory of this project whose scripts/source-bundle.mjs is `builder`; the seed read there. */
function readWithBuilder(name: string, builder: string) {
  const cwd = path.join(scratch, name);
  mkdirSync(path.join(cwd, "scripts"), { recursive: true });
  for (const entry of ["lib", "node_modules", "tsconfig.json", "package.json"])
    symlinkSync(path.join(ROOT, entry), path.join(cwd, entry));
  writeFileSync(path.join(cwd, "scripts", "source-bundle.mjs"), builder);
  writeFileSync(path.join(cwd, "read.mts"), READ_A_SEED);
  const run = spawnSync(process.execPath, ["--import", "tsx", "read.mts"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, READER_THREADS: "1" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the reader threads without their bundle", () => {
  it("load the TypeScript through tsx, loudly, when the bundle cannot be built", () => {
    const run = readWithBuilder(
      "unbuildable",
      `export async function ensureReaderWorkerBundle() { throw new Error("esbuild is missing"); }\n`,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, year: seed.year, module: "tsx" });
    expect(run.stderr).toContain("[reader] no bundle of the reader thread");
    expect(run.stderr).toContain("esbuild is missing");
  }, 60_000);

  it("load the TypeScript through tsx, loudly, when the bundle does not load in a thread", () => {
    const broken = path.join(scratch, "broken.mjs");
    writeFileSync(broken, `throw new Error("a bundle that does not load");\n`);
    const run = readWithBuilder(
      "unloadable",
      `export async function ensureReaderWorkerBundle() { return { file: ${JSON.stringify(broken)}, built: false }; }\n`,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, year: seed.year, module: "tsx" });
    expect(run.stderr).toContain("[reader] reader threads cannot load the bundle");
    expect(run.stderr).toContain("a bundle that does not load");
  }, 60_000);
});
