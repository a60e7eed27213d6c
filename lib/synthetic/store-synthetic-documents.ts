// seed:synthetic's writing loop, shared with the ingest benches (which must store as the command does):
// documents, generated as they are needed, go through the bulk writer (lib/ingest/bulk-writer.ts) — the
// next batches are generated while earlier ones are written; into an empty database the summaries are
// rebuilt once at the end (rebuildSummariesIfEmpty), and ReportCell's key built once at the end
// (cellKeyAtFinishIfEmpty: the documents come agency by agency, each one's years together).
//   await storeSyntheticDocuments(db, generateSyntheticDocuments(options), { batchSize: 1000 });
import type { Db } from "@/lib/db/create-client";
import { BulkWriter } from "@/lib/ingest/bulk-writer";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import type { BulkResult } from "@/lib/ingest/store-in-bulk";

const CELL_KEY_AT_FINISH_FROM_BATCH = 100;

export async function storeSyntheticDocuments(
  db: Db,
  documents: Iterable<PreparedDocument>,
  options: { batchSize: number; onResults?: (results: BulkResult[]) => void },
): Promise<void> {
  const writer = await BulkWriter.start<null>(db, {
    batchSize: options.batchSize,
    rebuildSummariesIfEmpty: true,
    // An agency's years (at most 82: 2019–2100) stay in one batch from this size on (a batch grows past
    // its size to an agency's end, up to twice it), so no batch looks a committed report's cells up by key.
    cellKeyAtFinishIfEmpty: options.batchSize >= CELL_KEY_AT_FINISH_FROM_BATCH,
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
