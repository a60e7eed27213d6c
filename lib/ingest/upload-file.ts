// One uploaded file through the upload pipeline, for the upload route: over the size limit → a TOO_LARGE
// result (not read, not stored); otherwise importDocument, with the uploader's region limits as a refusal
// (the document is kept, as rejected with OUT_OF_REGION); with `audit`, the file's audit entry in the same
// transaction as the file. A full reading queue is a BUSY result for this file alone — nothing stored, the
// client sends it again.
//   const item = await uploadFile(db, { fileName, mediaType, bytes, uploader });
import { AppError } from "@/lib/api/app-error";
import { getPool, type Db } from "@/lib/db/create-client";
import { findAgencyRegion } from "@/lib/ingest/find-agency-region";
import { importDocument } from "@/lib/ingest/import-document";
import type { Refusal } from "@/lib/ingest/ingest-document";
import type { FetchSource } from "@/lib/ingest/ingest-types";
import type { FileOutcome } from "@/lib/ingest/upload-result";
import { describeTooLarge } from "@/lib/ingest/upload-limits";
import { isInRegions } from "@/lib/auth/permissions";
import type { ReadSuccess } from "@/lib/reader/types";

export interface Uploader {
  id: string;
  role: string;
  /** Region code prefixes the uploader is limited to; empty = everywhere. */
  regions: readonly string[];
}

export type UploadedFile =
  | { fileName: string; mediaType: string | null; bytes: Uint8Array; source?: FetchSource }
  | { fileName: string; mediaType: string | null; tooLargeSize: number; maxBytes: number };

export async function uploadFile(
  db: Db,
  input: {
    file: UploadedFile;
    uploader: Uploader;
    /** The upload route's audit entry per stored file, written in the file's own transaction. */
    audit?: { email: string; ip: string | null };
  },
): Promise<FileOutcome> {
  const { file, uploader } = input;
  if ("tooLargeSize" in file)
    return {
      file: file.fileName,
      error: { code: "TOO_LARGE", message: describeTooLarge(file.tooLargeSize, file.maxBytes) },
    };
  const limited = uploader.role === "staff" && uploader.regions.length > 0;
  try {
    const outcome = await importDocument(
      db,
      {
        bytes: file.bytes,
        fileName: file.fileName,
        mediaType: file.mediaType,
        uploadedById: uploader.id,
        source: file.source ?? null,
      },
      {
        ...(limited ? { refuse: (reading) => refuseOutsideRegions(db, reading, uploader.regions) } : {}),
        ...(input.audit
          ? { audit: { actor: { id: uploader.id, email: input.audit.email }, ip: input.audit.ip } }
          : {}),
      },
    );
    return { file: file.fileName, outcome };
  } catch (error) {
    if (error instanceof AppError && error.code === "BUSY")
      return { file: file.fileName, error: { code: "BUSY", message: error.message } };
    throw error;
  }
}

async function refuseOutsideRegions(
  db: Db,
  reading: ReadSuccess,
  regions: readonly string[],
): Promise<Refusal | null> {
  // Without an agency the document waits for one (needs_agency); the region is checked when it is named.
  if (!reading.agency.name) return null;
  const regionCode = await findAgencyRegion(getPool(db), reading);
  if (isInRegions(regions, regionCode)) return null;
  return {
    code: "OUT_OF_REGION",
    message: `该报告的机关（${reading.agency.name}）不在您负责的地区内，未生成报告；文件已保存，可由管理员或负责该地区的填报员处理。`,
  };
}
