// One stored document for its page: the file's facts, its status, and its slim reading parsed with zod (a
// reading written by an older reader is checked, not trusted), and the report versions read from it. The bytes
// are not loaded here.
import type { Db } from "@/lib/db/create-client";
import type { DocumentStatus } from "@/lib/generated/prisma/client";
import { parseStoredReading, type StoredReading } from "@/lib/ingest/stored-reading";

export interface DocumentDetails {
  id: number;
  fileName: string;
  mediaType: string | null;
  size: number;
  sha256: string;
  status: DocumentStatus;
  errorCode: string | null;
  errorMessage: string | null;
  agency: { id: number; name: string } | null;
  agencyAsPrinted: string | null;
  year: number | null;
  template: string | null;
  readerVersion: number;
  uploadedAt: string;
  uploadedBy: { id: string; name: string; email: string } | null;
  reading: StoredReading;
  /** The report versions read from this file, oldest first. */
  reports: { id: number; versionNo: number; isCurrent: boolean }[];
}

export async function getDocument(db: Db, id: number): Promise<DocumentDetails | null> {
  const document = await db.document.findUnique({
    where: { id },
    omit: { bytes: true },
    include: {
      agency: { select: { id: true, name: true } },
      uploadedBy: { select: { id: true, name: true, email: true } },
      reports: { select: { id: true, versionNo: true, isCurrent: true }, orderBy: { versionNo: "asc" } },
    },
  });
  if (!document) return null;
  const { reading, uploadedAt, uploadedById: _uploadedById, agencyId: _agencyId, ...rest } = document;
  return { ...rest, uploadedAt: uploadedAt.toISOString(), reading: parseStoredReading(reading) };
}
