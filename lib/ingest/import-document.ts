// The upload path: bytes → reader (in a worker thread) → ingestion. Used by the upload route and the seeds.
//   const outcome = await importDocument(db, { bytes, fileName, mediaType, uploadedById });
// A file already stored (same sha256) is recognised before it is read again. `refuse` lets the caller turn
// a reading down before it becomes a report (a staff member limited to regions uploading another region's
// report): the document is still kept, byte for byte, as rejected with the refusal's code.
import { getPool } from "@/lib/db/create-client";
import { findDuplicate } from "@/lib/ingest/find-duplicate";
import { hashBytes, storeDocument, type Refusal, type UploadAudit } from "@/lib/ingest/ingest-document";
import type { Db, IngestInput, IngestOutcome } from "@/lib/ingest/ingest-types";
import { readInWorker } from "@/lib/ingest/reader-pool";
import type { ReadSuccess } from "@/lib/reader/types";

export interface ImportDocumentOptions {
  refuse?: (reading: ReadSuccess) => Promise<Refusal | null>;
  /** The upload route's audit entry, written in the document's own transaction (not for a duplicate). */
  audit?: UploadAudit;
}

export async function importDocument(
  db: Db,
  input: IngestInput,
  options: ImportDocumentOptions = {},
): Promise<IngestOutcome> {
  const sha256 = hashBytes(input.bytes);
  const duplicate = await findDuplicate(getPool(db), sha256);
  if (duplicate) return duplicate;
  const result = await readInWorker(input.bytes, input.fileName);
  const refusal = result.ok && options.refuse ? await options.refuse(result) : null;
  return storeDocument(db, input, result, sha256, refusal, options.audit ?? null);
}
