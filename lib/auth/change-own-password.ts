// A signed-in user changes their own password (我的账号). The current password is a password guess like
// any sign-in: it is reserved against the same lockout (account and address), a wrong one counts as a
// failed login and is audited, and a locked account cannot guess here either. On success the new hash is
// stored, every OTHER session of the user ends, and the change is audited — in one transaction.
import { AppError } from "@/lib/api/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { toLockoutKey } from "./client-ip";
import type { AuthConfig } from "./config";
import { minutesUntil } from "./lockout-policy";
import { reserveLoginAttempt, settleLoginAttempt, type LockMemory } from "./login-attempts";
import { lockedMessage } from "./login-messages";
import { MAX_PASSWORD_LENGTH, asClient, checkPasswordRule, hashPassword, verifyPassword } from "./password";
import { recordLoginRefusal } from "./record-login-refusal";
import { forgetUserSessions } from "./session-cache";

export async function changeOwnPassword(
  db: PrismaClient,
  input: {
    user: { id: string; email: string };
    /** The session making the change: it stays, all others end. */
    sessionId: string | null;
    currentPassword: string;
    newPassword: string;
    ip: string;
    lockout: AuthConfig["lockout"];
    lockMemory?: LockMemory;
  },
): Promise<{ endedSessions: number }> {
  const { user, ip } = input;
  if (input.currentPassword.length > MAX_PASSWORD_LENGTH) throw new AppError("INPUT_TOO_LONG");
  const problem = checkPasswordRule(input.newPassword, { email: user.email });
  if (problem) throw new AppError("WEAK_PASSWORD", problem);

  const reservation = await reserveLoginAttempt(db, {
    email: user.email,
    ip: toLockoutKey(ip),
    lockout: input.lockout,
    memory: input.lockMemory,
  });
  if (!reservation.ok) {
    await recordLoginRefusal(db, { email: user.email, ip, refusal: reservation });
    if (reservation.reason === "throttled") throw new AppError("LOGIN_THROTTLED");
    throw new AppError("LOGIN_LOCKED", lockedMessage(minutesUntil(reservation.lock.lockedUntil, new Date())));
  }

  let correct: boolean;
  try {
    const account = await db.account.findFirst({
      where: { userId: user.id, providerId: "credential" },
      select: { password: true },
    });
    const stored = account?.password;
    correct = stored
      ? await asClient(toLockoutKey(ip), () =>
          verifyPassword({ hash: stored, password: input.currentPassword }),
        )
      : false;
  } catch (error) {
    await settleLoginAttempt(db, { id: reservation.id, outcome: "void" });
    throw error;
  }
  if (!correct) {
    await settleLoginAttempt(db, { id: reservation.id, outcome: "failure" });
    await recordAudit(db, {
      actor: user,
      action: "password_change_failed",
      target: `user ${user.email}`,
      ip,
    });
    throw new AppError("WRONG_PASSWORD");
  }
  await settleLoginAttempt(db, { id: reservation.id, outcome: "success" });

  const password = await hashPassword(input.newPassword);
  const result = await db.$transaction(async (tx) => {
    await tx.account.updateMany({ where: { userId: user.id, providerId: "credential" }, data: { password } });
    const ended = await tx.session.deleteMany({
      where: { userId: user.id, ...(input.sessionId ? { id: { not: input.sessionId } } : {}) },
    });
    await recordAudit(tx, {
      actor: user,
      action: "password_change",
      target: `user ${user.email}`,
      details: { endedSessions: ended.count },
      ip,
    });
    return { endedSessions: ended.count };
  });
  // The other sessions just ended must not live on in this process's session cache.
  forgetUserSessions(user.id);
  return result;
}
