// A reader thread of the pool in lib/ingest/reader-pool.ts: reads one file per task. The reader is pure and
// CPU-bound (40 ms to seconds per PDF), so it runs here, never on the thread that serves pages.
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult } from "@/lib/reader/types";

export default function read(task: { bytes: Uint8Array; fileName: string }): Promise<ReadResult> {
  return readReport(task.bytes, task.fileName);
}
