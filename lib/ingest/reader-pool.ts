// Reading off the request thread: a pool of worker threads (piscina), as many as the machine has cores
// (READER_THREADS), with a bounded queue (READER_QUEUE_LIMIT; a full queue answers BUSY, 503, rather than
// holding uploads in memory without end). Each file has a time limit and each thread a memory limit: a file
// that hangs or exhausts memory costs its own thread and becomes a rejected reading, never the server.
// Threads start with the first file to read, not with the server, and each leaves after READER_IDLE_SECONDS
// without work: a thread is a V8 isolate with the reader loaded, ~50–80 MB resident in the app server, and
// a server that reads a few uploads a day should not carry it between them (the next file pays ~1 s to
// start one again). Uploads keep one thread busy until files wait for it (create-thread-gate.ts: each
// thread compiles the reader anew); a bulk import starts all of them and keeps them until it closes the pool.
//   const result = await readInWorker(bytes, fileName);
// Threads load the reader from a bundle (scripts/source-bundle.mjs: reader-worker.ts and what it imports as
// one ES module, built on first use and whenever a source changes; `npm run build` builds it ahead), not the
// TypeScript through tsx, which compiles each module to CommonJS as the thread loads it and reaches every
// imported function through an exports getter until V8 has optimised the caller: a thread starts on ~0.45 s
// less CPU and its first few hundred files cost less; warm, the same (BENCHMARKS.md "bundle16"). Should the
// bundle not build or not load, threads load the TypeScript through tsx instead, loudly; should no thread
// start at all (a broken install), reading falls back to this thread once, loudly, so uploads go on.
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import { Piscina } from "piscina";
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { createThreadGate, ThreadGateFullError, type ThreadGate } from "@/lib/ingest/create-thread-gate";
import type { EnvRecord } from "@/lib/db/database-url";
import { prepareDocument, type PreparedDocument } from "@/lib/ingest/prepare-document";
import { unpackPreparedDocument, type PreparedInThread } from "@/lib/ingest/prepare-in-thread";
import { locateCells } from "@/lib/reader/locate/locate-cells";
import type { SourcePositions } from "@/lib/reader/locate/source-positions";
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult, TemplateVersion } from "@/lib/reader/types";

// From the working directory, not from this module: in the app server this module is part of Next's own
// bundles, and the builder (plain JavaScript, which loads esbuild) must stay out of them.
const WORKER_FILE = path.join(process.cwd(), "lib", "ingest", "reader-worker.ts");
const BUNDLE_BUILDER = path.join(process.cwd(), "scripts", "source-bundle.mjs");

