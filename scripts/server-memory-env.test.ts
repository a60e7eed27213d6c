// The production server's memory settings reach a real Node process through its environment — NODE_OPTIONS
// accepts the flags (Node refuses to start on one it does not allow there) — and an operator's own win.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildServerMemoryEnv } from "./server-memory-env";

const MB = 1024 * 1024;

/** V8's old-generation ceiling of a fresh `node` started with these variables, in MB. */
function oldSpaceLimitMb(extra: Record<string, string>): number {
  const out = execFileSync(
    process.execPath,
    ["-e", "console.log(require('v8').getHeapStatistics().heap_size_limit)"],
    { env: { PATH: process.env.PATH, NODE_ENV: "production", ...extra }, encoding: "utf8" },
  );
  const limit = Number(out.trim());
  return limit / MB;
}

describe("buildServerMemoryEnv", () => {
  it("sets the V8 ceiling and glibc's arenas and threshold when the environment has none", () => {
    expect(buildServerMemoryEnv({})).toEqual({
      NODE_OPTIONS: "--max-old-space-size=1024",
      MALLOC_ARENA_MAX: "2",
      MALLOC_MMAP_THRESHOLD_: "131072",
    });
  });

  it("keeps an operator's NODE_OPTIONS after its own flags and an operator's MALLOC_* as they are", () => {
    const env = buildServerMemoryEnv({
      NODE_OPTIONS: " --max-old-space-size=4096 --enable-source-maps ",
      MALLOC_ARENA_MAX: "4",
    });
    expect(env.NODE_OPTIONS).toBe("--max-old-space-size=1024 --max-old-space-size=4096 --enable-source-maps");
    expect(env.MALLOC_ARENA_MAX).toBe("4");
    expect(env.MALLOC_MMAP_THRESHOLD_).toBe("131072");
  });

  it("caps a real Node process's old space at 1 GB, and an operator's later flag raises it", () => {
    const defaultLimit = oldSpaceLimitMb({});
    const capped = oldSpaceLimitMb(buildServerMemoryEnv({}));
    const raised = oldSpaceLimitMb(buildServerMemoryEnv({ NODE_OPTIONS: "--max-old-space-size=3000" }));
    // heap_size_limit is the old space plus the young generation (tens of MB).
    expect(capped).toBeGreaterThanOrEqual(1024);
    expect(capped).toBeLessThan(1024 + 100);
    expect(raised).toBeGreaterThanOrEqual(3000);
    expect(raised).toBeLessThan(3000 + 100);
    expect(defaultLimit).not.toBe(capped);
  });
});
