// Changes to an existing user by an admin: role, export permission, region limits, active flag, password.
// Each change and its audit entry are one transaction; the last active admin cannot be demoted or
// deactivated, so the system can never lock its administrators out.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "./audit";
import { AppError } from "@/lib/api/app-error";
import { checkPasswordRule, hashPassword } from "./password";
import type { Role } from "./permissions";

type Audit = { actor: AuditActor; ip?: string | null };

export type UserChanges = { name?: string; role?: Role; canExport?: boolean; regions?: string[] };

export async function updateUser(db: PrismaClient, input: Audit & { userId: string; changes: UserChanges }) {
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    const { changes } = input;
    if (user.role === "admin" && changes.role && changes.role !== "admin")
      await assertAnotherAdmin(tx, user.id);
    const role = changes.role ?? user.role;
    const updated = await tx.user.update({
      where: { id: user.id },
      data: {
        name: changes.name?.trim() || undefined,
        role: changes.role,
        canExport: changes.canExport,
        // Region limits only mean something for staff; dropping them on a role change avoids stale limits.
        regions: role === "staff" ? changes.regions : [],
      },
      select: { email: true, role: true, canExport: true, regions: true },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "user_update",
      target: `user ${updated.email}`,
      details: {
        before: { role: user.role, canExport: user.canExport, regions: user.regions },
        after: updated,
      },
      ip: input.ip,
    });
    return updated;
  });
}

/** Deactivating also ends the user's sessions at once; their API tokens stop working (checked per request). */
export async function setUserActive(db: PrismaClient, input: Audit & { userId: string; active: boolean }) {
  await db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    if (!input.active && user.role === "admin") await assertAnotherAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { active: input.active } });
    if (!input.active) await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actor: input.actor,
      action: input.active ? "user_activate" : "user_deactivate",
      target: `user ${user.email}`,
      ip: input.ip,
    });
  });
}

/** Sets a new password and signs the user out everywhere, so whoever knew the old one is out too. */
export async function resetUserPassword(
  db: PrismaClient,
  input: Audit & { userId: string; password: string },
) {
  const problem = checkPasswordRule(input.password);
  if (problem) throw new AppError("WEAK_PASSWORD", problem);
  const password = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    const account = await tx.account.findFirst({ where: { userId: user.id, providerId: "credential" } });
    if (account) await tx.account.update({ where: { id: account.id }, data: { password } });
    else {
      await tx.account.create({
        data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password },
      });
    }
    await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actor: input.actor,
      action: "user_password_reset",
      target: `user ${user.email}`,
      ip: input.ip,
    });
  });
}

async function findUser(tx: Prisma.TransactionClient, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("USER_NOT_FOUND");
  return user;
}

async function assertAnotherAdmin(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (others === 0) throw new AppError("LAST_ADMIN");
}
