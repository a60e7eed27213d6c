// seed:synthetic's writing loop, shared with the ingest benches (which must store as the command does):
// documents, generated as they are needed, go through the bulk writer (lib/ingest/bulk-writer.ts) — the
// next batches are generated while earlier ones are written; into an empty database the summaries are
// rebuilt once at the end (rebuildSummariesIfEmpty).
//   await storeSyntheticDocuments(db, generateSyntheticDocuments(options), { batchSize: 1000 });
import type { Db } from "@/lib/db/create-client";
import { BulkWriter } from "@/lib/ingest/bulk-writer";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import type { BulkResult } from "@/lib/ingest/store-in-bulk";

export async function storeSyntheticDocuments(
  db: Db,
  documents: Iterable<PreparedDocument>,
  options: { batchSize: number; onResults?: (results: BulkResult[]) => void },
): Promise<void> {
  const writer = await BulkWriter.start<null>(db, {
    batchSize: options.batchSize,
    rebuildSummariesIfEmpty: true,
    onResults: (results) => options.onResults?.(results),
  });
  let added = 0;
  for (const document of documents) {
    await writer.add(document, null);
    // Let the database's answers in between, so writing batches overlaps generating the next ones.
    if (++added % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.finish();
}
