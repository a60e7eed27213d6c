// The user list for /admin/users and the CLI: plain rows, newest last, with token counts.
import type { DbClient } from "./db-client";
import { roleSchema, type Role } from "./permissions";

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
  return db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true },
  });
}

/** One user for /admin/users/[id]: the account's own fields, role checked. */
export async function getUser(
  db: DbClient,
  id: string,
): Promise<Omit<UserRow, "activeTokens" | "lastLoginAt"> | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      canExport: true,
      regions: true,
      active: true,
      createdAt: true,
    },
  });
  return user && { ...user, role: roleSchema.parse(user.role) };
}

/** The owner of a new API token, named by id or by email (admin form, API and CLI alike). */
export async function findTokenOwner(
  db: DbClient,
  input: { userId?: string; email?: string },
): Promise<{ id: string; email: string } | null> {
  if (input.userId)
    return db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  return findUserByEmail(db, input.email ?? "");
}
