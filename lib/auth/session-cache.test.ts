import { describe, expect, it } from "vitest";
import type { AuthUser } from "./auth-user";
import {
  SESSION_CACHE_TTL_MS,
  currentSessionGeneration,
  forgetUserSessions,
  readCachedSession,
  rememberSession,
  sessionCacheKey,
} from "./session-cache";

let counter = 0;
function makeUser(): AuthUser {
  counter += 1;
  return {
    id: `session-cache-user-${counter}`,
    email: `u${counter}@example.test`,
    name: "测试",
    role: "analyst",
    canExport: true,
    regions: [],
    via: "session",
  };
}

const IN_AN_HOUR = new Date(Date.now() + 3_600_000);

describe("session cache", () => {
  it("answers a remembered session until its time is up", () => {
    const user = makeUser();
    const key = sessionCacheKey(`better-auth.session_token=${user.id}`, false);
    const now = Date.now();
    rememberSession({ key, user, sessionExpiresAt: IN_AN_HOUR, generation: currentSessionGeneration(), now });
    expect(readCachedSession(key, now + 1)).toEqual(user);
    expect(readCachedSession(key, now + SESSION_CACHE_TTL_MS - 1)).toEqual(user);
    expect(readCachedSession(key, now + SESSION_CACHE_TTL_MS)).toBeUndefined();
  });

  it("never outlives the session's own expiry", () => {
    const user = makeUser();
    const key = sessionCacheKey(`c=${user.id}`, false);
    const now = Date.now();
    rememberSession({
      key,
      user,
      sessionExpiresAt: new Date(now + 1000),
      generation: currentSessionGeneration(),
      now,
    });
    expect(readCachedSession(key, now + 999)).toEqual(user);
    expect(readCachedSession(key, now + 1000)).toBeUndefined();
    const expired = sessionCacheKey(`expired=${user.id}`, false);
    rememberSession({
      key: expired,
      user,
      sessionExpiresAt: new Date(now - 1),
      generation: currentSessionGeneration(),
      now,
    });
    expect(readCachedSession(expired, now)).toBeUndefined();
  });

  it("forgets every session of a user at once, and only that user's", () => {
    const user = makeUser();
    const other = makeUser();
    const keys = [sessionCacheKey(`a=${user.id}`, false), sessionCacheKey(`b=${user.id}`, true)];
    const otherKey = sessionCacheKey(`a=${other.id}`, false);
    for (const key of keys)
      rememberSession({ key, user, sessionExpiresAt: IN_AN_HOUR, generation: currentSessionGeneration() });
    rememberSession({
      key: otherKey,
      user: other,
      sessionExpiresAt: IN_AN_HOUR,
      generation: currentSessionGeneration(),
    });
    forgetUserSessions(user.id);
    for (const key of keys) expect(readCachedSession(key)).toBeUndefined();
    expect(readCachedSession(otherKey)).toEqual(other);
  });

  it("does not remember a lookup that was under way when a user was forgotten", () => {
    const user = makeUser();
    const key = sessionCacheKey(`race=${user.id}`, false);
    const generation = currentSessionGeneration();
    // …the lookup reads the session; meanwhile an admin deactivates the user:
    forgetUserSessions(user.id);
    rememberSession({ key, user, sessionExpiresAt: IN_AN_HOUR, generation });
    expect(readCachedSession(key)).toBeUndefined();
  });

  it("keys by the cookie flavour and header, never the token in clear", () => {
    const header = "better-auth.session_token=secret-token.signature";
    expect(sessionCacheKey(header, false)).not.toBe(sessionCacheKey(header, true));
    expect(sessionCacheKey(header, false)).not.toContain("secret-token");
    expect(sessionCacheKey(header, false)).toBe(sessionCacheKey(header, false));
  });
});
