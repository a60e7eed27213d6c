// Types shared by the ingestion steps.
import type { DocumentStatus } from "@/lib/generated/prisma/client";

export type { Db } from "@/lib/db/create-client";

export interface IngestInput {
  bytes: Uint8Array;
  fileName: string;
  /** As declared by the upload; the reader's detected type wins when it has one. */
  mediaType?: string | null;
  uploadedById?: string | null;
  /** A file imported from the web: where and when it was fetched. */
  source?: FetchSource | null;
}

export interface FetchSource {
  url: string;
  fetchedAt: Date;
}

export interface IngestOutcome {
  /** true: a document with the same sha256 was already stored; nothing was written. */
  duplicate: boolean;
  documentId: number;
  sha256: string;
  status: DocumentStatus;
  /** The reader's error code for a rejected document. */
  errorCode: string | null;
  agencyId: number | null;
  year: number | null;
  /** The report version created from this document (null unless accepted). */
  reportId: number | null;
  versionNo: number | null;
  /**
   * What the upload route's answer says beyond the outcome, read in the document's own transaction by the
   * statement that writes its audit entry (ingest-document.ts); absent elsewhere — toUploadResults then
   * looks it up.
   */
  detail?: UploadDetail;
}

/** A stored document's agency name, template, error message and its report's open findings by kind. */
export interface UploadDetail {
  documentId: number;
  errorMessage: string | null;
  agencyName: string | null;
  template: string | null;
  inconsistent: number;
  uncertain: number;
}
