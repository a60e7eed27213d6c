// How many reader threads uploads start (create-thread-gate.ts), with real threads reading a real seed report
// compared with its verified truth: files two at a time, which one thread reads faster than they come, stay
// on one thread (a second would compile the reader anew); a backlog that waits for it brings the second.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeReaderPool, countReaderThreads, readInWorker } from "./reader-pool";

interface Truth {
  file: string;
  year: number;
  agency: Record<string, string | null>;
  cells: Record<string, number | null>;
}

const FIXTURES = path.join(import.meta.dirname, "..", "reader", "fixtures");
const truth = (
  JSON.parse(readFileSync(path.join(FIXTURES, "seed-truth.json"), "utf8")) as { reports: Truth[] }
).reports[1]!;
const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, "seeds", truth.file)));

const saved = { threads: process.env.READER_THREADS, queue: process.env.READER_QUEUE_LIMIT };

beforeAll(() => {
  // Read when the pool is first built (by this file's first read); a queue that holds the whole backlog.
  process.env.READER_THREADS = "2";
  process.env.READER_QUEUE_LIMIT = "5000";
});

afterAll(async () => {
  await closeReaderPool();
  for (const [name, value] of [
    ["READER_THREADS", saved.threads],
    ["READER_QUEUE_LIMIT", saved.queue],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function readSeed(): Promise<void> {
  const result = await readInWorker(bytes, truth.file);
  if (!result.ok) throw new Error(`${truth.file}: ${result.error.code} ${result.error.message}`);
  expect(result.year).toBe(truth.year);
  expect(result.agency).toEqual(truth.agency);
  for (const [id, expected] of Object.entries(truth.cells))
    if (expected !== null) expect(result.cells[id], id).toBe(expected);
}

it("reads files that come two at a time on one thread while it keeps up", async () => {
  // The thread started by a file alone; then the second file of each pair waits for one reading of a few
  // milliseconds, far below GROW_AFTER_MS.
  await readSeed();
  expect(countReaderThreads()).toBe(1);
  for (let pair = 0; pair < 20; pair++) {
    await Promise.all([readSeed(), readSeed()]);
    expect(countReaderThreads()).toBe(1);
  }
}, 60_000);

it("starts the second thread when files wait for the first", async () => {
  // 2,000 files at once: the last would wait for 1,999 readings (≥ 1 ms each), beyond GROW_AFTER_MS.
  await Promise.all(Array.from({ length: 2000 }, () => readSeed()));
  expect(countReaderThreads()).toBe(2);
}, 60_000);
