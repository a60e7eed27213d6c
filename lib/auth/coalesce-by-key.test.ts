import { describe, expect, it } from "vitest";
import { createCoalescer } from "./coalesce-by-key";

describe("createCoalescer", () => {
  it("turns a burst into few writes that together count every call", async () => {
    const coalesce = createCoalescer();
    const writes: number[] = [];
    const write = async (count: number) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      writes.push(count);
    };
    await Promise.all(Array.from({ length: 100 }, () => coalesce("k", write)));
    expect(writes.reduce((sum, count) => sum + count, 0)).toBe(100);
    expect(writes.length).toBeLessThanOrEqual(3);
  });

  it("keeps keys apart and recovers from a failed write", async () => {
    const coalesce = createCoalescer();
    const seen: string[] = [];
    await expect(coalesce("a", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    await coalesce("a", async (count) => void seen.push(`a${count}`));
    await coalesce("b", async (count) => void seen.push(`b${count}`));
    expect(seen).toEqual(["a1", "b1"]);
  });
});
