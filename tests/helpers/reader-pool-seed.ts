// For tests of the reader pool with real threads: the pool's settings for one test file (read when the pool
// is first built, by that file's first read; restored and the pool closed after it), and a real seed report
// read in a thread and compared with its verified truth.
//   setReaderPoolEnv({ READER_THREADS: "2" });
//   const readSeed = seedReading(1);   await readSeed();
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { closeReaderPool, readInWorker } from "@/lib/ingest/reader-pool";
import { TRUTH_REPORTS } from "@/tests/helpers/read-result-factory";

const SEEDS = path.join(process.cwd(), "lib", "reader", "fixtures", "seeds");

export function setReaderPoolEnv(values: Record<string, string>): void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  beforeAll(() => {
    Object.assign(process.env, values);
  });
  afterAll(async () => {
    await closeReaderPool();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

/** Reads seed report `index` (seed-truth.json's order) in a reader thread and checks it against its truth. */
export function seedReading(index: number): () => Promise<void> {
  const truth = TRUTH_REPORTS[index]!;
  const bytes = new Uint8Array(readFileSync(path.join(SEEDS, truth.file)));
  return async () => {
    const result = await readInWorker(bytes, truth.file);
    if (!result.ok) throw new Error(`${truth.file}: ${result.error.code} ${result.error.message}`);
    expect(result.year).toBe(truth.year);
    expect(result.agency).toEqual(truth.agency);
    for (const [id, expected] of Object.entries(truth.cells))
      if (expected !== null) expect(result.cells[id], id).toBe(expected);
  };
}
