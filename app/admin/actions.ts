"use server";
// Server actions of the admin pages. Each checks the caller is an admin first (server actions are
// reachable by POST on their own, whatever page showed the form), parses with the same zod schemas as
// the admin API, and records who did it through lib/auth.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { db } from "@/lib/db";
import {
  createTokenInputSchema,
  createUserInputSchema,
  resetPasswordInputSchema,
  tokenIdSchema,
  updateUserInputSchema,
  userIdSchema,
} from "@/lib/auth/admin-schemas";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { AppError, type AppErrorCode } from "@/lib/api/app-error";
import { actionFailure } from "@/lib/api/error-response";
import { getRequestIp } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/create-user";
import { findTokenOwner } from "@/lib/auth/list-users";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { requirePermission } from "@/lib/auth/current-user";
import { resetUserPassword, setUserActive, updateUser } from "@/lib/auth/update-user";
import type { ActionState } from "./action-state";

async function authorise() {
  const admin = await requirePermission("manage_users");
  return { actor: { id: admin.id, email: admin.email }, ip: getRequestIp(await headers()) };
}

function fields(formData: FormData): Record<string, string> {
  const entries = [...formData.entries()].filter(([key]) => !key.startsWith("$ACTION"));
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

// Which field a refusal is about, when its code says so.
const FIELD_OF_CODE: Partial<Record<AppErrorCode, string>> = {
  EMAIL_TAKEN: "email",
  INVALID_EMAIL: "email",
  WEAK_PASSWORD: "password",
};

/** The refusal for the form: its message, the field it concerns, and what was typed (passwords left out). */
function failure(error: unknown, formData?: FormData): ActionState {
  const typed = formData ? fields(formData) : {};
  delete typed.password;
  const answer = { ok: false, values: typed, answeredAt: Date.now() };
  // A zod problem shows its own message (the Chinese error map), at the field it names.
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return { ...answer, message: issue?.message ?? "输入有误", field: issue?.path[0]?.toString() };
  }
  const { code, message } = actionFailure(error);
  return { ...answer, message, field: FIELD_OF_CODE[code] };
}

async function run(formData: FormData, work: () => Promise<string>): Promise<ActionState> {
  try {
    const message = await work();
    revalidatePath("/admin", "layout");
    return { ok: true, message, answeredAt: Date.now() };
  } catch (error) {
    return failure(error, formData);
  }
}

export async function createUserAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  return run(formData, async () => {
    const input = createUserInputSchema.parse({
      ...fields(formData),
      canExport: formData.get("canExport") ?? false,
    });
    const user = await createUser(db, { ...input, ...audit });
    return `已创建用户 ${toDisplayEmail(user.email)}`;
  });
}

export async function updateUserAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  return run(formData, async () => {
    const userId = userIdSchema.parse(formData.get("userId"));
    const { active: _active, ...changes } = updateUserInputSchema.parse({
      name: formData.get("name") || undefined,
      role: formData.get("role") ?? undefined,
      regions: formData.get("regions") ?? "",
      canExport: formData.get("canExport") ?? false,
    });
    await updateUser(db, { userId, changes, ...audit });
    return "已保存";
  });
}

export async function setActiveAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  return run(formData, async () => {
    const userId = userIdSchema.parse(formData.get("userId"));
    const active = formData.get("active") === "true";
    // Locking oneself out by a slip of the mouse helps nobody; another admin can do it if it is meant.
    if (!active && userId === audit.actor.id) throw new AppError("FORBIDDEN", "不能停用自己的账号");
    await setUserActive(db, { userId, active, ...audit });
    return active ? "已启用该账号" : "已停用该账号，其登录会话已全部结束";
  });
}

export async function resetPasswordAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  return run(formData, async () => {
    const userId = userIdSchema.parse(formData.get("userId"));
    const { password } = resetPasswordInputSchema.parse({ password: formData.get("password") });
    await resetUserPassword(db, { userId, password, ...audit });
    return "已重置密码，该用户需用新密码重新登录";
  });
}

export async function createTokenAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  try {
    const input = createTokenInputSchema.parse(fields(formData));
    const owner = await findTokenOwner(db, input);
    if (!owner) throw new AppError("USER_NOT_FOUND");
    const { token, row } = await createApiToken(db, { userId: owner.id, name: input.name, ...audit });
    revalidatePath("/admin", "layout");
    return {
      ok: true,
      message: `已为 ${row.userEmail} 创建令牌「${row.name}」。令牌只显示这一次，请立即复制保存：`,
      token,
      answeredAt: Date.now(),
    };
  } catch (error) {
    return failure(error, formData);
  }
}

export async function revokeTokenAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  return run(formData, async () => {
    const id = tokenIdSchema.parse(formData.get("tokenId"));
    const revoked = await revokeApiToken(db, { id, ...audit });
    if (!revoked) throw new AppError("TOKEN_NOT_FOUND");
    return `已吊销令牌 ${revoked.prefix}…`;
  });
}
