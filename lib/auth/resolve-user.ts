// Who is making this request: a Bearer token (scripts) or the session cookie (browsers). A request that
// presents an Authorization header is judged by it alone — a bad token or a malformed header is refused,
// never silently replaced by a cookie that happens to ride along.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readAuthorization } from "./api-token-secret";
import { findUserByApiToken } from "./api-tokens";
import { AppError } from "@/lib/api/app-error";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { toAuthUser, type AuthUser } from "./auth-user";
import type { Auth } from "./create-auth";
import {
  currentSessionGeneration,
  readCachedSession,
  rememberSession,
  sessionCacheKey,
  tokenCacheKey,
} from "./session-cache";

// Tokens have no expiry of their own: an entry lasts the cache's TTL.
const NEVER_EXPIRES = new Date(8.64e15);

export async function resolveUser(input: {
  db: PrismaClient;
  auth: Auth;
  headers: Headers;
}): Promise<AuthUser | null> {
  const authorization = readAuthorization(input.headers);
  if (authorization.kind === "malformed") throw new AppError("INVALID_TOKEN");
  if (authorization.kind === "bearer") {
    // Remembered like a session (session-cache.ts: a revocation in this process drops it at once, one in
    // another process is seen within SESSION_CACHE_TTL_MS); a refused token is never remembered.
    const key = tokenCacheKey(authorization.token);
    const cached = readCachedSession(key);
    if (cached) return cached;
    const generation = currentSessionGeneration();
    const user = await findUserByApiToken(input.db, authorization.token);
    if (!user) throw new AppError("INVALID_TOKEN");
    rememberSession({ key, user, sessionExpiresAt: NEVER_EXPIRES, generation });
    return user;
  }
  const cookie = input.headers.get("cookie");
  if (!cookie) return null;
  const key = sessionCacheKey(cookie, input.auth.options.advanced?.useSecureCookies === true);
  const cached = readCachedSession(key);
  if (cached) return cached;
  const generation = currentSessionGeneration();
  // One lookup: better-auth reads the session and its user (role, export right, regions and the active
  // flag are additional fields of that row) fresh from the database — no cookie cache.
  const session = await input.auth.api.getSession({ headers: input.headers }).catch(() => null);
  if (!session) {
    // better-auth answers "no session" also when the database is down: a signed-in user must then hear
    // that, not be sent to the login page. Only a request that carries a session cookie pays this check.
    if (cookie.includes("session_token")) await assertDatabaseReachable(input.db);
    return null;
  }
  const row = session.user;
  if (row.active !== true) return null;
  const user = toAuthUser(
    {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      canExport: row.canExport === true,
      regions: row.regions ?? [],
    },
    "session",
  );
  rememberSession({ key, user, sessionExpiresAt: new Date(session.session.expiresAt), generation });
  return user;
}

async function assertDatabaseReachable(db: PrismaClient): Promise<void> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new AppError("DATABASE_UNAVAILABLE");
    throw error;
  }
}
