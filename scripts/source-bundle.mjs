// TypeScript entries run from bundles: an entry and everything it imports from this package as one ES module,
// built with esbuild on first use and again whenever a source it was built from changes, so nothing runs stale
// code and nothing needs a build step. Two entries: the parse command (`npm run parse`, scripts/parse-cli.mjs)
// and the reader threads (lib/ingest/reader-worker.ts, loaded by lib/ingest/reader-pool.ts). Why a bundle
// rather than tsx: tsx loads each .ts file of this package ("type" is not "module") as a CommonJS module, and
// esbuild's CommonJS output reaches every imported function and constant through a getter on the exporting
// module's exports object (`(0, import_x.readTokens)(…)`). Until V8 has optimised the reader's hot functions —
// the first few thousand reports of a process or thread — each of those accesses is a getter call; the parse
// command paid ~0.3 ms a report for it (BENCHMARKS.md, "Parse CLI"). In one bundle, calls are plain calls.
// Plain JavaScript, not TypeScript: it runs before anything can compile TypeScript (and, in the app server,
// outside Next's own bundles, loaded from the working directory).
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
/** Inside node_modules, so that the bundles' imports of packages (unpdf, mammoth …) resolve from it. */
export const DEFAULT_CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "source-bundles");
/** Each bundle's name (its file in the cache is `<name>.mjs`) and entry. */
export const ENTRIES = {
  parse: path.join(ROOT, "scripts", "parse.ts"),
  "reader-worker": path.join(ROOT, "lib", "ingest", "reader-worker.ts"),
};
/** A bundle's first line: this marker, then the manifest of what it was built from, as JSON. */
const MANIFEST_MARKER = "// source-bundle ";
/** Besides the sources esbuild loads: the path aliases (@/…) and this file's build options. */
const BUILD_INPUTS = [path.join(ROOT, "tsconfig.json"), import.meta.filename];
const LOADERS = { ".ts": "ts", ".tsx": "tsx", ".json": "json", ".js": "js", ".mjs": "js", ".cjs": "js" };

/**
 * The path of an up-to-date bundle of an entry (a name of ENTRIES), built now if there is none or a source
 * changed since (`built` says which). Throws when it cannot be built (esbuild missing, cache folder not
 * writable, a source that does not compile).
 * @param {keyof typeof ENTRIES} name
 * @param {{ cacheDir?: string }} [options]
 * @returns {Promise<{ file: string, built: boolean }>}
 */
export async function ensureBundle(name, options = {}) {
  const entry = ENTRIES[name];
  if (entry === undefined) throw new Error(`No bundle named ${JSON.stringify(name)}`);
  const file = path.join(options.cacheDir ?? DEFAULT_CACHE_DIR, `${name}.mjs`);
  if (isUpToDate(file)) return { file, built: false };
  await buildBundle(entry, file);
  return { file, built: true };
}

/** The parse command's bundle (scripts/parse.ts). */
export function ensureParseBundle(options = {}) {
  return ensureBundle("parse", options);
}

/** The reader threads' bundle (lib/ingest/reader-worker.ts). */
export function ensureReaderWorkerBundle(options = {}) {
  return ensureBundle("reader-worker", options);
}

/** True when the bundle exists and every file it was built from still has the content it had then. */
function isUpToDate(file) {
  let manifest;
  try {
    manifest = readManifest(file);
  } catch {
    return false;
  }
  if (manifest === null) return false;
  for (const [relative, hash] of Object.entries(manifest.inputs)) {
    try {
      if (hashOf(readFileSync(path.join(ROOT, relative))) !== hash) return false;
    } catch {
      return false; // removed or unreadable: build again, and let esbuild say what is wrong
    }
  }
  return true;
}

/** The manifest on the bundle's first line, or null when the file is not one of our bundles. */
function readManifest(file) {
  const text = readFileSync(file, "utf8");
  if (!text.startsWith(MANIFEST_MARKER)) return null;
  return JSON.parse(text.slice(MANIFEST_MARKER.length, text.indexOf("\n")));
}

async function buildBundle(entry, file) {
  const esbuild = await import("esbuild");
  // Every source is hashed as esbuild reads it: the manifest describes exactly the bytes that were bundled, even
  // when a file is saved during the build.
  const inputs = {};
  const hashInputs = {
    name: "hash-inputs",
    setup(build) {
      build.onLoad({ filter: /\.(?:[cm]?js|tsx?|json)$/ }, async (args) => {
        const contents = await readFile(args.path);
        inputs[path.relative(ROOT, args.path)] = hashOf(contents);
        return { contents, loader: LOADERS[path.extname(args.path)] };
      });
    },
  };
  for (const input of BUILD_INPUTS) inputs[path.relative(ROOT, input)] = hashOf(readFileSync(input));
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node}`,
    // Packages stay imports, resolved from node_modules at run time, as under tsx.
    packages: "external",
    plugins: [hashInputs],
    write: false,
    outfile: file,
    logLevel: "silent",
  });
  const manifest = JSON.stringify({ esbuild: esbuild.version, inputs });
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and renamed: a process (or thread) that loads the bundle meanwhile reads either the old one or
  // the new one, whole, and two processes building at once each rename a whole file of their own over it.
  const partial = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.partial`;
  try {
    writeFileSync(partial, `${MANIFEST_MARKER}${manifest}\n${result.outputFiles[0].text}`);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

function hashOf(bytes) {
  return createHash("sha256").update(bytes).digest("base64url");
}
