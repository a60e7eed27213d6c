// A reader thread of the pool in lib/ingest/reader-pool.ts: reads one file per task. The reader is pure and
// CPU-bound (40 ms to seconds per PDF), so it runs here, never on the thread that serves pages. `locate`
// finds where each cell was printed, for the review page (lib/reader/locate); `prepare` also prepares the
// document for the bulk path here, off the import's main thread (prepare-in-thread.ts).
import { Piscina } from "piscina";
import { prepareAndPackDocument, transferOf, type PreparedInThread } from "@/lib/ingest/prepare-in-thread";
import { locateCells } from "@/lib/reader/locate/locate-cells";
import type { SourcePositions } from "@/lib/reader/locate/source-positions";
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult, TemplateVersion } from "@/lib/reader/types";

// Files this thread has read (each `read` and `prepare`), for filesRead.
let filesRead = 0;

export default function read(task: {
  bytes: Uint8Array;
  fileName: string;
  template?: TemplateVersion;
}): Promise<ReadResult> {
  filesRead += 1;
  return readReport(task.bytes, task.fileName, { template: task.template });
}

/** Answers once the thread has loaded the reader, reading nothing (startReaderThreads). */
export function ready(): boolean {
  return true;
}

/** How many files this thread has read (countFilesReadInThread). */
export function countFilesRead(): number {
  return filesRead;
}

/** Where each cell was printed (review pages): the same reading, with positions. */
export function locate(task: {
  bytes: Uint8Array;
  fileName: string;
  template?: TemplateVersion;
}): Promise<SourcePositions | null> {
  return locateCells(task.bytes, task.fileName, { template: task.template });
}

/** Reads and prepares one file of an import (prepareInWorker): the packed document, or the reading should
 * preparing it throw (a reader bug, which the main thread then raises as it always did). */
export async function prepare(task: {
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  uploadedById: string | null;
}): Promise<PreparedInThread> {
  filesRead += 1;
  const reading = await readReport(task.bytes, task.fileName);
  try {
    return { packed: prepareAndPackDocument(task, reading, task.sha256) };
  } catch {
    return { reading };
  }
}

/**
 * Several files of an import in one task (prepareInWorker groups them), one after the other. The answers'
 * buffers are moved to the main thread, not copied.
 */
export async function prepareMany(task: {
  files: { bytes: Uint8Array; fileName: string; sha256: string; uploadedById: string | null }[];
}): Promise<PreparedInThread[]> {
  const answers: PreparedInThread[] = [];
  for (const file of task.files) answers.push(await prepare(file));
  // Piscina's way to answer with a transfer list: a "movable" value.
  const movable = { [Piscina.transferableSymbol]: transferOf(answers), [Piscina.valueSymbol]: answers };
  return Piscina.move(
    movable as unknown as Parameters<typeof Piscina.move>[0],
  ) as unknown as PreparedInThread[];
}
