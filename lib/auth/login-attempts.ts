// Login attempts in PostgreSQL (LoginAttempt), so lockout survives restarts and holds across workers.
// Two keys: the account (email) and the client IP; either one being locked refuses the attempt.
import type { AuthConfig } from "./config";
import type { DbClient } from "./db-client";
import { findLockedUntil, lookbackMs, type LockoutRule } from "./lockout-policy";

// Rows older than this are of no use to any rule and are pruned as new attempts come in.
const KEEP_MS = 24 * 60 * 60_000;

export type LoginLock = { lockedUntil: Date; key: "account" | "ip" };

export function toLockoutRules(lockout: AuthConfig["lockout"]): { account: LockoutRule; ip: LockoutRule } {
  const { windowMs, lockMs } = lockout;
  return {
    account: { maxFailures: lockout.maxFailures, windowMs, lockMs, resetOnSuccess: true },
    ip: { maxFailures: lockout.maxFailuresPerIp, windowMs, lockMs, resetOnSuccess: false },
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findLoginLock(
  db: DbClient,
  input: { email: string; ip: string | null; lockout: AuthConfig["lockout"]; now?: Date },
): Promise<LoginLock | null> {
  const now = input.now ?? new Date();
  const rules = toLockoutRules(input.lockout);
  const since = new Date(now.getTime() - Math.max(lookbackMs(rules.account), lookbackMs(rules.ip)));
  const select = { at: true, success: true } as const;
  const [byAccount, byIp] = await Promise.all([
    db.loginAttempt.findMany({ where: { email: normalizeEmail(input.email), at: { gte: since } }, select }),
    input.ip ? db.loginAttempt.findMany({ where: { ip: input.ip, at: { gte: since } }, select }) : [],
  ]);
  const accountLock = findLockedUntil(byAccount, rules.account, now);
  if (accountLock) return { lockedUntil: accountLock, key: "account" };
  const ipLock = findLockedUntil(byIp, rules.ip, now);
  return ipLock ? { lockedUntil: ipLock, key: "ip" } : null;
}

export async function recordLoginAttempt(
  db: DbClient,
  input: { email: string; ip: string | null; success: boolean; now?: Date },
): Promise<void> {
  const at = input.now ?? new Date();
  await db.loginAttempt.create({
    data: { email: normalizeEmail(input.email), ip: input.ip, success: input.success, at },
  });
  await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(at.getTime() - KEEP_MS) } } });
}
