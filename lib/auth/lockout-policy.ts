// Decides from recent login attempts whether an account or an IP address is locked, and until when.
// Pure, so the rule is tested without a database; login-attempts.ts feeds it rows from LoginAttempt.

export type LockoutRule = {
  /** This many failures within `windowMs` lock the key… */
  maxFailures: number;
  windowMs: number;
  /** …for this long after the failure that reached the limit. */
  lockMs: number;
  /** Accounts start afresh after a successful login; IP addresses do not (one valid account must not
   *  let an address keep guessing others). */
  resetOnSuccess: boolean;
};

export type Attempt = { at: Date; success: boolean };

/** How far back attempts matter: a lock can start at most one window after the first counted failure. */
export function lookbackMs(rule: LockoutRule): number {
  return rule.windowMs + rule.lockMs;
}

export function findLockedUntil(attempts: readonly Attempt[], rule: LockoutRule, now: Date): Date | null {
  const sorted = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastSuccess = rule.resetOnSuccess ? sorted.findLast((attempt) => attempt.success) : undefined;
  const failures = sorted
    .filter((attempt) => !attempt.success && (!lastSuccess || attempt.at > lastSuccess.at))
    .map((attempt) => attempt.at.getTime());

  let lockedUntil = -Infinity;
  for (let last = rule.maxFailures - 1; last < failures.length; last++) {
    const first = failures[last - rule.maxFailures + 1]!;
    const reached = failures[last]!;
    if (reached - first <= rule.windowMs) lockedUntil = Math.max(lockedUntil, reached + rule.lockMs);
  }
  return lockedUntil > now.getTime() ? new Date(lockedUntil) : null;
}

/** Whole minutes left, rounded up, never 0 while locked (the message says "请 N 分钟后再试"). */
export function minutesUntil(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}
