// The build's resolved Next config is handed to the server only while next.config.ts still gives the same
// plain values (real files in a temporary build folder).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBuiltNextConfig } from "./built-next-config";

// As `next build` writes it: the user's values with Next's defaults around them.
const BUILT = {
  distDir: ".next",
  poweredByHeader: false,
  serverExternalPackages: ["pg", "piscina", "some-default-of-next"],
  experimental: { authInterrupts: true, proxyClientMaxBodySize: 22_020_096, someDefault: 1 },
};

const CURRENT = {
  poweredByHeader: false,
  experimental: { authInterrupts: true, proxyClientMaxBodySize: 22_020_096 },
  serverExternalPackages: ["pg", "piscina"],
  redirects: async () => [],
  headers: async () => [],
};

let buildDir = "";

beforeEach(() => {
  buildDir = mkdtempSync(path.join(tmpdir(), "built-next-config-"));
});

afterEach(() => rmSync(buildDir, { recursive: true, force: true }));

function writeBuild(content: string): void {
  writeFileSync(path.join(buildDir, "required-server-files.json"), content);
}

describe("readBuiltNextConfig", () => {
  it("returns the build's whole config when next.config.ts gives the same values (functions aside)", () => {
    writeBuild(JSON.stringify({ version: 1, config: BUILT, files: [] }));
    const json = readBuiltNextConfig({ buildDir, currentConfig: CURRENT });
    expect(json).not.toBeNull();
    expect(JSON.parse(json!)).toEqual(BUILT);
  });

  it.each([
    [
      "an environment-dependent value changed since the build",
      { experimental: { proxyClientMaxBodySize: 1 } },
    ],
    ["a top-level value changed", { poweredByHeader: true }],
    ["a package added to a list", { serverExternalPackages: ["pg", "piscina", "unpdf"] }],
    ["a value the build does not have", { experimental: { newFlag: true } }],
  ])("returns null when %s", (_, change) => {
    writeBuild(JSON.stringify({ config: BUILT }));
    const currentConfig = {
      ...CURRENT,
      ...change,
      experimental: { ...CURRENT.experimental, ...(change as { experimental?: object }).experimental },
    };
    expect(readBuiltNextConfig({ buildDir, currentConfig })).toBeNull();
  });

  it.each([
    ["there is no build", null],
    ["the file is not JSON", "{ not json"],
    ["the file holds no config", JSON.stringify({ version: 1 })],
  ])("returns null when %s", (_, content) => {
    if (content !== null) writeBuild(content);
    expect(readBuiltNextConfig({ buildDir, currentConfig: CURRENT })).toBeNull();
  });
});
