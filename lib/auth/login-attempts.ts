// Login attempts in PostgreSQL (LoginAttempt), so lockout survives restarts and holds across workers.
// Two keys: the account (email) and the client address (its lockout key); either one being locked refuses
// the attempt. An attempt is RESERVED before the password is checked — a pending row, counted as a failure
// — under a transaction-scoped advisory lock per key, so parallel guesses see each other: a burst of 59
// wrong passwords gets one password check, not 59: one account has at most one check in flight, and a
// guess arriving meanwhile is refused as "busy" and counted as a failure. The caller settles the reservation.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthConfig } from "./config";
import type { DbClient } from "./db-client";
import { findLockedUntil, lookbackMs, type Attempt, type LockoutRule } from "./lockout-policy";
import { withKeyLock } from "./with-key-lock";

// Rows older than this are of no use to any rule; they are pruned now and then as attempts come in.
const KEEP_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;
// A reservation never settled (its process died mid-check) stops blocking the account after this long;
// it still counts as a failure.
const PENDING_MS = 60_000;
// Advisory lock namespaces (first key of pg_advisory_xact_lock(int, int)).
const ACCOUNT_LOCK_SPACE = 1_310_001;
const IP_LOCK_SPACE = 1_310_002;

export type LoginLock = { lockedUntil: Date; key: "account" | "ip" };

export type Reservation =
  { ok: true; id: number } | { ok: false; reason: "locked"; lock: LoginLock } | { ok: false; reason: "busy" };

type Lockout = AuthConfig["lockout"];
type AttemptRow = Attempt & { pending: boolean };

export function toLockoutRules(lockout: Lockout): { account: LockoutRule; ip: LockoutRule } {
  const { windowMs, lockMs } = lockout;
  return {
    account: { maxFailures: lockout.maxFailures, windowMs, lockMs, resetOnSuccess: true },
    ip: { maxFailures: lockout.maxFailuresPerIp, windowMs, lockMs, resetOnSuccess: false },
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether the account or the address is locked now (reads only; reserveLoginAttempt decides for real). */
export async function findLoginLock(
  db: DbClient,
  input: { email: string; ip: string; lockout: Lockout; now?: Date },
): Promise<LoginLock | null> {
  const now = input.now ?? new Date();
  const { byAccount, byIp } = await readAttempts(db, { ...input, now });
  return judgeLock({ byAccount, byIp, lockout: input.lockout, now });
}

/**
 * Reserves one password check for (email, ip), or says why not. Requests for a key that is locked already
 * are refused from a plain read; the rest queue per key (in this process, then by advisory lock across
 * processes) and decide on what every earlier attempt left behind.
 */
export async function reserveLoginAttempt(
  db: PrismaClient,
  input: { email: string; ip: string; lockout: Lockout; now?: () => Date },
): Promise<Reservation> {
  const email = normalizeEmail(input.email);
  const clock = input.now ?? (() => new Date());
  const early = await findLoginLock(db, { email, ip: input.ip, lockout: input.lockout, now: clock() });
  if (early) return { ok: false, reason: "locked", lock: early };
  pruneNowAndThen(db, clock());

  return withKeyLock(`login:account:${email}`, () =>
    withKeyLock(`login:ip:${input.ip}`, () =>
      db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_LOCK_SPACE}::int, hashtext(${email}))`;
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IP_LOCK_SPACE}::int, hashtext(${input.ip}))`;
          const now = clock();
          const { byAccount, byIp } = await readAttempts(tx, {
            email,
            ip: input.ip,
            lockout: input.lockout,
            now,
          });
          const lock = judgeLock({ byAccount, byIp, lockout: input.lockout, now });
          if (lock) return { ok: false, reason: "locked", lock } as const;
          const busy = byAccount.some((row) => row.pending && now.getTime() - row.at.getTime() < PENDING_MS);
          // A guess refused for arriving while another is being checked still counts as a failed guess:
          // 59 sent at once lock the account as 59 sent one by one would, with one password check.
          const row = await tx.loginAttempt.create({
            data: { email, ip: input.ip, success: false, pending: !busy, at: now },
            select: { id: true },
          });
          return busy ? ({ ok: false, reason: "busy" } as const) : ({ ok: true, id: row.id } as const);
        },
        // Waiting for a connection or a lock under a burst is normal; Prisma's 2 s / 5 s defaults are not.
        { maxWait: 15_000, timeout: 15_000 },
      ),
    ),
  );
}

/** success / failure: the check happened; void: it never did (the server was too busy to run it). */
export async function settleLoginAttempt(
  db: DbClient,
  input: { id: number; outcome: "success" | "failure" | "void" },
): Promise<void> {
  if (input.outcome === "void") {
    await db.loginAttempt.deleteMany({ where: { id: input.id } });
    return;
  }
  await db.loginAttempt.updateMany({
    where: { id: input.id },
    data: { pending: false, success: input.outcome === "success" },
  });
}

async function readAttempts(
  db: DbClient,
  input: { email: string; ip: string; lockout: Lockout; now: Date },
): Promise<{ byAccount: AttemptRow[]; byIp: AttemptRow[] }> {
  const rules = toLockoutRules(input.lockout);
  const since = new Date(input.now.getTime() - Math.max(lookbackMs(rules.account), lookbackMs(rules.ip)));
  const select = { at: true, success: true, pending: true } as const;
  const [byAccount, byIp] = await Promise.all([
    db.loginAttempt.findMany({ where: { email: normalizeEmail(input.email), at: { gte: since } }, select }),
    db.loginAttempt.findMany({ where: { ip: input.ip, at: { gte: since } }, select }),
  ]);
  return { byAccount, byIp };
}

function judgeLock(input: {
  byAccount: AttemptRow[];
  byIp: AttemptRow[];
  lockout: Lockout;
  now: Date;
}): LoginLock | null {
  const rules = toLockoutRules(input.lockout);
  const accountLock = findLockedUntil(input.byAccount, rules.account, input.now);
  if (accountLock) return { lockedUntil: accountLock, key: "account" };
  const ipLock = findLockedUntil(input.byIp, rules.ip, input.now);
  return ipLock ? { lockedUntil: ipLock, key: "ip" } : null;
}

let lastPrunedAt = 0;

function pruneNowAndThen(db: PrismaClient, now: Date): void {
  if (now.getTime() - lastPrunedAt < PRUNE_EVERY_MS) return;
  lastPrunedAt = now.getTime();
  void db.loginAttempt
    .deleteMany({ where: { at: { lt: new Date(now.getTime() - KEEP_MS) } } })
    .catch((error: unknown) => console.error("[auth] pruning login attempts failed", error));
}
