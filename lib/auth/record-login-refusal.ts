// The audit entry for attempts refused without a password check: one entry per lock (per key and lock
// end), or per key and minute of throttled attempts — however many requests, and however many different
// emails, it stands for. The refusals of a burst are counted in memory while a write is under way and added
// in one UPDATE.
import { recordAuditGroup } from "./audit";
import { createCoalescer } from "./coalesce-by-key";
import { toLockoutKey } from "./client-ip";
import type { DbClient } from "./db-client";
import type { LoginLock } from "./login-attempts";

const coalesce = createCoalescer();

export type Refusal = { reason: "locked"; lock: LoginLock } | { reason: "throttled"; key: LoginLock["key"] };

export async function recordLoginRefusal(
  db: DbClient,
  input: { email: string; ip: string; refusal: Refusal; now?: Date },
): Promise<void> {
  const { email, ip, refusal } = input;
  const key = refusal.reason === "locked" ? refusal.lock.key : refusal.key;
  const keyValue = key === "account" ? email : toLockoutKey(ip);
  const groupKey =
    refusal.reason === "locked"
      ? `login_locked:${key}:${keyValue}:${refusal.lock.lockedUntil.toISOString()}`
      : `login_throttled:${key}:${keyValue}:${(input.now ?? new Date()).toISOString().slice(0, 16)}`;
  await coalesce(groupKey, (count) =>
    recordAuditGroup(db, {
      groupKey,
      count,
      actor: null,
      actorEmail: email,
      action: "login_locked",
      details:
        refusal.reason === "locked"
          ? { key, lockedUntil: refusal.lock.lockedUntil.toISOString() }
          : { key, reason: "throttled" },
      ip,
    }),
  );
}
