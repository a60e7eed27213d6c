// The Document columns a batch writes (each with its SQL type), and a document's row of the staging table as
// the bytes COPY takes. An import makes these bytes in the reader thread that read the file
// (prepare-in-thread.ts) — the bytes in hex, the reading as JSON, the names escaped, all encoded as UTF-8 —
// so that the main thread only puts the row's number and agency id in front of them (known once the batch's
// agencies are written) and hands them to the socket. Kept apart from store-documents.ts, which loads the
// database layer: a reader thread imports this module.
//   const fields = encodeDocumentCopyFields(document);     // "sha…\tname.txt\t…\n" as UTF-8
//   COPY "stage_document" (DOCUMENT_COPY_COLUMNS) ← `${n}\t${agencyId}\t` + fields
import { CopyBytes } from "@/lib/db/copy-bytes";
import type { CopyValue } from "@/lib/db/copy-rows";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";

// The staging table's columns, the arrays documentsSourceSql and the upload's function
// (build-upload-function.ts) take, one per column.
export const DOCUMENT_COLUMN_TYPES = {
  sha256: "text",
  fileName: "text",
  mediaType: "text",
  size: "int",
  bytes: "bytea",
  uploadedById: "text",
  status: "text",
  errorCode: "text",
  errorMessage: "text",
  agencyId: "int",
  year: "int",
  agencyAsPrinted: "text",
  template: "text",
  readerVersion: "int",
  reading: "jsonb",
  sourceUrl: "text",
  fetchedAt: "timestamp(3)",
} as const;

export type DocumentColumn = keyof typeof DOCUMENT_COLUMN_TYPES;

export const DOCUMENT_COLUMNS = Object.keys(DOCUMENT_COLUMN_TYPES) as DocumentColumn[];

/** A document's values in DOCUMENT_COLUMNS' order. */
export function documentRow(document: PreparedDocument, agencyId: number | null): CopyValue[] {
  return [
    document.sha256,
    document.fileName,
    document.mediaType,
    document.size,
    document.bytes,
    document.uploadedById,
    document.status,
    document.errorCode,
    document.errorMessage,
    agencyId,
    document.year,
    document.agencyAsPrinted,
    document.template,
    document.readerVersion,
    JSON.stringify(document.reading),
    document.sourceUrl,
    // UTC text: the column is a timestamp without time zone, as Prisma writes its DateTime fields.
    document.fetchedAt?.toISOString() ?? null,
  ];
}

const AGENCY_ID = DOCUMENT_COLUMNS.indexOf("agencyId");

/** The COPY's columns, in the order of its lines: the row's number, the agency id, then the document's own. */
export const DOCUMENT_COPY_COLUMNS = ["n", "agencyId", ...DOCUMENT_COLUMNS.filter((c) => c !== "agencyId")];

/**
 * The document's fields of its COPY line (every column of DOCUMENT_COPY_COLUMNS after the first two), tab
 * separated, with the line's end, in UTF-8. The array owns its buffer (it may be moved between threads).
 */
export function encodeDocumentCopyFields(document: PreparedDocument): Uint8Array {
  scratch.reset();
  appendDocumentCopyFields(scratch, document);
  return scratch.finish();
}

// One buffer for every row this thread encodes (finish copies the row out of it: CopyBytes.reset).
const scratch = new CopyBytes();

/** The same fields, written at the end of `out`. */
export function appendDocumentCopyFields(out: CopyBytes, document: PreparedDocument): void {
  const fields = documentRow(document, null);
  fields.splice(AGENCY_ID, 1);
  fields.forEach((field, index) => {
    if (index > 0) out.tab();
    out.field(field);
  });
  out.end();
}

/** What goes in front of a document's fields: its number in the batch and its agency id. */
export function documentCopyHead(n: number, agencyId: number | null): string {
  return `${n}\t${agencyId ?? "\\N"}\t`;
}
