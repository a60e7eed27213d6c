// The 从网址导入 route's work (POST /api/reports/fetch): one address per request, as the upload page sends one
// file per request, so each address has its own progress and result. Parse → import → audit → respond.
// At most four imports run at once (more wait, a few dozen at most, then 503 BUSY).
//   return receiveUrlImport(db, { request, uploader: user, ip });
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { readCappedBody } from "@/lib/api/read-capped-body";
import { recordAudit } from "@/lib/auth/audit";
import { createConcurrencyLimiter, LimiterFullError } from "@/lib/auth/concurrency-limiter";
import type { Db } from "@/lib/db/create-client";
import { readFetchConfig } from "@/lib/fetch/fetch-config";
import { importFromUrl } from "@/lib/ingest/import-from-url";
import type { Uploader } from "@/lib/ingest/upload-file";

export const MAX_URL_CHARS = 2048;
const MAX_BODY_BYTES = 8 * 1024;

/** A crawl may fetch hundreds of files: at most this many run at once server-wide, taking turns by user. */
const urlImports = createConcurrencyLimiter({ concurrency: 4, maxQueued: 16 });

export const urlImportInputSchema = z.object({ url: z.string().trim().min(1).max(MAX_URL_CHARS) });

export async function receiveUrlImport(
  db: Db,
  input: { request: Request; uploader: Uploader & { email: string }; ip: string | null },
): Promise<Response> {
  const body = await readCappedBody(input.request, MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AppError("INVALID_INPUT", '请求内容应为 JSON：{ "url": "https://…" }');
  }
  const parsed = urlImportInputSchema.safeParse(json);
  if (!parsed.success) throw new AppError("INVALID_INPUT", `网址缺失或过长（最多 ${MAX_URL_CHARS} 个字符）`);
  const config = readFetchConfig();
  let result;
  try {
    result = await urlImports.run(
      () => importFromUrl({ db, url: parsed.data.url, uploader: input.uploader, config }),
      input.uploader.id,
    );
  } catch (error) {
    if (error instanceof LimiterFullError) throw new AppError("BUSY");
    throw error;
  }
  for (const item of result.results) {
    // One entry per stored file, as for uploads: a duplicate or a failed fetch stored nothing new.
    if (item.documentId === null || item.status === "duplicate") continue;
    await recordAudit(db, {
      actor: { id: input.uploader.id, email: input.uploader.email },
      action: "upload",
      target: `document ${item.documentId}`,
      details: { file: item.file, url: item.url, status: item.status },
      ip: input.ip,
    });
  }
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}
