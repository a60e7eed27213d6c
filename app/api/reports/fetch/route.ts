// POST /api/reports/fetch — import reports from the web (staff and admins): `{ "url": "https://…" }`, a
// report's page or file or a site's list of annual reports; answers `{ url, ok, listPages, results: [upload
// results with their url], error? }` (lib/ingest/import-from-url.ts).
import { db } from "@/lib/db";
import { getRequestIp } from "@/lib/auth/auth";
import { withAuth } from "@/lib/auth/route-handler";
import { receiveUrlImport } from "@/lib/ingest/receive-url-import";

export const POST = withAuth({ permission: "upload" }, async ({ request, user }) =>
  receiveUrlImport(db, { request, uploader: user, ip: getRequestIp(request.headers) }),
);
