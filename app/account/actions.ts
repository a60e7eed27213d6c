"use server";
// POST (server action) from 我的账号: change one's own password. The current password counts toward the
// login lockout like a sign-in (lib/auth/change-own-password.ts); every other session of the user ends.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionFailure } from "@/lib/api/error-response";
import { getAuth, getAuthConfig, getRequestIp, lockMemory } from "@/lib/auth/auth";
import { changeOwnPassword } from "@/lib/auth/change-own-password";
import { requireUser } from "@/lib/auth/current-user";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { db } from "@/lib/db";

export type PasswordState = { ok: boolean; message: string } | null;

const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, "请输入当前密码")
      .max(MAX_PASSWORD_LENGTH, `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `新密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
      .max(MAX_PASSWORD_LENGTH, `新密码最多 ${MAX_PASSWORD_LENGTH} 个字符`),
    confirmPassword: z.string().max(MAX_PASSWORD_LENGTH),
  })
  .refine((input) => input.newPassword === input.confirmPassword, "两次输入的新密码不一致");

export async function changePassword(_state: PasswordState, formData: FormData): Promise<PasswordState> {
  const user = await requireUser();
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "输入有误" };
  const requestHeaders = await headers();
  const session = await getAuth(requestHeaders)
    .api.getSession({ headers: requestHeaders })
    .catch(() => null);
  try {
    await changeOwnPassword(db, {
      user: { id: user.id, email: user.email },
      sessionId: session?.session.id ?? null,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      ip: getRequestIp(requestHeaders),
      lockout: getAuthConfig().lockout,
      lockMemory,
    });
  } catch (error) {
    return { ok: false, message: actionFailure(error).message };
  }
  redirect("/account?changed=1");
}
