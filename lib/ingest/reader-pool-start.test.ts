// startReaderThreads (every bulk import calls it) with a real reader thread: it waits for the thread to load
// the reader and reads no file — also when the thread runs already, warm, as for a second import in one
// process. An empty file read there took the reader's failure path in its optimised code: readReport and
// extractByType deoptimised and were compiled again in each thread while the import ran (BENCHMARKS.md
// "import18").
import { expect, it } from "vitest";
import { countFilesReadInThread, countReaderThreads, startReaderThreads } from "./reader-pool";
import { seedReading, setReaderPoolEnv } from "@/tests/helpers/reader-pool-seed";

setReaderPoolEnv({ READER_THREADS: "1" });
const readSeed = seedReading(0);

it("starts the reader threads without reading a file, also when they run already", async () => {
  await startReaderThreads();
  expect(countReaderThreads()).toBe(1);
  expect(await countFilesReadInThread()).toBe(0);
  await readSeed();
  expect(await countFilesReadInThread()).toBe(1);
  await startReaderThreads();
  expect(await countFilesReadInThread()).toBe(1);
  await readSeed();
  expect(await countFilesReadInThread()).toBe(2);
}, 60_000);
