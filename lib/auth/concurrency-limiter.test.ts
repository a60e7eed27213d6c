import { describe, expect, it } from "vitest";
import { LimiterFullError, createConcurrencyLimiter } from "./concurrency-limiter";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("createConcurrencyLimiter", () => {
  it("runs at most `concurrency` tasks at once, the rest in arrival order", async () => {
    const limiter = createConcurrencyLimiter({ concurrency: 2, maxQueued: 10 });
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.load()).toEqual({ running: 2, queued: 2 });
    gates[1]!.open();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((g) => g.open());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(limiter.load()).toEqual({ running: 0, queued: 0 });
  });

  it("refuses at once when the queue is full, and recovers", async () => {
    const limiter = createConcurrencyLimiter({ concurrency: 1, maxQueued: 1 });
    const g = gate();
    const first = limiter.run(() => g.opened);
    const second = limiter.run(async () => "second");
    await expect(limiter.run(async () => "third")).rejects.toBeInstanceOf(LimiterFullError);
    g.open();
    await first;
    expect(await second).toBe("second");
    expect(await limiter.run(async () => "later")).toBe("later");
  });

  it("serves waiting keys in turn: one key's burst does not hold back another key's single task", async () => {
    const limiter = createConcurrencyLimiter({ concurrency: 1, maxQueued: 100 });
    const first = gate();
    const order: string[] = [];
    const running = limiter.run(() => first.opened, "burst");
    const burst = Array.from({ length: 5 }, (_, i) =>
      limiter.run(async () => void order.push(`burst ${i}`), "burst"),
    );
    const honest = limiter.run(async () => void order.push("honest"), "honest");
    first.open();
    await Promise.all([running, ...burst, honest]);
    expect(order.indexOf("honest")).toBe(1);
    expect(order.filter((name) => name.startsWith("burst"))).toEqual([
      "burst 0",
      "burst 1",
      "burst 2",
      "burst 3",
      "burst 4",
    ]);
  });

  it("frees the slot of a task that throws", async () => {
    const limiter = createConcurrencyLimiter({ concurrency: 1, maxQueued: 0 });
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => 1)).toBe(1);
  });
});
