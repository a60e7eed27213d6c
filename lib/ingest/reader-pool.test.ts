// The reader pool starts no thread before the first file, lets its threads leave when idle (a server between
// uploads holds no reader isolate), and a file after that starts a thread again and is read as before —
// real worker threads reading a real seed report, compared with its verified truth.
import { expect, it } from "vitest";
import { countReaderThreads } from "./reader-pool";
import { seedReading, setReaderPoolEnv } from "@/tests/helpers/reader-pool-seed";

setReaderPoolEnv({ READER_IDLE_SECONDS: "1", READER_THREADS: "1" });
const readSeed = seedReading(0);

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
