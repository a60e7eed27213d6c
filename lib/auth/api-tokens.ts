// API tokens for scripts: any user's, created by an admin (or the CLI), shown once, stored as sha256.
// A request with `Authorization: Bearer <token>` acts as exactly that user, with that user's permissions.
// resolveUser remembers a token's user for a few seconds (session-cache.ts); revoking it here forgets it.
import { generateApiToken, hashApiToken, looksLikeApiToken } from "./api-token-secret";
import { recordAudit, type AuditActor } from "./audit";
import { AUTH_USER_SELECT, toAuthUser, type AuthUser } from "./auth-user";
import type { DbClient } from "./db-client";
import { forgetUserSessions } from "./session-cache";

// Writing lastUsedAt on every request would turn each read into a write; once a minute is precise enough.
const LAST_USED_PRECISION_MS = 60_000;

export type ApiTokenRow = {
  id: number;
  userId: string;
  userEmail: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

type Audit = { actor: AuditActor; ip?: string | null };

export async function createApiToken(
  db: DbClient,
  input: Audit & { userId: string; name: string },
): Promise<{ token: string; row: ApiTokenRow }> {
  const { token, tokenHash, prefix } = generateApiToken();
  const created = await db.apiToken.create({
    data: { userId: input.userId, name: input.name.trim() || "未命名", tokenHash, prefix },
    include: { user: { select: { email: true } } },
  });
  const row = toRow(created);
  await recordAudit(db, {
    actor: input.actor,
    action: "token_create",
    target: `token ${row.prefix}… of ${row.userEmail}`,
    details: { tokenId: row.id, name: row.name },
    ip: input.ip,
  });
  return { token, row };
}

export async function listApiTokens(db: DbClient, filter: { userId?: string } = {}): Promise<ApiTokenRow[]> {
  const rows = await db.apiToken.findMany({
    where: filter.userId ? { userId: filter.userId } : {},
    include: { user: { select: { email: true } } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(toRow);
}

/** Revokes a token; returns it, or null when there is no such token or it was revoked already. */
export async function revokeApiToken(
  db: DbClient,
  input: Audit & { id: number },
): Promise<ApiTokenRow | null> {
  const { count } = await db.apiToken.updateMany({
    where: { id: input.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) return null;
  const row = toRow(
    await db.apiToken.findUniqueOrThrow({
      where: { id: input.id },
      include: { user: { select: { email: true } } },
    }),
  );
  // The token may be remembered by this process for a few seconds (session-cache.ts): not any longer.
  forgetUserSessions(row.userId);
  await recordAudit(db, {
    actor: input.actor,
    action: "token_revoke",
    target: `token ${row.prefix}… of ${row.userEmail}`,
    details: { tokenId: row.id },
    ip: input.ip,
  });
  return row;
}

/** The active user a token belongs to, or null for unknown, revoked or deactivated-user tokens. */
export async function findUserByApiToken(
  db: DbClient,
  token: string,
  now = new Date(),
): Promise<AuthUser | null> {
  if (!looksLikeApiToken(token)) return null;
  const found = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: AUTH_USER_SELECT } },
  });
  if (!found || found.revokedAt || !found.user.active) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: now } });
  }
  return toAuthUser(found.user, "token");
}

function toRow(row: {
  id: number;
  userId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user: { email: string };
}): ApiTokenRow {
  return {
    id: row.id,
    userId: row.userId,
    userEmail: row.user.email,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
