// A bundle's manifest (scripts/source-bundle.mjs writes it on the bundle's first line: every source it was built
// from, with its content's hash), read and made stale by the bundles' tests.
import { readFileSync, writeFileSync } from "node:fs";

const MARKER = "// source-bundle ";

/** The sources a bundle was built from, by path, each with its content's hash. */
export function readBundleInputs(file: string): Record<string, string> {
  const [manifestLine] = readFileSync(file, "utf8").split("\n", 1);
  return (JSON.parse(manifestLine!.slice(MARKER.length)) as { inputs: Record<string, string> }).inputs;
}

/** Rewrites the manifest as if `source` had had other content when the bundle was built (its hash an old one's). */
export function markSourceChanged(file: string, source: string): void {
  const [manifestLine, ...code] = readFileSync(file, "utf8").split("\n");
  const manifest = JSON.parse(manifestLine!.slice(MARKER.length)) as { inputs: Record<string, string> };
  manifest.inputs[source] = "content-of-an-older-version";
  writeFileSync(file, [`${MARKER}${JSON.stringify(manifest)}`, ...code].join("\n"));
}
