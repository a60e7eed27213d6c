// The reader pool starts no thread before the first file, lets its threads leave when idle (a server between
// uploads holds no reader isolate), and a file after that starts a thread again and is read as before —
// real worker threads reading a real seed report, compared with its verified truth.
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
).reports[0]!;
const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, "seeds", truth.file)));

const saved = { idle: process.env.READER_IDLE_SECONDS, threads: process.env.READER_THREADS };

beforeAll(() => {
  // Read when the pool is first built (by this file's first read).
  process.env.READER_IDLE_SECONDS = "1";
  process.env.READER_THREADS = "1";
});

afterAll(async () => {
  await closeReaderPool();
  for (const [name, value] of [
    ["READER_IDLE_SECONDS", saved.idle],
    ["READER_THREADS", saved.threads],
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

async function waitForThreads(count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (countReaderThreads() !== count) {
    if (Date.now() > deadline) throw new Error(`${countReaderThreads()} reader threads, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it("starts a reader thread on the first file, lets it leave when idle, and reads again after", async () => {
  expect(countReaderThreads()).toBe(0);
  await readSeed();
  expect(countReaderThreads()).toBe(1);
  await waitForThreads(0, 15_000);
  await readSeed();
  expect(countReaderThreads()).toBe(1);
}, 60_000);
