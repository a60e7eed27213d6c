import { describe, expect, it } from "vitest";
import { findLockedUntil, minutesUntil, type Attempt, type LockoutRule } from "./lockout-policy";

const MINUTE = 60_000;
const rule: LockoutRule = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
  resetOnSuccess: true,
};
const now = new Date("2026-11-29T12:00:00Z");

function at(minutesAgo: number, success = false): Attempt {
  return { at: new Date(now.getTime() - minutesAgo * MINUTE), success };
}

describe("findLockedUntil", () => {
  it("does not lock below the limit", () => {
    expect(findLockedUntil([at(4), at(3), at(2), at(1)], rule, now)).toBeNull();
  });

  it("locks for the lock time after the failure that reached the limit", () => {
    const lockedUntil = findLockedUntil([at(5), at(4), at(3), at(2), at(1)], rule, now);
    expect(lockedUntil).toEqual(new Date(now.getTime() + 14 * MINUTE));
  });

  it("ignores the order the rows come in", () => {
    expect(findLockedUntil([at(1), at(3), at(5), at(2), at(4)], rule, now)).not.toBeNull();
  });

  it("does not lock when the failures are spread over more than the window", () => {
    expect(findLockedUntil([at(29), at(20), at(10), at(5), at(1)], rule, now)).toBeNull();
  });

  it("unlocks once the lock time has passed", () => {
    expect(findLockedUntil([at(40), at(39), at(38), at(37), at(36)], rule, now)).toBeNull();
  });

  it("starts afresh after a success when the rule says so", () => {
    const attempts = [at(6), at(5), at(4), at(3, true), at(2), at(1)];
    expect(findLockedUntil(attempts, rule, now)).toBeNull();
    expect(findLockedUntil(attempts, { ...rule, maxFailures: 5, resetOnSuccess: false }, now)).not.toBeNull();
  });

  it("takes the latest lock when several windows reach the limit", () => {
    const attempts = [at(12), at(11), at(10), at(9), at(8), at(2)];
    expect(findLockedUntil(attempts, rule, now)).toEqual(new Date(now.getTime() + 13 * MINUTE));
  });
});

describe("minutesUntil", () => {
  it.each([
    [15 * MINUTE, 15],
    [14 * MINUTE + 1, 15],
    [30_000, 1],
    [0, 1],
  ])("%i ms left → %i minutes", (left, minutes) => {
    expect(minutesUntil(new Date(now.getTime() + left), now)).toBe(minutes);
  });
});
