// How big one uploaded or imported file may be: MAX_UPLOAD_MB (default 20). A bigger file gets a TOO_LARGE
// result of its own — it is neither read nor stored, and the rest of its batch goes on.
import { z } from "zod";
import type { EnvRecord } from "@/lib/db/database-url";

const uploadEnvSchema = z.object({
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
});

export function readMaxUploadBytes(env: EnvRecord = process.env): number {
  const parsed = uploadEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid upload configuration: ${z.prettifyError(parsed.error)}`);
  return Math.floor(parsed.data.MAX_UPLOAD_MB * 1024 * 1024);
}

export function describeTooLarge(size: number, maxBytes: number): string {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
  return `文件大小 ${mb(size)} MB，超过上限 ${mb(maxBytes)} MB（可由管理员通过 MAX_UPLOAD_MB 调整）。`;
}
