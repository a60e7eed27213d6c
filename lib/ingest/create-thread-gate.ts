// How many reader threads the upload path may keep busy: one, until files wait for it. Each thread compiles
// the whole reader anew (V8's JIT: a thread's first few hundred files cost 2–3 ms each, against ≈ 0.74 warm),
// so a second thread started the moment two uploads overlap doubled that warm-up for a burst that one thread
// serves with room to spare (a 3 KB text file in 1–3 ms; 100 uploads/s keep it busy a fifth of the time).
// A file that waits GROW_AFTER_MS (1 s) for a thread shows it cannot keep up: from then on all threads may work,
// until no file has waited that long for the threads' idle time. A thread that is still starting (the pool
// had none) makes files wait without being slow: they get START_GRACE_MS more before they count.
//   const gate = createThreadGate({ maxThreads: 2, queueLimit: 512, keepGrownMs: 60_000,
//                                   threadsRunning: () => pool.threads.length });
//   const reading = await gate.run(() => pool.run(task), signal);
// The gate holds the waiting files itself (bounded: a full queue is ThreadGateFullError, answered BUSY), so
// the pool below never queues — which is what makes piscina start a thread.

/** A waiting file that counts as "the thread cannot keep up": a second, not less — on a busy machine the
 * one thread's first readings (cold code, a share of a core) made files wait 250 ms with 3 in flight, where
 * a second thread only competes for the same cores. A backlog of PDFs (seconds each) still grows at once. */
export const GROW_AFTER_MS = 1_000;
/** Extra wait allowed while the only thread is starting: loading the reader takes 1–3 s, and up to 9 s was
 * seen on this 2-core machine at load 7–9 — a second thread started meanwhile only slows both down. A first
 * file that hangs holds the others no longer than this before a second thread takes them. */
export const START_GRACE_MS = 30_000;

export class ThreadGateFullError extends Error {
  constructor() {
    super("Reader queue is at limit");
    this.name = "ThreadGateFullError";
  }
}

interface Waiting {
  since: number;
  admit: () => void;
}

export interface ThreadGate {
  run<T>(start: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** All threads from now on (a bulk import, which starts them all). */
  openAll(): void;
  /** Threads that may work now. */
  allowed(): number;
}

export function createThreadGate(options: {
  maxThreads: number;
  queueLimit: number;
  /** How long the gate stays open to all threads after a file last waited too long. */
  keepGrownMs: number;
  /** The pool's live threads: none means the next file starts one. */
  threadsRunning: () => number;
  now?: () => number;
}): ThreadGate {
  const now = options.now ?? (() => performance.now());
  const waiting: Waiting[] = [];
  let running = 0;
  let grownUntil = -Infinity;
  let openForever = false;
  let startingSince: number | null = null;
  let timer: NodeJS.Timeout | null = null;

  const allowed = () =>
    openForever || now() < grownUntil ? options.maxThreads : Math.min(1, options.maxThreads);

  const patience = () => GROW_AFTER_MS + (startingSince === null ? 0 : START_GRACE_MS);

  function grow(): void {
    grownUntil = now() + options.keepGrownMs;
    admit();
  }

  function admit(): void {
    while (waiting.length > 0 && running < allowed()) {
      const next = waiting.shift()!;
      if (now() - next.since >= patience()) grownUntil = now() + options.keepGrownMs;
      // Counted now: the task itself resumes only after this loop.
      running++;
      next.admit();
    }
    armTimer();
  }

  // One timer, for the file waiting longest: when it has waited its patience, the threads cannot keep up.
  function armTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const head = waiting[0];
    if (!head || allowed() >= options.maxThreads) return;
    timer = setTimeout(
      () => {
        timer = null;
        if (waiting[0] === head && now() - head.since >= patience()) grow();
        else armTimer();
      },
      Math.max(1, head.since + patience() - now()),
    );
    timer.unref();
  }

  async function run<T>(start: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (running >= allowed() || waiting.length > 0) await wait(signal);
    else running++;
    if (options.threadsRunning() === 0) startingSince = now();
    try {
      return await start();
    } finally {
      running--;
      // The next task is admitted before the grace ends: it waited for the thread's start too.
      admit();
      if (startingSince !== null) {
        // The thread answered (or failed): it is no longer starting, and the files still waiting start
        // counting from now — their wait so far was the start's.
        startingSince = null;
        for (const entry of waiting) entry.since = Math.max(entry.since, now());
        armTimer();
      }
    }
  }

  function wait(signal?: AbortSignal): Promise<void> {
    if (waiting.length >= options.queueLimit) return Promise.reject(new ThreadGateFullError());
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const entry: Waiting = {
        since: now(),
        admit: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      // Timed out while waiting: leave the queue, answered as the pool answers a task it aborted.
      const onAbort = () => {
        const index = waiting.indexOf(entry);
        if (index < 0) return;
        waiting.splice(index, 1);
        armTimer();
        reject(abortError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      waiting.push(entry);
      armTimer();
    });
  }

  return {
    run,
    openAll() {
      openForever = true;
      admit();
    },
    allowed,
  };
}

/** As piscina rejects a task whose signal aborted (readInWorker answers it as a time-out). */
function abortError(): Error {
  const error = new Error("The task has been aborted");
  error.name = "AbortError";
  return error;
}
