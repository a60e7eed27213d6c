// The resolved Next config that `next build` wrote, for the production server to start from instead of
// next.config.ts. `next start` transpiles a TypeScript config with SWC's native compiler, which loads a 96 MB
// shared library into the server to compile a few lines and keeps it mapped for the server's life: ~25–40 MB
// resident (measured: 166 → 126 MB fresh). `next build` already stored the resolved config in
// .next/required-server-files.json, and Next's own standalone server (`output: "standalone"`) hands exactly
// that to the server in __NEXT_PRIVATE_STANDALONE_CONFIG; scripts/start.ts does the same. Redirects and headers
// are in the build's routes manifest either way; `.env` files are still read by the server itself.
// The build's config is used only while it is what next.config.ts gives now — its plain values may depend on
// the environment (MAX_UPLOAD_MB) — otherwise null, and Next reads next.config.ts as before.
//   const config = await readBuiltNextConfig({ buildDir, currentConfig: (await import("../next.config")).default });
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const BUILT_CONFIG_ENV = "__NEXT_PRIVATE_STANDALONE_CONFIG";

/** The build's resolved config as JSON, or null when there is none or next.config.ts now says otherwise. */
export function readBuiltNextConfig(options: { buildDir: string; currentConfig: unknown }): string | null {
  const file = path.join(options.buildDir, "required-server-files.json");
  if (!existsSync(file)) return null;
  let built: unknown;
  try {
    built = (JSON.parse(readFileSync(file, "utf8")) as { config?: unknown }).config;
  } catch {
    return null;
  }
  if (!isRecord(built) || !agrees(built, options.currentConfig)) return null;
  return JSON.stringify(built);
}

/** Every plain value the current config sets is in the built one (which adds Next's defaults): objects key by
 * key, arrays element by element (Next may add entries of its own), functions skipped (compiled into the build's
 * manifests). */
function agrees(built: unknown, current: unknown): boolean {
  if (typeof current === "function" || current === undefined) return true;
  if (Array.isArray(current)) {
    if (!Array.isArray(built)) return false;
    const builtItems = new Set(built.map((item) => JSON.stringify(item)));
    return current.every((item) => builtItems.has(JSON.stringify(item)));
  }
  if (isRecord(current)) {
    if (!isRecord(built)) return false;
    return Object.entries(current).every(([key, value]) => agrees(built[key], value));
  }
  return Object.is(built, current);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
