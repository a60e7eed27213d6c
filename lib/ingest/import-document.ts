// The upload path: bytes → reader → ingestion. Used by the upload route and by the sample seeds alike.
//   const outcome = await importDocument(db, { bytes, fileName, mediaType, uploadedById });
// A file already stored (same sha256) is recognised before it is read again.
import { findDuplicate, hashBytes, storeNewDocument } from "@/lib/ingest/ingest-document";
import type { Db, IngestInput, IngestOutcome } from "@/lib/ingest/ingest-types";
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult } from "@/lib/reader/types";

export async function importDocument(db: Db, input: IngestInput): Promise<IngestOutcome> {
  const sha256 = hashBytes(input.bytes);
  const duplicate = await findDuplicate(db, sha256);
  if (duplicate) return duplicate;
  const result = await readSafely(input);
  return storeNewDocument(db, input, result, sha256);
}

/** The reader promises not to throw; if it ever does, the file is still kept, as unreadable. */
async function readSafely(input: IngestInput): Promise<ReadResult> {
  try {
    return await readReport(input.bytes, input.fileName);
  } catch {
    return {
      ok: false,
      error: { code: "CORRUPT_FILE", message: "读取文件时发生意外错误，文件已保存，请联系管理员。" },
      mediaType: input.mediaType ?? null,
    };
  }
}
