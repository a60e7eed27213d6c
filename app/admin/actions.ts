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
import { AppError } from "@/lib/api/app-error";
import { actionFailure } from "@/lib/api/error-response";
import { getRequestIp } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/create-user";
import { findTokenOwner } from "@/lib/auth/list-users";
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

function failure(error: unknown): ActionState {
  // A zod problem shows its own message (the schemas' Chinese words), without the field path.
  if (error instanceof z.ZodError) return { ok: false, message: error.issues[0]?.message ?? "输入有误" };
  const { message } = actionFailure(error);
  return { ok: false, message };
}

async function run(work: () => Promise<string>): Promise<ActionState> {
  try {
    const message = await work();
    revalidatePath("/admin", "layout");
    return { ok: true, message };
  } catch (error) {
    return failure(error);
  }
}

export async function createUserAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  return run(async () => {
    const input = createUserInputSchema.parse({
      ...fields(formData),
      canExport: formData.get("canExport") ?? false,
    });
    const user = await createUser(db, { ...input, ...audit });
    return `已创建用户 ${user.email}`;
  });
}

export async function updateUserAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  return run(async () => {
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
  return run(async () => {
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
  return run(async () => {
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
    };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeTokenAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const audit = await authorise();
  return run(async () => {
    const id = tokenIdSchema.parse(formData.get("tokenId"));
    const revoked = await revokeApiToken(db, { id, ...audit });
    if (!revoked) throw new AppError("TOKEN_NOT_FOUND");
    return `已吊销令牌 ${revoked.prefix}…`;
  });
}
