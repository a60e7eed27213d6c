// Ingestion of one file and its reading, in one transaction of its own (the upload path):
//   const outcome = await ingestDocument(db, { bytes, fileName, uploadedById }, readResult);
// The Document is always stored, byte for byte, with a slim reading — also when rejected or when its agency
// or year is unknown (status needs_agency / needs_year, for staff to complete). When accepted: regions,
// agency (+ alias, + parent government), a new current report version with its cells and findings,
// cross-year findings (this year and the next) and the read-model row (lib/ingest/store-documents.ts).
// The same bytes twice (same sha256) are recognised and not stored again: { duplicate: true } with the
// first upload's document and report — also when both uploads race (the unique sha256 decides).
import { createHash } from "node:crypto";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { findDuplicate } from "@/lib/ingest/find-duplicate";
import type { Db, IngestInput, IngestOutcome } from "@/lib/ingest/ingest-types";
import { prepareDocument } from "@/lib/ingest/prepare-document";
import { storeDocuments } from "@/lib/ingest/store-documents";
import type { ReadResult } from "@/lib/reader/types";

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function ingestDocument(
  db: Db,
  upload: IngestInput,
  reading: ReadResult,
): Promise<IngestOutcome> {
  const sha256 = hashBytes(upload.bytes);
  return (await findDuplicate(getPool(db), sha256)) ?? storeDocument(db, upload, reading, sha256);
}

/** ingestDocument for a caller that has just checked the hash itself (the upload path reads in between). */
export async function storeDocument(
  db: Db,
  upload: IngestInput,
  reading: ReadResult,
  sha256: string,
): Promise<IngestOutcome> {
  const prepared = prepareDocument(upload, reading, sha256);
  const [outcome] = await withTransaction(getPool(db), (client) => storeDocuments(client, [prepared]));
  return outcome!;
}

export { findDuplicate };
