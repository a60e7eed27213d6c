// The audit log, newest first, filtered by action and actor email — for /admin/audit and /api/admin/audit.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditQuery } from "./admin-schemas";
import type { DbClient } from "./db-client";
import { toStoredEmail } from "./to-stored-email";

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: number;
  at: Date;
  actorEmail: string | null;
  action: string;
  target: string | null;
  details: Prisma.JsonValue;
  ip: string | null;
};

export async function listAudit(
  db: DbClient,
  query: AuditQuery,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where: Prisma.AuditLogWhereInput = {
    ...(query.action ? { action: query.action } : {}),
    ...(query.actor ? { actorEmail: { contains: toActorFilter(query.actor) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, at: true, actorEmail: true, action: true, target: true, details: true, ip: true },
    }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total };
}

/** Emails are logged as stored: a whole address typed as people write it (user@例子.中国) is looked for so. */
function toActorFilter(text: string): string {
  const stored = toStoredEmail(text);
  return stored.ok ? stored.email : text.trim().toLowerCase();
}
