import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getAuthSecret } from "./auth-secret";

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "auth-secret-"));
  dirs.push(dir);
  return path.join(dir, "nested", "auth-secret");
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("getAuthSecret", () => {
  it("uses the configured secret without touching the file", () => {
    const file = tempFile();
    expect(getAuthSecret({ configured: "c".repeat(40), file })).toBe("c".repeat(40));
    expect(() => statSync(file)).toThrow();
  });

  it("generates a secret once, readable only by its owner, and reuses it", () => {
    const file = tempFile();
    const first = getAuthSecret({ file });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(getAuthSecret({ file })).toBe(first);
  });

  it("replaces nothing it did not write: a too-short file is an error, not silently overwritten", () => {
    const file = tempFile();
    getAuthSecret({ file });
    writeFileSync(file, "short\n");
    expect(() => getAuthSecret({ file })).toThrow(/auth secret/);
  });
});