const readerEnvSchema = z.object({
  READER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  READER_QUEUE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(512),
  READER_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  READER_MEMORY_MB: z.coerce.number().int().min(256).max(16_384).default(2048),
  READER_IDLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

export type ReaderPoolConfig = z.infer<typeof readerEnvSchema> & { READER_THREADS: number };

export function readReaderPoolConfig(env: EnvRecord = process.env): ReaderPoolConfig {
  const parsed = readerEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid reader pool configuration: ${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, READER_THREADS: parsed.data.READER_THREADS ?? os.availableParallelism() };
}

// V8's young generation per reader thread (two semi-spaces and the new large-object space, so a third of it
// is one semi-space): 96 MB, where a worker's default is 48 (semi-spaces of 16 MB). A text file leaves a few
// hundred KB of garbage, and a thread holds a whole task of files and their answers while it works: with
// 16 MB semi-spaces the scavenges came every few dozen files, each copying what was live, promoting the
// task's objects to the old generation to be marked and compacted later. At 96 MB a reader thread scavenges
// about half as often (26/25 → 15/13 times over a 2,000-file import) and the reading side's CPU per text file
// through the pool fell 0.91 → 0.74 ms (medians of 7 pairs, `bench:reader-warmup --pool`), resident memory
// no higher: less is promoted (BENCHMARKS.md "import11"). V8 grows the semi-spaces only as a thread
// allocates, so a thread that reads a few uploads stays small.
const READER_YOUNG_GENERATION_MB = 96;

/** The pool, its gate, and whether its threads run the bundle (else the TypeScript through tsx). */
interface Readers {
  pool: Piscina;
  gate: ThreadGate;
  bundled: boolean;
  /** Its threads could not load the bundle: destroyed, replaced by a pool of tsx threads. */
  abandoned: boolean;
}

/** What a thread loads: the worker module, and the thread's Node options. */
interface WorkerModule {
  filename: string;
  execArgv: string[];
}

const TSX_WORKER: WorkerModule = { filename: pathToFileURL(WORKER_FILE).href, execArgv: ["--import", "tsx"] };

let readers: Promise<Readers> | null = null;
/** `readers` once it has resolved (the number of threads running is asked synchronously). */
let started: Readers | null = null;
let config: ReaderPoolConfig | null = null;
let inThread = false;
/** The bundle failed to build or to load in this process: threads run the TypeScript through tsx. */
let tsxOnly = false;
/** A bulk import asked for every thread (startReaderThreads): a pool made again keeps them too. */
let allThreadsWanted = false;

/** `allThreadsWanted`: start every thread with the pool and keep them (a bulk import); otherwise each on
 * demand, leaving again when idle. The first call finds (or builds) the bundle; later calls share it. */
async function getReaders(): Promise<Readers> {
  for (;;) {
    const current = readers ?? startReaders();
    const made = await current;
    if (!made.abandoned) return made;
    if (readers === current) readers = null; // a pool of tsx threads next
  }
}

function startReaders(): Promise<Readers> {
  config ??= readReaderPoolConfig();
  const starting = createPool(config, allThreadsWanted);
  readers = starting;
  starting.then(
    (made) => {
      if (readers === starting) started = made;
    },
    () => {
      if (readers === starting) readers = null; // tried again by the next file
    },
  );
  return starting;
}

/** The bundle, built now if a source changed; tsx (said loudly) when it cannot be built here. */
async function findWorkerModule(): Promise<WorkerModule> {
  if (tsxOnly) return TSX_WORKER;
  try {
    const url = pathToFileURL(BUNDLE_BUILDER).href;
    const builder = (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ url
    )) as typeof import("@/scripts/source-bundle.mjs");
    const { file } = await builder.ensureReaderWorkerBundle();
    // No tsx in the thread: the bundle is JavaScript, and so is every package it imports.
    return { filename: pathToFileURL(file).href, execArgv: [] };
  } catch (error) {
    console.error("[reader] no bundle of the reader thread; threads load the TypeScript through tsx:", error);
    tsxOnly = true;
    return TSX_WORKER;
  }
}

async function createPool(config: ReaderPoolConfig, allThreads: boolean): Promise<Readers> {
  const worker = await findWorkerModule();
  const pool = new Piscina({
    ...worker,
    minThreads: allThreads ? config.READER_THREADS : 0,
    maxThreads: config.READER_THREADS,
    maxQueue: config.READER_QUEUE_LIMIT,
    idleTimeout: config.READER_IDLE_SECONDS * 1000,
    resourceLimits: {
      maxOldGenerationSizeMb: config.READER_MEMORY_MB,
      maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB,
    },
    // Tasks reach a thread by its message port alone, not also through a shared counter the thread waits
    // on with Atomics (piscina's default): measured, ~0.1–0.2 ms of CPU less per file read, with nothing
    // lost — a reader thread has nothing else to do between files.
    atomics: "disabled",
  });
  const gate = createThreadGate({
    maxThreads: config.READER_THREADS,
    queueLimit: config.READER_QUEUE_LIMIT,
    keepGrownMs: config.READER_IDLE_SECONDS * 1000,
    threadsRunning: () => pool.threads.length,
  });
  if (allThreads) gate.openAll();
  const made: Readers = { pool, gate, bundled: worker !== TSX_WORKER, abandoned: false };
  // A thread that fails outside a task failed to start: piscina then starts no other, and files would wait
  // for their time limit (and an 'error' nobody listens to ends the process). For the bundle's threads, that
  // is a bundle that does not load.
  if (made.bundled) pool.on("error", (error: unknown) => fallBackToTsx(made, error));
  return made;
}

/**
 * Threads of the bundle that cannot start (a bundle that does not load): from now on a pool of threads that
 * load the TypeScript through tsx, said loudly. True when the file should be tried again in that pool (also
 * when another file already made the switch).
 */
function fallBackToTsx(failed: Readers, error: unknown): boolean {
  if (!failed.bundled) return false;
  if (!failed.abandoned) {
    console.error(
      "[reader] reader threads cannot load the bundle; loading the TypeScript through tsx:",
      error,
    );
    failed.abandoned = true;
    tsxOnly = true;
    if (started === failed) started = null;
    // Files waiting in it fail, and are tried again in the pool of tsx threads (answerFailedRun).
    void failed.pool.destroy();
  }
  return true;
}

/** A task through the gate (one thread until files wait for it), then the pool. */
function runTask<T>(
  { pool, gate }: Readers,
  task: unknown,
  options: { name?: string; signal?: AbortSignal; transferList?: ArrayBuffer[] } = {},
): Promise<T> {
  return gate.run(() => pool.run(task, options) as Promise<T>, options.signal);
}

function isQueueFull(error: unknown): boolean {
  return (
    error instanceof ThreadGateFullError ||
    (error instanceof Error && /queue is at limit/i.test(error.message))
  );
}

/** `template`: read the tables as this template version (staff corrected a misdetected one). */
export async function readInWorker(
  bytes: Uint8Array,
  fileName: string,
  options: { template?: TemplateVersion } = {},
): Promise<ReadResult> {
  if (inThread) return readInThisThread(bytes, fileName, options);
  const current = await getReaders();
  const timeoutMs = config!.READER_TIMEOUT_SECONDS * 1000;
  // A copy of the bytes is moved to the thread, not cloned into the message (as prepareGroup's): the bytes
  // stay here for the Document row and for a failed reading.
  const copy = bytes.slice();
  try {
    return await runTask<ReadResult>(
      current,
      { bytes: copy, fileName, template: options.template },
      { signal: AbortSignal.timeout(timeoutMs), transferList: [copy.buffer] },
    );
  } catch (error) {
    return answerFailedRun(current, error, bytes, fileName, options);
  }
}

/** The pool's threads cannot start. An abandoned pool is not asked: its threads failed to, and it starts no other. */
async function threadsFailed(current: Readers): Promise<boolean> {
  return current.abandoned || (await threadsCannotStart(current.pool));
}

/** The reading of a file whose task failed: busy, timed out, threads that cannot start, a broken thread. */
async function answerFailedRun(
  current: Readers,
  error: unknown,
  bytes: Uint8Array,
  fileName: string,
  options: { template?: TemplateVersion },
): Promise<ReadResult> {
  if (isQueueFull(error)) throw new AppError("BUSY");
  if (error instanceof Error && error.name === "AbortError")
    return failedReading("读取超时（文件可能过大或过于复杂），文件已保存，请联系管理员。");
  if (await threadsFailed(current)) {
    if (fallBackToTsx(current, error)) return readInWorker(bytes, fileName, options);
    console.error("[reader] worker threads cannot start; reading on the main thread from now on:", error);
    inThread = true;
    return readInThisThread(bytes, fileName, options);
  }
  console.error(`[reader] reading ${JSON.stringify(fileName)} failed in its thread:`, error);
  return failedReading("读取文件时发生意外错误（可能超出内存限制），文件已保存，请联系管理员。");
}

/**
 * readInWorker and prepareDocument for a file of an import, both in a reader thread (prepare-in-thread.ts):
 * the main thread gets the prepared document back, the same as prepareDocument(input, readInWorker(…))
 * would give it, for a fraction of its own time. Files asked for together go to a thread as one task of up
 * to PREPARE_GROUP files (a task's hand-over, wake-up and answer cost the main thread about as much as
 * taking in a file's result did). Failures are answered as readInWorker answers them; a group that fails
 * or times out is tried again file by file, so a file that breaks a thread is answered alone.
 */
export function prepareInWorker(input: PrepareInput): Promise<PreparedDocument> {
  if (inThread) return prepareOnMain(input, readInThisThread(input.bytes, input.fileName, {}));
  return new Promise((resolve, reject) => {
    group.push({ input, resolve, reject });
    if (group.length >= PREPARE_GROUP) sendGroup();
    else if (!groupScheduled) {
      groupScheduled = true;
      setImmediate(sendGroup);
    }
  });
}

interface PrepareInput {
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  uploadedById: string | null;
}

interface PendingFile {
  input: PrepareInput;
  resolve: (document: PreparedDocument) => void;
  reject: (error: unknown) => void;
}

// Files per task. A task costs the main thread a fixed part (piscina's hand-over, the answer's message, a
// time limit) whatever it carries: groups of 16 against 4 cut the import's main-thread CPU per file by about
// a third (bench:ingest-cpu --path import --warm, BENCHMARKS.md "import8").
export const PREPARE_GROUP = 16;
let group: PendingFile[] = [];
let groupScheduled = false;

function sendGroup(): void {
  groupScheduled = false;
  const files = group;
  group = [];
  // Whatever goes wrong before a file is answered (no pool at all) is each file's answer.
  if (files.length > 0)
    prepareGroup(files).catch((error: unknown) => files.forEach((file) => file.reject(error)));
}

async function prepareGroup(files: readonly PendingFile[]): Promise<void> {
  const current = await getReaders();
  // Copies of the bytes are moved to the thread, not cloned: cloning a typed array into a message cost
  // ~30 µs per 3 KB file (~150 µs per 30 KB) on this thread, a copy and a move ~4 µs. The bytes stay
  // here for the Document row, and for a failed reading.
  const copies = files.map((file) => file.input.bytes.slice());
  let answers: PreparedInThread[];
  try {
    answers = await runTask<PreparedInThread[]>(
      current,
      { files: files.map((file, index) => ({ ...file.input, bytes: copies[index] })) },
      {
        name: "prepareMany",
        signal: AbortSignal.timeout(config!.READER_TIMEOUT_SECONDS * 1000 * files.length),
        transferList: copies.map((copy) => copy.buffer),
      },
    );
  } catch (error) {
    if (files.length > 1 && !isQueueFull(error)) {
      await Promise.all(files.map((file) => prepareGroup([file])));
      return;
    }
    for (const { input, resolve, reject } of files)
      answerFailedRun(current, error, input.bytes, input.fileName, {})
        .then((reading) => prepareOnMain(input, reading))
        .then(resolve, reject);
    return;
  }
  files.forEach(({ input, resolve, reject }, index) => {
    const answer = answers[index]!;
    if ("packed" in answer) resolve(unpackPreparedDocument(answer.packed, input.bytes));
    else prepareOnMain(input, answer.reading).then(resolve, reject);
  });
}

async function prepareOnMain(
  { bytes, fileName, sha256, uploadedById }: PrepareInput,
  reading: ReadResult | Promise<ReadResult>,
): Promise<PreparedDocument> {
  return prepareDocument({ bytes, fileName, uploadedById }, await reading, sha256);
}

/**
 * Where each cell of a stored document was printed, read in a reader thread (the review page asks on demand;
 * positions are never stored). Null when the document cannot be read or located in time.
 */
export async function locateInWorker(
  bytes: Uint8Array,
  fileName: string,
  options: { template?: TemplateVersion } = {},
): Promise<SourcePositions | null> {
  if (inThread) return locateCells(bytes, fileName, options).catch(() => null);
  const current = await getReaders();
  try {
    return await runTask<SourcePositions | null>(
      current,
      { bytes, fileName, template: options.template },
      { name: "locate", signal: AbortSignal.timeout(config!.READER_TIMEOUT_SECONDS * 1000) },
    );
  } catch (error) {
    if (isQueueFull(error)) throw new AppError("BUSY");
    const timedOut = error instanceof Error && error.name === "AbortError";
    if (!timedOut && (await threadsFailed(current)) && fallBackToTsx(current, error))
      return locateInWorker(bytes, fileName, options);
    return null;
  }
}

/**
 * Starts every reader thread now and waits until each has loaded the reader (a thread otherwise starts only
 * when work queues up, and loading it takes a second or more): for a bulk import, which keeps them all busy,
 * and for benchmarks, which exclude start-up. Called before any other reading, the pool is made with all its
 * threads; one empty task per thread, all at once, then lands on each thread (one task per thread at a time)
 * and comes back once that thread has loaded the reader.
 *
 * The task reads nothing (reader-worker.ts's `ready`). It used to be an empty file: on threads already warm
 * (a second import in one process — bench:ingest's and bench:ingest-cpu's warm import) that one reading
 * took the reader's failure path in optimised code, and both threads deoptimised readReport (a "wrong map":
 * the failed reading's shape) and extractByType, then compiled them and what they inline again, each in
 * each thread, while the import ran — V8's compiler threads busy, the reading unoptimised meanwhile.
 */
export async function startReaderThreads(): Promise<void> {
  if (inThread) return;
  allThreadsWanted = true;
  const current = await getReaders();
  current.gate.openAll();
  await Promise.all(
    Array.from({ length: config!.READER_THREADS }, () =>
      runTask(current, null, { name: "ready" }).catch(() => undefined),
    ),
  );
}

/** Files read so far by the reader thread that takes this task (with one thread, that thread's). */
export async function countFilesReadInThread(): Promise<number> {
  return runTask<number>(await getReaders(), null, { name: "countFilesRead" });
}

// V8 optimises a function once it has run this many bytes of its bytecode (default 66 KB), and again waits
// 500 calls after any change of its type feedback. The reader's big functions run once per file
// (readDocument, buildItems, readTableTwo…): by default they were still being optimised, and run
// unoptimised, 2,000–3,000 files into a thread's life, with V8's compiler threads busy all along. At 16 KB
// a reader thread's CPU per text file (compiler and GC threads included) settles by its ~750th file,
// ≈ 0.2–0.3 ms below the default's; its first 250 files cost ≈ 0.5–0.65 ms more each (more compiled
// sooner); break-even ≈ 1,000–1,250 files per thread (`npm run bench:reader-warmup`, BENCHMARKS.md
// "import10"). A national year is ~150,000 files.
const BULK_INTERRUPT_BUDGET = 16 * 1024;

/**
 * For a bulk import only (importFiles): V8's flags are the process's, read by every isolate each time a
 * function's budget runs out, so the reader threads (started or not) and this thread all tier up sooner
 * from now on. Not for the app server, whose threads read a few files and leave.
 */
export function tierUpSooner(): void {
  v8.setFlagsFromString(`--interrupt-budget=${BULK_INTERRUPT_BUDGET}`);
}

/** Threads that fail on an empty text file too are not working at all (vs. one file that broke its thread). */
async function threadsCannotStart(readers: Piscina): Promise<boolean> {
  try {
    await readers.run({ bytes: new Uint8Array(), fileName: "probe.txt" });
    return false;
  } catch {
    return true;
  }
}

/** The reader promises not to throw; if it ever does, the file is still kept, as unreadable. */
async function readInThisThread(
  bytes: Uint8Array,
  fileName: string,
  options: { template?: TemplateVersion },
): Promise<ReadResult> {
  try {
    return await readReport(bytes, fileName, options);
  } catch {
    return failedReading("读取文件时发生意外错误，文件已保存，请联系管理员。");
  }
}

function failedReading(message: string): ReadResult {
  return { ok: false, error: { code: "CORRUPT_FILE", message }, mediaType: null };
}

/** Reader threads running now (0 before the first file and after they all left when idle). */
export function countReaderThreads(): number {
  return started?.pool.threads.length ?? 0;
}

/** What the reader threads load: the bundle, the TypeScript through tsx, or nothing yet (no file read). */
export function readerThreadModule(): "bundle" | "tsx" | null {
  if (started === null) return null;
  return started.bundled ? "bundle" : "tsx";
}

/** Stops the threads (command-line tools call this before they exit). */
export async function closeReaderPool(): Promise<void> {
  const closing = readers;
  readers = null;
  started = null;
  allThreadsWanted = false;
  const closed = await closing?.catch(() => null);
  await closed?.pool.destroy();
}
