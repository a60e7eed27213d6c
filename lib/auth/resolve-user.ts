// Who is making this request: a Bearer token (scripts) or the session cookie (browsers). A request that
// presents an Authorization header is judged by it alone — a bad token or a malformed header is refused,
// never silently replaced by a cookie that happens to ride along.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readAuthorization } from "./api-token-secret";
import { findUserByApiToken } from "./api-tokens";
import { AppError } from "@/lib/api/app-error";
import { AUTH_USER_SELECT, toAuthUser, type AuthUser } from "./auth-user";
import type { Auth } from "./create-auth";

export async function resolveUser(input: {
  db: PrismaClient;
  auth: Auth;
  headers: Headers;
}): Promise<AuthUser | null> {
  const authorization = readAuthorization(input.headers);
  if (authorization.kind === "malformed") throw new AppError("INVALID_TOKEN");
  if (authorization.kind === "bearer") {
    const user = await findUserByApiToken(input.db, authorization.token);
    if (!user) throw new AppError("INVALID_TOKEN");
    return user;
  }
  if (!input.headers.get("cookie")) return null;
  const session = await input.auth.api.getSession({ headers: input.headers }).catch(() => null);
  if (!session) return null;
  // Role, export right and the active flag are read fresh, so an admin's change applies immediately.
  const user = await input.db.user.findUnique({ where: { id: session.user.id }, select: AUTH_USER_SELECT });
  return user?.active ? toAuthUser(user, "session") : null;
}
