// /api/reports
//   GET  — current reports for the dashboard's filters, each with its agency, cells and findings, a page at
//          a time by cursor; bulk data, so it needs the export right (lib/data-api/list-api-reports.ts).
//   POST — upload report files (multipart, field `files`, one or several) for staff and admins, by session
//          or Bearer token; answers `{ results: [{ file, ok, documentId, reportId?, status, agency?, year?,
//          template?, findings?, error? }] }`, one result per file (lib/ingest/receive-upload.ts).
import { db } from "@/lib/db";
import { getRequestIp } from "@/lib/auth/auth";
import { withAuth } from "@/lib/auth/route-handler";
import { reportListQuerySchema } from "@/lib/data-api/api-list-query";
import { listApiReports } from "@/lib/data-api/list-api-reports";
import { searchParamsToObject } from "@/lib/export/export-query";
import { resolveCellSelection } from "@/lib/export/resolve-cell-selection";
import { resolveExportSelection } from "@/lib/export/resolve-export-selection";
import { receiveUpload } from "@/lib/ingest/receive-upload";

export const GET = withAuth({ permission: "export" }, async ({ request }) => {
  const query = reportListQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  const cells = resolveCellSelection(query.cells);
  const { selection } = await resolveExportSelection(db, query);
  const page = await listApiReports({ db, selection, cells, cursor: query.cursor, limit: query.limit });
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});

export const POST = withAuth({ permission: "upload" }, async ({ request, user }) =>
  receiveUpload(db, { request, uploader: user, ip: getRequestIp(request.headers) }),
);
