// At most `concurrency` tasks at once, at most `maxQueued` more waiting; one more is refused at once with
// LimiterFullError rather than queued without bound. Waiting tasks are grouped by a key (the client's
// address) and served round-robin, one key after another: a burst from one address waits behind itself,
// and an honest login from elsewhere takes the next free slot instead of the end of the burst.
// For argon2id (lib/auth/password.ts).

export class LimiterFullError extends Error {
  override name = "LimiterFullError";
}

export type ConcurrencyLimiter = {
  run<T>(task: () => Promise<T>, key?: string): Promise<T>;
  /** Running and waiting tasks, for tests and probes. */
  load(): { running: number; queued: number };
};

export function createConcurrencyLimiter(options: {
  concurrency: number;
  maxQueued: number;
}): ConcurrencyLimiter {
  let running = 0;
  let queued = 0;
  // Insertion order of a Map is the round-robin order: a served key goes to the back.
  const waiting = new Map<string, (() => void)[]>();

  async function acquire(key: string): Promise<void> {
    if (running < options.concurrency) {
      running += 1;
      return;
    }
    if (queued >= options.maxQueued) throw new LimiterFullError("too many tasks waiting");
    queued += 1;
    // The slot is handed over by release(), so `running` never drops between two tasks.
    await new Promise<void>((resolve) => {
      const queue = waiting.get(key);
      if (queue) queue.push(resolve);
      else waiting.set(key, [resolve]);
    });
  }

  function release(): void {
    const next = waiting.entries().next();
    if (next.done) {
      running -= 1;
      return;
    }
    const [key, queue] = next.value;
    const resolve = queue.shift()!;
    waiting.delete(key);
    if (queue.length > 0) waiting.set(key, queue);
    queued -= 1;
    resolve();
  }

  return {
    async run(task, key = "") {
      await acquire(key);
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ running, queued }),
  };
}
