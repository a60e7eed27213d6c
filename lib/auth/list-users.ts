// The user list for /admin/users and the CLI: plain rows, newest last, with token counts.
import type { DbClient } from "./db-client";
import { roleSchema, type Role } from "./permissions";
import { toStoredEmail } from "./to-stored-email";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  canExport: boolean;
  regions: string[];
  active: boolean;
  createdAt: Date;
  activeTokens: number;
  lastLoginAt: Date | null;
};

export async function listUsers(db: DbClient): Promise<UserRow[]> {
  const users = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    include: {
      _count: { select: { apiTokens: { where: { revokedAt: null } } } },
      auditLogs: { where: { action: "login" }, select: { at: true }, orderBy: { at: "desc" }, take: 1 },
    },
  });
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: roleSchema.parse(user.role),
    canExport: user.canExport,
    regions: user.regions,
    active: user.active,
    createdAt: user.createdAt,
    activeTokens: user._count.apiTokens,
    lastLoginAt: user.auditLogs[0]?.at ?? null,
  }));
}

export async function findUserByEmail(
  db: DbClient,
  email: string,
): Promise<{ id: string; email: string } | null> {
  const stored = toStoredEmail(email);
  return db.user.findUnique({
    where: { email: stored.ok ? stored.email : email.trim().toLowerCase() },
    select: { id: true, email: true },
  });
}
