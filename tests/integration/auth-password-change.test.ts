// Changing one's own password (issue 18, item 7): the current password is a guess like a sign-in — it
// counts toward the lockout, is audited when wrong, and cannot be tried while the account is locked; a
// change ends every other session, keeps the one making it, and is audited.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { changeOwnPassword } from "@/lib/auth/change-own-password";
import { readAuthConfig, type AuthConfig } from "@/lib/auth/config";
import { createAuth, type Auth } from "@/lib/auth/create-auth";
import { createUser } from "@/lib/auth/create-user";
import { verifyPassword } from "@/lib/auth/password";
import { signInAs } from "@/tests/helpers/sign-in";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const PASSWORD = "correct horse battery";
const config: AuthConfig = {
  ...readAuthConfig({}),
  secret: "test-secret-0123456789abcdef0123456789abcdef",
  lockout: { maxFailures: 5, maxFailuresPerIp: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

let t: TestDatabase;
let auth: Auth;
beforeAll(async () => {
  t = await createTestDatabase();
  auth = createAuth({ db: t.db, config });
});
afterAll(() => t?.drop());

let counter = 0;
async function signedInUser() {
  counter += 1;
  const email = `changer${counter}.${Date.now()}@example.gov.cn`;
  const user = await createUser(t.db, { email, role: "analyst", password: PASSWORD, actor: null });
  const here = await signInAs(auth, { email, password: PASSWORD, peer: "10.90.0.1" });
  const elsewhere = await signInAs(auth, { email, password: PASSWORD, peer: "10.90.0.2" });
  if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
  const sessions = await t.db.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
  return { user, sessionId: sessions[0]!.id, otherSessionId: sessions[1]!.id };
}

function change(input: { user: { id: string; email: string }; sessionId: string; current: string }) {
  return changeOwnPassword(t.db, {
    user: input.user,
    sessionId: input.sessionId,
    currentPassword: input.current,
    newPassword: "a brand new password",
    ip: "10.90.0.1",
    lockout: config.lockout,
  });
}

describe("changeOwnPassword", () => {
  test("wrong current passwords count toward the lockout: five lock the account for sign-in and for this form", async () => {
    const { user, sessionId } = await signedInUser();
    for (let i = 0; i < config.lockout.maxFailures; i++) {
      await expect(change({ user, sessionId, current: `guess ${i}` })).rejects.toMatchObject({
        code: "WRONG_PASSWORD",
      });
    }
    await expect(change({ user, sessionId, current: PASSWORD })).rejects.toMatchObject({
      code: "LOGIN_LOCKED",
      status: 429,
    });
    expect(await signInAs(auth, { email: user.email, password: PASSWORD, peer: "10.90.0.3" })).toMatchObject({
      status: 429,
      code: "LOGIN_LOCKED",
    });
    expect(await t.db.auditLog.count({ where: { actorId: user.id, action: "password_change_failed" } })).toBe(
      config.lockout.maxFailures,
    );
    // Nothing changed: the old password is still the password.
    const account = await t.db.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(await verifyPassword({ hash: account.password!, password: PASSWORD })).toBe(true);
  });

  test("parallel guesses at the current password: no more than the lockout allows are checked", async () => {
    const { user, sessionId } = await signedInUser();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => change({ user, sessionId, current: `guess ${i}` })),
    );
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(
      await t.db.auditLog.count({ where: { actorId: user.id, action: "password_change_failed" } }),
    ).toBeLessThanOrEqual(config.lockout.maxFailures);
  });

  test("a change ends the other sessions, keeps this one, and is audited", async () => {
    const { user, sessionId, otherSessionId } = await signedInUser();
    expect(await change({ user, sessionId, current: PASSWORD })).toEqual({ endedSessions: 1 });
    const sessions = await t.db.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(sessions).toEqual([{ id: sessionId }]);
    expect(sessions).not.toContainEqual({ id: otherSessionId });
    const entry = await t.db.auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: "password_change" },
    });
    expect(entry).toMatchObject({
      target: `user ${user.email}`,
      ip: "10.90.0.1",
      details: { endedSessions: 1 },
    });
    expect(await signInAs(auth, { email: user.email, password: PASSWORD, peer: "10.90.0.4" })).toMatchObject({
      status: 401,
    });
    expect(
      await signInAs(auth, { email: user.email, password: "a brand new password", peer: "10.90.0.4" }),
    ).toMatchObject({ ok: true });
  });

  test("a weak new password is refused before the current one is even checked", async () => {
    const { user, sessionId } = await signedInUser();
    await expect(
      changeOwnPassword(t.db, {
        user,
        sessionId,
        currentPassword: "whatever",
        newPassword: "short",
        ip: "10.90.0.1",
        lockout: config.lockout,
      }),
    ).rejects.toMatchObject({ code: "WEAK_PASSWORD" });
    expect(await t.db.loginAttempt.count({ where: { email: user.email, success: false } })).toBe(0);
  });
});
