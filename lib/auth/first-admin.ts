// First start: with no users at all, create an admin so someone can log in. ADMIN_EMAIL/ADMIN_PASSWORD
// when set; otherwise admin@nianbao.local with a generated password printed once (it is stored only hashed).
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/api/app-error";
import { createUser } from "./create-user";
import { toDisplayEmail } from "./to-stored-email";

export const DEFAULT_ADMIN_EMAIL = "admin@nianbao.local";

export type FirstAdminResult =
  { created: false } | { created: true; email: string; generatedPassword: string | null };

export async function ensureFirstAdmin(
  db: PrismaClient,
  options: { env?: Record<string, string | undefined>; log?: (message: string) => void } = {},
): Promise<FirstAdminResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? console.log;
  if ((await db.user.count()) > 0) return { created: false };

  const requested = env.ADMIN_EMAIL?.trim() || DEFAULT_ADMIN_EMAIL;
  const configured = env.ADMIN_PASSWORD || null;
  const password = configured ?? randomBytes(12).toString("base64url");
  let email: string;
  try {
    ({ email } = await createUser(db, {
      email: requested,
      name: "管理员",
      role: "admin",
      password,
      actor: null,
    }));
  } catch (error) {
    // Another process created the first admin between our count and our insert: nothing left to do.
    if (error instanceof AppError && error.code === "EMAIL_TAKEN") return { created: false };
    throw error;
  }
  if (configured) {
    log(`已创建首个管理员账号 ${toDisplayEmail(email)}，密码为 ADMIN_PASSWORD 中设置的密码。`);
  } else {
    log(
      [
        "",
        "  ┌──────────────────────────────────────────────────────────────",
        "  │ 已创建首个管理员账号（密码只显示这一次）：",
        `  │   邮箱：${toDisplayEmail(email)}`,
        `  │   密码：${password}`,
        "  │ 登录后请在「用户管理」中修改密码或新建个人账号。",
        "  └──────────────────────────────────────────────────────────────",
        "",
      ].join("\n"),
    );
  }
  return { created: true, email, generatedPassword: configured ? null : password };
}
