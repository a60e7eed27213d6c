"use server";
// POST (server action) from 我的账号: change one's own password through better-auth (it verifies the
// current password with the same argon2id hooks) and sign out every other session.
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getAuth } from "@/lib/auth/auth";
import { recordAudit } from "@/lib/auth/audit";
import { getClientIp } from "@/lib/auth/client-ip";
import { requireUser } from "@/lib/auth/current-user";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { db } from "@/lib/db";

export type PasswordState = { ok: boolean; message: string } | null;

const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "请输入当前密码"),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `新密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
      .max(MAX_PASSWORD_LENGTH, `新密码最多 ${MAX_PASSWORD_LENGTH} 个字符`),
    confirmPassword: z.string(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, "两次输入的新密码不一致");

export async function changePassword(_state: PasswordState, formData: FormData): Promise<PasswordState> {
  const user = await requireUser();
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "输入有误" };
  const requestHeaders = await headers();
  try {
    await getAuth(requestHeaders).api.changePassword({
      body: {
        currentPassword: parsed.data.currentPassword,
        newPassword: parsed.data.newPassword,
        revokeOtherSessions: true,
      },
      headers: requestHeaders,
    });
  } catch (error) {
    if (isAPIError(error)) return { ok: false, message: "当前密码不正确" };
    throw error;
  }
  await recordAudit(db, {
    actor: { id: user.id, email: user.email },
    action: "password_change",
    target: `user ${user.email}`,
    ip: getClientIp(requestHeaders),
  });
  // better-auth replaced this browser's session (the old one ended with the others): reload with the new
  // cookie rather than re-render this request, which still carries the old one.
  redirect("/account?changed=1");
}
