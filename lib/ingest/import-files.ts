// Bulk import of files from disk (`npm run import`): the same pipeline and rules as an upload — size limit,
// duplicate check by sha256, the reader in the worker pool, then storage — but stored in batches through
// the bulk path (lib/ingest/store-in-bulk.ts). Reading (on every core) and storing (in the database) overlap:
// while one batch is written, the next is being read. Memory stays bounded: a few files in flight, at most
// two batches held. Every file gets a result, in the order files finish.
//   const summary = await importFiles({ db, paths, uploadedById, onResult });
import path from "node:path";
import { getPool, type Db } from "@/lib/db/create-client";
import { createDuplicateLookup } from "@/lib/ingest/find-duplicate";
import { hashBytes } from "@/lib/ingest/ingest-document";
import type { IngestOutcome } from "@/lib/ingest/ingest-types";
import { prepareDocument, type PreparedDocument } from "@/lib/ingest/prepare-document";
import { readLocalFile } from "@/lib/ingest/read-local-file";
import { readInWorker, readReaderPoolConfig, startReaderThreads } from "@/lib/ingest/reader-pool";
import { DeferredSummaries } from "@/lib/ingest/refresh-report-metrics";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import { describeTooLarge, readMaxUploadBytes } from "@/lib/ingest/upload-limits";
import { walkFiles } from "@/lib/ingest/walk-files";

export type ImportResult =
  | { path: string; ok: true; outcome: IngestOutcome }
  | { path: string; ok: false; error: { code: string; message: string } };

export interface ImportOptions {
  db: Db;
  paths: readonly string[];
  uploadedById: string | null;
  onResult: (result: ImportResult) => void;
  /** Documents per transaction (default 200); a batch is also closed at 64 MB of file bytes. */
  batchSize?: number;
  maxUploadBytes?: number;
}

const BATCH_BYTES = 64 * 1024 * 1024;

export async function importFiles(options: ImportOptions): Promise<void> {
  const { db, onResult } = options;
  const batchSize = options.batchSize ?? 200;
  const maxBytes = options.maxUploadBytes ?? readMaxUploadBytes();
  // Enough files in flight to keep every reader thread busy while results come back.
  const inFlight = readReaderPoolConfig().READER_THREADS * 4;
  let batch: { path: string; document: PreparedDocument }[] = [];
  let batchBytes = 0;
  let storing: Promise<void> = Promise.resolve();
  const reading = new Set<Promise<void>>();
  // The read model's summaries are recomputed behind the batches, not in them (DeferredSummaries).
  const summaries = await DeferredSummaries.start(getPool(db));
  // Every thread will be kept busy: all of them start now, not one by one as work queues up.
  await startReaderThreads();

  // Batches are written one at a time, in order; the file that closes a batch waits until it is written,
  // so reading never runs more than one batch ahead of the database.
  const flush = (): Promise<void> => {
    const ready = batch;
    batch = [];
    batchBytes = 0;
    storing = storing.then(async () => {
      const results = await storeInBulk(
        db,
        ready.map((item) => item.document),
        { summaries },
      );
      results.forEach((result, index) => {
        const file = ready[index]!.path;
        onResult(
          result.ok
            ? { path: file, ok: true, outcome: result.outcome }
            : { path: file, ok: false, error: result.error },
        );
      });
    });
    return storing;
  };

  const findDuplicate = createDuplicateLookup(getPool(db));
  const handle = async (file: string) => {
    const result = await readAndPrepare(file, {
      findDuplicate,
      maxBytes,
      uploadedById: options.uploadedById,
    });
    if ("document" in result) {
      batch.push({ path: file, document: result.document });
      batchBytes += result.document.size;
      if (batch.length >= batchSize || batchBytes >= BATCH_BYTES) await flush();
    } else onResult(result);
  };

  for await (const entry of walkFiles(options.paths)) {
    if (entry.error) {
      onResult({ path: entry.path, ok: false, error: { code: "FILE_UNREADABLE", message: entry.error } });
      continue;
    }
    const task = handle(entry.path).finally(() => reading.delete(task));
    reading.add(task);
    if (reading.size >= inFlight) await Promise.race(reading);
  }
  await Promise.all(reading);
  if (batch.length > 0) await flush();
  await storing;
  await summaries.finish();
}

async function readAndPrepare(
  file: string,
  {
    findDuplicate,
    maxBytes,
    uploadedById,
  }: {
    findDuplicate: (sha256: string) => Promise<IngestOutcome | null>;
    maxBytes: number;
    uploadedById: string | null;
  },
): Promise<ImportResult | { document: PreparedDocument }> {
  const fileName = path.basename(file);
  const read = readLocalFile(file, maxBytes);
  if ("unreadable" in read)
    return { path: file, ok: false, error: { code: "FILE_UNREADABLE", message: "文件无法读取" } };
  if ("tooLarge" in read)
    return {
      path: file,
      ok: false,
      error: { code: "TOO_LARGE", message: describeTooLarge(read.tooLarge, maxBytes) },
    };
  const { bytes } = read;
  const sha256 = hashBytes(bytes);
  const duplicate = await findDuplicate(sha256);
  if (duplicate) return { path: file, ok: true, outcome: duplicate };
  const reading = await readInWorker(bytes, fileName);
  return { document: prepareDocument({ bytes, fileName, uploadedById }, reading, sha256) };
}
