// Bulk import of files from disk (`npm run import`): the same pipeline and rules as an upload — size limit,
// duplicate check by sha256, the reader in the worker pool, then storage — but stored in batches through
// the bulk path (lib/ingest/bulk-writer.ts). Reading (on every core) and storing (in the database) overlap:
// while batches are written, the next is being read — and prepared, in the reader threads. Memory stays
// bounded: a few files in flight, at most three batches held. Every file gets a result, in the order files
// finish.
//   const summary = await importFiles({ db, paths, uploadedById, onResult });
import path from "node:path";
import { getPool, type Db } from "@/lib/db/create-client";
import { BulkWriter } from "@/lib/ingest/bulk-writer";
import { createDuplicateLookup } from "@/lib/ingest/find-duplicate";
import { hashBytes } from "@/lib/ingest/ingest-document";
import type { IngestOutcome } from "@/lib/ingest/ingest-types";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { readLocalFile } from "@/lib/ingest/read-local-file";
import {
  PREPARE_GROUP,
  prepareInWorker,
  readReaderPoolConfig,
  startReaderThreads,
  tierUpSooner,
} from "@/lib/ingest/reader-pool";
import { describeTooLarge, readMaxUploadBytes } from "@/lib/ingest/upload-limits";
import { countFiles, walkFiles } from "@/lib/ingest/walk-files";

export type ImportResult =
  | { path: string; ok: true; outcome: IngestOutcome }
  | { path: string; ok: false; error: { code: string; message: string } };

export interface ImportOptions {
  db: Db;
  paths: readonly string[];
  uploadedById: string | null;
  onResult: (result: ImportResult) => void;
  /** Documents per transaction (default IMPORT_BATCH_SIZE); a batch also closes at 64 MB of file bytes. */
  batchSize?: number;
  maxUploadBytes?: number;
  /** The entries under `paths` if the caller has walked them already (`npm run import`'s progress bar): not walked again. */
  fileCount?: number;
}

const BATCH_BYTES = 64 * 1024 * 1024;
// Per batch its statements have their fixed cost: batches of 500 cost PostgreSQL 10–20 % less per file than
// batches of 200 did (bench:ingest-cpu --path import, BENCHMARKS.md). The most a batch holds.
export const IMPORT_BATCH_SIZE = 500;

// The first batch goes to the database as soon as it holds this many files and a connection is free, the
// next ones from twice the size before, up to IMPORT_BATCH_SIZE, but from a quarter of the files still to
// come if that is less (BulkWriter's eagerBatch). With full batches only (250, then 500) the database waited
// for the first 250 files and ended the import alone on the last batch (≈ 0.2 s and ≈ 0.45 s of a 500-file
// import's ≈ 1.0 s, BENCHMARKS.md "import12"); 50-file batches all along cost it ≈ 0.15–0.2 ms more per file.
const EAGER_BATCH = 50;

// Files per reader thread from which an import tiers up sooner: where the earlier tier-up has paid back
// (BENCHMARKS.md "import10", "import11").
const LARGE_IMPORT_FILES_PER_THREAD = 1000;

export async function importFiles(options: ImportOptions): Promise<void> {
  const { db, onResult } = options;
  // The files are counted first (a walk of the directories, no file opened), unless the caller has: the
  // batches shrink near the end (BulkWriter's `remaining`), and a large import tiers up sooner.
  const total = options.fileCount ?? (await countFiles(options.paths, { upTo: Infinity }));
  // Files read and answered or added to the writer.
  let settled = 0;
  // Batches are written two at a time, each keeping the read model's summaries by difference when the
  // database already holds as many reports as there are files to import (summary-difference.ts;
  // bulk-writer.ts). A file that closes a batch waits until a batch has been written, so reading never runs
  // more than a batch or two ahead of the database.
  const writer = await BulkWriter.start<string>(db, {
    batchSize: options.batchSize ?? IMPORT_BATCH_SIZE,
    summariesByDifferenceFrom: total,
    batchBytes: BATCH_BYTES,
    eagerBatch: EAGER_BATCH,
    // Files not yet added nor answered (those being read included).
    remaining: () => total - settled,
    onResults: (results, files) =>
      results.forEach((result, index) => {
        const file = files[index]!;
        onResult(
          result.ok
            ? { path: file, ok: true, outcome: result.outcome }
            : { path: file, ok: false, error: result.error },
        );
      }),
  });
  // Every thread will be kept busy: all of them start now, not one by one as work queues up. When each
  // thread will read thousands of files, V8 is told to optimise their code sooner (reader-pool.ts) — only
  // then: it costs each thread's first few hundred files more and pays back after ≈ 1,000–1,250 files per
  // thread (bench:reader-warmup), so a smaller import is cheaper at V8's default.
  if (total >= readReaderPoolConfig().READER_THREADS * LARGE_IMPORT_FILES_PER_THREAD) tierUpSooner();
  await startReaderThreads();

  // The files' duplicate lookups (one every few files) on a connection of their own for the whole import:
  // on the pool's they took the connection a batch had just released, and the next batch then began on
  // yet another — so a 500-file import's batches ran on three backends, not two, each planning every
  // statement of a batch again (a connection plans once, until the planner's statistics change): ≈ 40 ms
  // of PostgreSQL's CPU per backend, the summaries' difference 16–30 of it (BENCHMARKS.md "import15").
  const lookups = await getPool(db).connect();
  let broken: Error | undefined;
  try {
    await readAll(options, total, createDuplicateLookup(lookups), writer, (count) => (settled += count));
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    lookups.release(broken);
  }
}

/** Every file read and prepared, then added to the writer (or answered), and the writer finished. */
async function readAll(
  options: ImportOptions,
  total: number,
  findDuplicate: (sha256: string) => Promise<IngestOutcome | null>,
  writer: BulkWriter<string>,
  settle: (count: number) => void,
): Promise<void> {
  const { onResult } = options;
  const maxBytes = options.maxUploadBytes ?? readMaxUploadBytes();
  // Enough files in flight to keep every reader thread busy while results come back: they go to the
  // threads in groups (prepareInWorker), two groups per thread — one read while the other's answer is
  // taken in.
  const inFlight = readReaderPoolConfig().READER_THREADS * 2 * PREPARE_GROUP;
  const reading = new Set<Promise<void>>();
  const handle = async (file: string) => {
    const result = await readAndPrepare(file, {
      findDuplicate,
      maxBytes,
      uploadedById: options.uploadedById,
    });
    settle(1);
    if ("document" in result) await writer.add(result.document, file);
    else onResult(result);
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
  await writer.finish();
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
  // Read and prepared in a reader thread (prepare-in-thread.ts): the same document prepareDocument gives.
  return { document: await prepareInWorker({ bytes, fileName, sha256, uploadedById }) };
}
