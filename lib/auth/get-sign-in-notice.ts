// Why a browser lands on the login page, when it can be told: a session cookie whose account an admin has
// deactivated meanwhile. Only someone holding that session hears it (a stranger guessing passwords is
// answered exactly as for a wrong password), so nothing leaks about other accounts.
import "server-only";
import { db } from "@/lib/db";
import { getAuth } from "./auth";

export const DEACTIVATED_NOTICE = "您的账号已被管理员停用，登录已结束。如需继续使用，请联系管理员。";

export async function getSignInNotice(headers: Headers): Promise<string | null> {
  if (!headers.get("cookie")) return null;
  const session = await getAuth(headers)
    .api.getSession({ headers })
    .catch(() => null);
  if (!session) return null;
  const user = await db.user.findUnique({ where: { id: session.user.id }, select: { active: true } });
  return user && !user.active ? DEACTIVATED_NOTICE : null;
}
