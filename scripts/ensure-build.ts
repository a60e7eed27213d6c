// Builds the production app (`next build`) unless .next holds a build of exactly the current sources.
// A content hash, not file times: a fresh clone, `git pull` or `npm install` (which regenerates the Prisma
// client) must neither skip a needed build nor force a needless one.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureReaderWorkerBundle } from "./source-bundle.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD_DIR = path.join(ROOT, ".next");
const STAMP_FILE = path.join(BUILD_DIR, "source-hash");

// Folders that are outputs, data or tooling state, never inputs of the build.
const SKIPPED_DIRS = new Set([
  "node_modules",
  ".next",
  ".git",
  ".data",
  ".test-data",
  "coverage",
  "test-results",
  "playwright-report",
  "generated",
]);
// Documentation, logs, and next-env.d.ts (which `next build` itself writes).
const SKIPPED_FILE = /(\.(md|tsbuildinfo|log)|^next-env\.d\.ts)$/;

function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...listSourceFiles(path.join(dir, entry.name)));
    } else if (entry.isFile() && !SKIPPED_FILE.test(entry.name)) {
      files.push(path.join(dir, entry.name));
    }
  }
  return files;
}

/** sha256 over every source file's path and bytes, in a stable order. */
export function hashSources(): string {
  const hash = createHash("sha256");
  for (const file of listSourceFiles(ROOT).sort()) {
    hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

function isBuildCurrent(sourceHash: string): boolean {
  if (!existsSync(path.join(BUILD_DIR, "BUILD_ID")) || !existsSync(STAMP_FILE)) return false;
  return readFileSync(STAMP_FILE, "utf8").trim() === sourceHash;
}

function runNextBuild(): Promise<void> {
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/** Returns true when it built, false when the existing build was current (and `force` was not set). */
export async function ensureProductionBuild({ force = false }: { force?: boolean } = {}): Promise<boolean> {
  await ensureReaderBundle();
  const sourceHash = hashSources();
  if (!force && isBuildCurrent(sourceHash)) return false;
  await runNextBuild();
  writeFileSync(STAMP_FILE, `${sourceHash}\n`);
  return true;
}

/**
 * The reader threads' bundle (scripts/source-bundle.mjs), built here so the server's first file does not wait
 * for it; a few hundred ms, nothing when it is current. Should it fail, the server builds it on first use or
 * reads through tsx (lib/ingest/reader-pool.ts), so this only says so.
 */
async function ensureReaderBundle(): Promise<void> {
  try {
    if ((await ensureReaderWorkerBundle()).built) console.log("读取线程的 bundle 已构建。");
  } catch (error) {
    // The reason, not a stack: `npm start` prints this to whoever started the product.
    console.warn(
      "读取线程的 bundle 未能构建（服务将在首次读取时再试）：",
      error instanceof Error ? error.message : error,
    );
  }
}
