// Ingestion: one uploaded file and its reading, written in one transaction.
//   const outcome = await ingestDocument(db, { bytes, fileName, uploadedById }, readResult);
// The Document is always stored, byte for byte, with the full reading — also when rejected or when its
// agency or year is unknown (status needs_agency / needs_year, for staff to complete). When accepted:
// regions, agency (+ alias, + parent government), a new current report version with its cells and
// findings, cross-year findings (this year and the next) and the read-model row.
// The same bytes twice (same sha256) are recognised and not stored again: { duplicate: true } with the
// first upload's document and report — also when both uploads race (the unique sha256 decides).
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReadResult } from "@/lib/reader/types";
import { acceptReading } from "@/lib/ingest/accept-reading";
import { classifyReadResult } from "@/lib/ingest/classify-read-result";
import type { Db, IngestInput, IngestOutcome, Tx } from "@/lib/ingest/ingest-types";
import { sanitizeJson, sanitizeText } from "@/lib/ingest/sanitize-for-postgres";
import { upsertAgency } from "@/lib/ingest/upsert-agency";

const TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 60_000 };

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function ingestDocument(
  db: Db,
  upload: IngestInput,
  reading: ReadResult,
): Promise<IngestOutcome> {
  const sha256 = hashBytes(upload.bytes);
  return (await findDuplicate(db, sha256)) ?? storeNewDocument(db, upload, reading, sha256);
}

/** ingestDocument for a caller that has just checked the hash itself (the upload path reads in between). */
export async function storeNewDocument(
  db: Db,
  upload: IngestInput,
  reading: ReadResult,
  sha256: string,
): Promise<IngestOutcome> {
  // Strings PostgreSQL would refuse (NUL, lone surrogates) must not cost the upload; the bytes stay exact.
  const input = { ...upload, fileName: sanitizeText(upload.fileName) };
  const result = sanitizeJson(reading) as ReadResult;
  try {
    return await db.$transaction((tx) => writeDocument(tx, input, result, sha256), TRANSACTION_OPTIONS);
  } catch (error) {
    // A concurrent upload of the same bytes committed first: report it as the duplicate it is.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await findDuplicate(db, sha256);
      if (winner) return winner;
    }
    throw error;
  }
}

export async function findDuplicate(db: Db | Tx, sha256: string): Promise<IngestOutcome | null> {
  const document = await db.document.findUnique({
    where: { sha256 },
    select: {
      id: true,
      status: true,
      errorCode: true,
      agencyId: true,
      year: true,
      reports: { orderBy: { versionNo: "asc" }, take: 1, select: { id: true, versionNo: true } },
    },
  });
  if (!document) return null;
  const report = document.reports[0] ?? null;
  return {
    duplicate: true,
    documentId: document.id,
    sha256,
    status: document.status,
    errorCode: document.errorCode,
    agencyId: document.agencyId,
    year: document.year,
    reportId: report?.id ?? null,
    versionNo: report?.versionNo ?? null,
  };
}

async function writeDocument(
  tx: Tx,
  input: IngestInput,
  result: ReadResult,
  sha256: string,
): Promise<IngestOutcome> {
  const { status, errorCode, mediaType } = classifyReadResult(result);
  const agencyName = result.ok ? result.agency.name : null;
  const agency =
    result.ok && agencyName
      ? await upsertAgency(tx, { ...result.agency, name: agencyName }, result.regionCodes)
      : null;
  const year = result.ok ? result.year : null;
  const document = await tx.document.create({
    data: {
      sha256,
      fileName: input.fileName,
      mediaType: mediaType ?? input.mediaType ?? null,
      size: input.bytes.byteLength,
      // A copy on a plain ArrayBuffer (the input may be a view on a Buffer pool or a SharedArrayBuffer).
      bytes: new Uint8Array(input.bytes),
      uploadedById: input.uploadedById ?? null,
      status,
      errorCode,
      readResult: result as unknown as Prisma.InputJsonValue,
      agencyId: agency?.id ?? null,
      year,
    },
    select: { id: true },
  });
  const outcome: IngestOutcome = {
    duplicate: false,
    documentId: document.id,
    sha256,
    status,
    errorCode,
    agencyId: agency?.id ?? null,
    year,
    reportId: null,
    versionNo: null,
  };
  if (status !== "accepted" || !result.ok || !agency || year === null) return outcome;
  const report = await acceptReading(tx, { documentId: document.id, agency, year, result });
  return { ...outcome, reportId: report.id, versionNo: report.versionNo };
}
