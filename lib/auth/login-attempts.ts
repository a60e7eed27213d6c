// Login attempts in PostgreSQL (LoginAttempt), so lockout survives restarts and holds across workers.
// Two keys: the account (email) and the client address (its lockout key); either one being locked refuses
// the attempt. An attempt is RESERVED before the password is checked — a pending row — under a
// transaction-scoped advisory lock per key, so parallel guesses see each other. A key admits a new check
// only while its failures plus its checks in flight stay under its limit: a burst of 59 wrong passwords gets
// at most LOGIN_MAX_FAILURES checks (at once, at most that many), the rest are turned away as "throttled"
// (not counted, nothing was judged), and once those checks fail the account is locked. The caller settles
// the reservation as success, failure or void.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthConfig } from "./config";
import type { DbClient } from "./db-client";
import { findLockedUntil, lookbackMs, type Attempt, type LockoutRule } from "./lockout-policy";
import { withKeyLock } from "./with-key-lock";

// Rows older than this are of no use to any rule; they are pruned now and then as attempts come in.
const KEEP_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;
// A reservation never settled (its process died mid-check) counts as a settled failure after this long.
const PENDING_MS = 60_000;
// Advisory lock namespaces (first key of pg_advisory_xact_lock(int, int)).
const ACCOUNT_LOCK_SPACE = 1_310_001;
const IP_LOCK_SPACE = 1_310_002;

export type LoginLock = { lockedUntil: Date; key: "account" | "ip" };

export type Reservation =
  | { ok: true; id: number }
  | { ok: false; reason: "locked"; lock: LoginLock }
  /** Not locked, but the checks in flight could use up what the key has left: try again in a moment. */
  | { ok: false; reason: "throttled"; key: LoginLock["key"] };

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

/**
 * Locks this process has seen, until they end: a burst against a locked key is refused from memory, not
 * with a database round trip per request. Exact, because nothing lifts a lock before its time.
 */
export type LockMemory = Map<string, LoginLock>;

export function createLockMemory(): LockMemory {
  return new Map();
}

const MAX_REMEMBERED_LOCKS = 10_000;

function recallLock(memory: LockMemory | undefined, keys: string[], now: Date): LoginLock | null {
  for (const key of keys) {
    const lock = memory?.get(key);
    if (lock && lock.lockedUntil > now) return lock;
    if (lock) memory!.delete(key);
  }
  return null;
}

function rememberLock(memory: LockMemory | undefined, key: string, lock: LoginLock): void {
  if (!memory) return;
  if (memory.size >= MAX_REMEMBERED_LOCKS) memory.delete(memory.keys().next().value!);
  memory.set(key, lock);
}

/**
 * Reserves one password check for (email, ip), or says why not. Requests queue per key — in this process,
 * then by advisory lock across processes — and decide on what every earlier attempt left behind; once a
 * key is locked, the rest of a burst is refused from `memory`.
 */
export async function reserveLoginAttempt(
  db: PrismaClient,
  input: { email: string; ip: string; lockout: Lockout; memory?: LockMemory; now?: () => Date },
): Promise<Reservation> {
  const email = normalizeEmail(input.email);
  const clock = input.now ?? (() => new Date());
  const keys = { account: `account:${email}`, ip: `ip:${input.ip}` };
  pruneNowAndThen(db, clock());

  return withKeyLock(`login:${keys.account}`, () =>
    withKeyLock(`login:${keys.ip}`, async () => {
      const remembered = recallLock(input.memory, [keys.account, keys.ip], clock());
      if (remembered) return { ok: false, reason: "locked", lock: remembered } as const;
      const reservation = await db.$transaction(
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
          const settled = (rows: AttemptRow[]) => rows.filter((row) => !inFlight(row, now));
          const lockout = input.lockout;
          const lock = judgeLock({ byAccount: settled(byAccount), byIp: settled(byIp), lockout, now });
          if (lock) return { ok: false, reason: "locked", lock } as const;
          // Were every check in flight to fail, would this key be locked? Then one more may not start.
          const crowded = judgeLock({ byAccount, byIp, lockout, now });
          if (crowded) return { ok: false, reason: "throttled", key: crowded.key } as const;
          const row = await tx.loginAttempt.create({
            data: { email, ip: input.ip, success: false, pending: true, at: now },
            select: { id: true },
          });
          return { ok: true, id: row.id } as const;
        },
        // Waiting for a connection or a lock under a burst is normal; Prisma's 2 s / 5 s defaults are not.
        { maxWait: 15_000, timeout: 15_000 },
      );
      if (!reservation.ok && reservation.reason === "locked") {
        rememberLock(input.memory, keys[reservation.lock.key], reservation.lock);
      }
      return reservation;
    }),
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

function inFlight(row: AttemptRow, now: Date): boolean {
  return row.pending && now.getTime() - row.at.getTime() < PENDING_MS;
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
