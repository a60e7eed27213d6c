// /admin/users/<id> naming no user — a malformed id (%00, 70 characters) or one that does not exist — must
// answer 404 before the page starts streaming (once the loading skeleton is sent the status is fixed at
// 200). The proxy asks this only for admins, so nobody else can probe which ids exist.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { userIdSchema } from "./admin-schemas";

const ADMIN_USER_PAGE = /^\/admin\/users\/([^/]+)\/?$/;

export async function isMissingAdminUser(db: PrismaClient, pathname: string): Promise<boolean> {
  const segment = ADMIN_USER_PAGE.exec(pathname)?.[1];
  if (segment === undefined) return false;
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return true; // "%E0%A4%A" is no id at all
  }
  const parsed = userIdSchema.safeParse(id);
  if (!parsed.success) return true;
  return (await db.user.findUnique({ where: { id: parsed.data }, select: { id: true } })) === null;
}
