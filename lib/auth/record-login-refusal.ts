// The audit entry for attempts refused without a password check: one entry per lock (per key and lock
// end), or per minute of attempts throttled on one account — however many requests it stands for. The
// refusals of a burst are counted in memory while a write is under way and added in one UPDATE.
import { recordAuditGroup } from "./audit";
import { createCoalescer } from "./coalesce-by-key";
import { toLockoutKey } from "./client-ip";
import type { DbClient } from "./db-client";
import type { LoginLock } from "./login-attempts";

const coalesce = createCoalescer();

export async function recordLoginRefusal(
  db: DbClient,
  input: { email: string; ip: string; lock: LoginLock | null; now?: Date },
): Promise<void> {
  const { email, ip, lock } = input;
  const now = input.now ?? new Date();
  const groupKey = lock
    ? `login_locked:${lock.key}:${lock.key === "account" ? email : toLockoutKey(ip)}:${lock.lockedUntil.toISOString()}`
    : `login_throttled:${email}:${now.toISOString().slice(0, 16)}`;
  await coalesce(groupKey, (count) =>
    recordAuditGroup(db, {
      groupKey,
      count,
      actor: null,
      actorEmail: email,
      action: "login_locked",
      details: lock
        ? { key: lock.key, lockedUntil: lock.lockedUntil.toISOString() }
        : { reason: "throttled" },
      ip,
    }),
  );
}
