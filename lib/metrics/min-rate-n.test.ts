import { describe, expect, test } from "vitest";
import { readMinRateN } from "@/lib/metrics/min-rate-n";

describe("readMinRateN", () => {
  test.each([
    [{}, 10],
    [{ MIN_RATE_N: "" }, 10],
    [{ MIN_RATE_N: " 25 " }, 25],
    [{ MIN_RATE_N: "1" }, 1],
  ])("%o → %d", (env, expected) => {
    expect(readMinRateN(env)).toBe(expected);
  });

  test.each(["0", "-3", "2.5", "ten"])("refuses MIN_RATE_N=%s with a message naming it", (value) => {
    expect(() => readMinRateN({ MIN_RATE_N: value })).toThrow(/MIN_RATE_N/);
  });
});
