// How many reader threads uploads start (create-thread-gate.ts), with real threads reading a real seed report
// compared with its verified truth: files two at a time, which one thread reads faster than they come, stay
// on one thread (a second would compile the reader anew); a backlog that waits for it brings the second.
import { expect, it } from "vitest";
import { countReaderThreads } from "./reader-pool";
import { seedReading, setReaderPoolEnv } from "@/tests/helpers/reader-pool-seed";

// Read when the pool is first built (by this file's first read); a queue that holds the whole backlog.
setReaderPoolEnv({ READER_THREADS: "2", READER_QUEUE_LIMIT: "5000" });
const readSeed = seedReading(1);

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
