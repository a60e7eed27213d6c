// Changes to an existing user by an admin: name, role, export permission, region limits, active flag,
// password. Each change and its audit entries are one transaction — a change the last-admin guard refuses
// leaves nothing behind, not even the name typed beside it. The last active admin can never be demoted or
// deactivated: every such transaction first takes one advisory lock, so two admins demoting each other at
// the same moment are judged one after the other and the second is refused.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "./audit";
import { AppError } from "@/lib/api/app-error";
import { checkPasswordRule, hashPassword } from "./password";
import type { Role } from "./permissions";
import { forgetUserSessions } from "./session-cache";

type Audit = { actor: AuditActor; ip?: string | null };

export type UserChanges = {
  name?: string;
  role?: Role;
  canExport?: boolean;
  regions?: string[];
  active?: boolean;
};

// pg_advisory_xact_lock key of "the set of active admins".
const ADMIN_SET_LOCK = 1_310_100;

export async function updateUser(db: PrismaClient, input: Audit & { userId: string; changes: UserChanges }) {
  const updated = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK}::bigint)`;
    const user = await findUser(tx, input.userId);
    const { active, ...fields } = input.changes;
    const role = fields.role ?? user.role;
    const losesAdmin = user.role === "admin" && user.active && (role !== "admin" || active === false);
    if (losesAdmin) await assertAnotherAdmin(tx, user.id);

    const updated = await tx.user.update({
      where: { id: user.id },
      data: {
        name: fields.name?.trim() || undefined,
        role: fields.role,
        // As in createUser: only a supervisor's export right is stored as chosen.
        canExport: role === "supervisor" ? fields.canExport : false,
        // Region limits only mean something for staff; dropping them on a role change avoids stale limits.
        regions: role === "staff" ? fields.regions : [],
        active,
      },
      select: { email: true, name: true, role: true, canExport: true, regions: true, active: true },
    });
    // Deactivating ends the user's sessions and API tokens at once: every request checks the active flag
    // (resolveUser, findUserByApiToken). The session rows stay, so a browser still holding one hears why
    // on the login page (getSignInNotice); activating the account again deletes them, so none comes back.
    if (active === true && !user.active) await tx.session.deleteMany({ where: { userId: user.id } });

    // The entry holds what was stored before and after, only the fields that changed — and no entry when
    // nothing did (a form saved as it was).
    const audit = { actor: input.actor, target: `user ${updated.email}`, ip: input.ip };
    const changed = diffUser(user, updated);
    if (changed) await recordAudit(tx, { ...audit, action: "user_update", details: changed });
    if (active !== undefined && active !== user.active) {
      await recordAudit(tx, { ...audit, action: active ? "user_activate" : "user_deactivate" });
    }
    return updated;
  });
  // After the commit: the next request of this user reads the new role (or no session) from the database.
  forgetUserSessions(input.userId);
  return updated;
}

export async function setUserActive(db: PrismaClient, input: Audit & { userId: string; active: boolean }) {
  await updateUser(db, {
    userId: input.userId,
    changes: { active: input.active },
    actor: input.actor,
    ip: input.ip,
  });
}

/**
 * Sets a new password, signs the user out everywhere and revokes their API tokens, so whoever knew the old
 * password — or took a token while they had it — is out too.
 */
export async function resetUserPassword(
  db: PrismaClient,
  input: Audit & { userId: string; password: string },
) {
  const owner = await db.user.findUnique({ where: { id: input.userId }, select: { email: true } });
  if (!owner) throw new AppError("USER_NOT_FOUND");
  const problem = checkPasswordRule(input.password, { email: owner.email });
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
    const revoked = await tx.apiToken.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "user_password_reset",
      target: `user ${user.email}`,
      details: { revokedTokens: revoked.count },
      ip: input.ip,
    });
  });
  forgetUserSessions(input.userId);
}

type StoredFields = { name: string; role: string; canExport: boolean; regions: string[] };

/** { before, after } of the fields that differ, or null when none does. */
function diffUser(before: StoredFields, after: StoredFields) {
  const keys = (["name", "role", "canExport", "regions"] as const).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  if (keys.length === 0) return null;
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key]])),
  };
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
