// A reader thread of the pool in lib/ingest/reader-pool.ts: reads one file per task. The reader is pure and
// CPU-bound (40 ms to seconds per PDF), so it runs here, never on the thread that serves pages. `locate`
// finds where each cell was printed, for the review page (lib/reader/locate).
import { locateCells } from "@/lib/reader/locate/locate-cells";
import type { SourcePositions } from "@/lib/reader/locate/source-positions";
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult, TemplateVersion } from "@/lib/reader/types";

export default function read(task: {
  bytes: Uint8Array;
  fileName: string;
  template?: TemplateVersion;
}): Promise<ReadResult> {
  return readReport(task.bytes, task.fileName, { template: task.template });
}

/** Where each cell was printed (review pages): the same reading, with positions. */
export function locate(task: {
  bytes: Uint8Array;
  fileName: string;
  template?: TemplateVersion;
}): Promise<SourcePositions | null> {
  return locateCells(task.bytes, task.fileName, { template: task.template });
}
