// The stored bytes of one document with its name (download, the review page's viewer, locating cells).
import type { Db } from "@/lib/db/create-client";

export async function getDocumentFile(
  db: Db,
  id: number,
): Promise<{ fileName: string; mediaType: string | null; bytes: Uint8Array } | null> {
  return db.document.findUnique({ where: { id }, select: { fileName: true, mediaType: true, bytes: true } });
}
