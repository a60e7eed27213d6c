// The upload route's work, apart from Next so that tests can serve it from a plain Node server (the SIGKILL
// test kills such a server mid-batch): the multipart body read file by file, each file through uploadFile,
// one result per file in order, an audit entry per stored file (written in that file's own transaction).
//   return receiveUpload(db, { request, uploader: user, ip });
// A bad file (unreadable, too large, another region's) is a result of its own and never fails the others;
// only when every file met a full reading queue is the answer 503 BUSY (send them again).
import { APP_ERRORS } from "@/lib/api/app-error";
import { jsonError } from "@/lib/api/error-response";
import { readMultipartFiles } from "@/lib/api/read-multipart-files";
import type { Db } from "@/lib/db/create-client";
import { uploadFile, type Uploader } from "@/lib/ingest/upload-file";
import { readMaxUploadBytes } from "@/lib/ingest/upload-limits";
import { toUploadResults, type FileOutcome } from "@/lib/ingest/upload-result";
import { logEvent } from "@/lib/log/log-event";

/** Files per request: the upload page sends one per request; scripts may send batches up to this. */
export const MAX_FILES_PER_REQUEST = 100;

export async function receiveUpload(
  db: Db,
  input: { request: Request; uploader: Uploader & { email: string }; ip: string | null },
): Promise<Response> {
  const started = performance.now();
  const maxBytes = readMaxUploadBytes();
  const items: FileOutcome[] = [];
  const parts = readMultipartFiles(input.request, {
    field: "files",
    maxFileBytes: maxBytes,
    maxFiles: MAX_FILES_PER_REQUEST,
  });
  for await (const part of parts) {
    if (part.kind === "too_many") {
      items.push({
        file: `（第 ${part.maxFiles} 个之后的文件）`,
        error: {
          code: "TOO_MANY_FILES",
          message: `每次请求最多 ${part.maxFiles} 个文件，其余文件未处理，请分批上传。`,
        },
      });
      continue;
    }
    const file =
      part.kind === "file"
        ? { fileName: part.fileName, mediaType: part.mediaType, bytes: part.bytes }
        : { fileName: part.fileName, mediaType: part.mediaType, tooLargeSize: part.size, maxBytes };
    items.push(
      await uploadFile(db, {
        file,
        uploader: input.uploader,
        // One entry per stored file, committed with it (none for a duplicate, TOO_LARGE or BUSY file).
        audit: { email: input.uploader.email, ip: input.ip },
      }),
    );
  }
  if (items.length === 0) return jsonError(400, "INVALID_INPUT", "没有收到文件（字段 files）");
  const results = await toUploadResults(db, items);
  logEvent("ingest", {
    source: "upload",
    files: results.length,
    reports: results.filter((result) => result.reportId !== undefined && result.status !== "duplicate")
      .length,
    rejected: results.filter((result) => result.status === "rejected").length,
    durationMs: Math.round(performance.now() - started),
  });
  // no-transform: Next gzips every response it streams (it cannot see the length) — for this answer of a few
  // hundred bytes a fresh zlib stream per request, ~2 ms of the server's CPU; measured, BENCHMARKS.md.
  const headers = { "Cache-Control": "no-store, no-transform" };
  if (results.every((result) => result.error?.code === "BUSY"))
    return Response.json(
      { error: { code: "BUSY", message: APP_ERRORS.BUSY.message }, results },
      { status: 503, headers: { ...headers, "Retry-After": "5" } },
    );
  return Response.json({ results }, { headers });
}
