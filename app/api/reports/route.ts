// POST /api/reports — upload report files (multipart, field `files`, one or several) for staff and admins,
// by session or Bearer token; answers `{ results: [{ file, ok, documentId, reportId?, status, agency?, year?,
// template?, findings?, error? }] }`, one result per file (lib/ingest/receive-upload.ts).
import { db } from "@/lib/db";
import { getRequestIp } from "@/lib/auth/auth";
import { withAuth } from "@/lib/auth/route-handler";
import { receiveUpload } from "@/lib/ingest/receive-upload";

export const POST = withAuth({ permission: "upload" }, async ({ request, user }) =>
  receiveUpload(db, { request, uploader: user, ip: getRequestIp(request.headers) }),
);
