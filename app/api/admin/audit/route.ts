// GET /api/admin/audit?action=&actor=&page= — the audit log, newest first (admin only).
import { db } from "@/lib/db";
import { auditQuerySchema } from "@/lib/auth/admin-schemas";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/auth/list-audit";
import { withAuth } from "@/lib/auth/route-handler";

export const GET = withAuth({ permission: "view_audit" }, async ({ request }) => {
  const query = auditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total } = await listAudit(db, query);
  return Response.json({ entries: rows, total, page: query.page, pageSize: AUDIT_PAGE_SIZE });
});
