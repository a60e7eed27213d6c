// Ingestion of one file and its reading, in one transaction of its own (the upload path):
//   const outcome = await ingestDocument(db, { bytes, fileName, uploadedById }, readResult);
// The Document is always stored, byte for byte, with a slim reading — also when rejected or when its agency
// or year is unknown (status needs_agency / needs_year, for staff to complete). When accepted: regions,
// agency (+ alias, + parent government), a new current report version with its cells and findings,
// cross-year findings (this year and the next) and the read-model row (lib/ingest/store-documents.ts).
// The same bytes twice (same sha256) are recognised and not stored again: { duplicate: true } with the
// first upload's document and report — also when both uploads race (the unique sha256 decides). A refusal
// (import-document.ts) keeps the document as rejected with the refusal's code, without a report.
import { createHash } from "node:crypto";
import { insertAuditSql, type AuditEntry } from "@/lib/auth/audit";
import { getPool } from "@/lib/db/create-client";
import { runQuery, sql, withTransaction } from "@/lib/db/sql";
import { findDuplicate } from "@/lib/ingest/find-duplicate";
import type { Db, IngestInput, IngestOutcome, UploadDetail } from "@/lib/ingest/ingest-types";
import { prepareDocument, type PreparedDocument } from "@/lib/ingest/prepare-document";
import { storeDocuments } from "@/lib/ingest/store-documents";
import { selectUploadDetails } from "@/lib/ingest/upload-result";
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

/** Why a readable document is kept without becoming a report (e.g. OUT_OF_REGION). */
export interface Refusal {
  code: string;
  message: string;
}

/** ingestDocument for a caller that has just checked the hash itself (the upload path reads in between). */
export async function storeDocument(
  db: Db,
  upload: IngestInput,
  reading: ReadResult,
  sha256: string,
  refusal: Refusal | null = null,
  /** Who uploaded it: the audit entry is written in the same transaction, unless it is a duplicate, and
   * the outcome comes with its UploadDetail, read by the same statement. */
  audit: UploadAudit | null = null,
): Promise<IngestOutcome> {
  const prepared = prepareDocument(upload, reading, sha256);
  const document = refusal ? refuseDocument(prepared, refusal) : prepared;
  return withTransaction(
    getPool(db),
    async (client) => {
      // A file that becomes a report has its entry written (and its detail read) by the report's last
      // statement (finish-upload.ts); any other file by the statement below.
      const [outcome] = await storeDocuments(client, [document], {
        ...(audit
          ? {
              audit: ({ documentId, reportId }) =>
                uploadAuditEntry(audit, upload.fileName, {
                  documentId,
                  reportId,
                  status: document.status,
                  errorCode: document.errorCode,
                }),
            }
          : {}),
      });
      if (!audit || outcome!.duplicate || outcome!.detail) return outcome!;
      // The entry and what the route answers about the file (names, open findings), in one statement.
      const [detail] = await runQuery<UploadDetail>(
        client,
        sql`WITH "entry" AS (${insertAuditSql(uploadAuditEntry(audit, upload.fileName, outcome!))})
            ${selectUploadDetails([outcome!])}`,
      );
      return { ...outcome!, detail };
    },
    { keyedPlans: true },
  );
}

/** The uploader of a file, for its audit entry ("upload", target "document N"). */
export interface UploadAudit {
  actor: { id: string; email: string };
  ip: string | null;
}

/** The entry the upload route keeps per stored file: its name, what it became, its report or error code. */
function uploadAuditEntry(
  audit: UploadAudit,
  fileName: string,
  outcome: Pick<IngestOutcome, "documentId" | "reportId" | "status" | "errorCode">,
): AuditEntry {
  return {
    actor: audit.actor,
    action: "upload",
    target: `document ${outcome.documentId}`,
    details: {
      file: fileName,
      status: outcome.status,
      ...(outcome.reportId !== null ? { reportId: outcome.reportId } : {}),
      ...(outcome.status === "rejected" ? { error: outcome.errorCode ?? "CORRUPT_FILE" } : {}),
    },
    ip: audit.ip,
  };
}

/** The document kept as rejected with the refusal's code: no agency is created for it and no report made;
 * its reading (agency, year, findings) stays in the slim reading for whoever may accept it later. */
function refuseDocument(prepared: PreparedDocument, refusal: Refusal): PreparedDocument {
  return {
    ...prepared,
    status: "rejected",
    errorCode: refusal.code,
    errorMessage: refusal.message,
    agency: null,
    regionCodes: null,
    cells: [],
    findings: [],
  };
}

export { findDuplicate };
