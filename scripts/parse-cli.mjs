// `npm run parse` — runs scripts/parse.ts from its bundle (scripts/source-bundle.mjs says why), built here first
// when a source changed. Should the bundle not be buildable here (esbuild missing, node_modules read-only), the
// same source runs through tsx instead: slower per report, the same output.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureParseBundle } from "./source-bundle.mjs";

let bundle = null;
try {
  bundle = (await ensureParseBundle()).file;
} catch {
  // run from source below
}
if (bundle !== null) {
  await import(pathToFileURL(bundle).href);
} else {
  const source = path.join(import.meta.dirname, "parse.ts");
  const run = spawnSync(process.execPath, ["--import", "tsx", source, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exitCode = run.status ?? 1;
}
