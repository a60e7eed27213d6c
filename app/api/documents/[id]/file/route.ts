// GET /api/documents/[id]/file — the stored file, byte for byte, for the review page's viewer and for
// download. Always served as an attachment of type application/octet-stream with nosniff: an uploaded HTML
// page is data here, never a page this site renders.
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { withAuth } from "@/lib/auth/route-handler";
import { db } from "@/lib/db";
import { getDocumentFile } from "@/lib/queries/get-document-file";

const paramsSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

export const GET = withAuth<{ id: string }>({ permission: "browse" }, async ({ params }) => {
  const { id } = paramsSchema.parse(params);
  const file = await getDocumentFile(db, id);
  if (!file) throw new AppError("DOCUMENT_NOT_FOUND");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Content-Length": String(file.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
