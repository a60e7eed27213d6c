// The upload path: bytes → reader (in a worker thread) → ingestion. Used by the upload route and the seeds.
//   const outcome = await importDocument(db, { bytes, fileName, mediaType, uploadedById });
// A file already stored (same sha256) is recognised before it is read again.
import { getPool } from "@/lib/db/create-client";
import { findDuplicate } from "@/lib/ingest/find-duplicate";
import { hashBytes, storeDocument } from "@/lib/ingest/ingest-document";
import type { Db, IngestInput, IngestOutcome } from "@/lib/ingest/ingest-types";
import { readInWorker } from "@/lib/ingest/reader-pool";

export async function importDocument(db: Db, input: IngestInput): Promise<IngestOutcome> {
  const sha256 = hashBytes(input.bytes);
  const duplicate = await findDuplicate(getPool(db), sha256);
  if (duplicate) return duplicate;
  const result = await readInWorker(input.bytes, input.fileName);
  return storeDocument(db, input, result, sha256);
}
