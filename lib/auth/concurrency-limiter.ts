// At most `concurrency` tasks at once, at most `maxQueued` more waiting (first come, first served); one
// more is refused at once with LimiterFullError rather than queued without bound. For argon2id: a burst of
// guesses must not make an honest login wait behind thousands of hashes.

export class LimiterFullError extends Error {
  override name = "LimiterFullError";
}

export type ConcurrencyLimiter = {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Running and waiting tasks, for tests and probes. */
  load(): { running: number; queued: number };
};

export function createConcurrencyLimiter(options: {
  concurrency: number;
  maxQueued: number;
}): ConcurrencyLimiter {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function acquire(): Promise<void> {
    if (running < options.concurrency) {
      running += 1;
      return;
    }
    if (waiting.length >= options.maxQueued) throw new LimiterFullError("too many tasks waiting");
    // The slot is handed over by release(), so `running` never drops between two tasks.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ running, queued: waiting.length }),
  };
}
