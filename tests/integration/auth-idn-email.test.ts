// An address whose top-level domain is itself internationalised (user@例子.中国, issue 19 item 7), on a real
// database through better-auth: created by an admin, signed in typed in Chinese, in punycode or as stored, over
// the API and over HTTP; every spelling is one account with one lockout count and one audit name, and no
// other address can be created into its stored form.
import { isAPIError } from "better-auth/api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readAuthConfig, type AuthConfig } from "@/lib/auth/config";
import { createAuth, type Auth } from "@/lib/auth/create-auth";
import { createUser } from "@/lib/auth/create-user";
import { listAudit } from "@/lib/auth/list-audit";
import { findUserByEmail } from "@/lib/auth/list-users";
import { peerAddressHeader } from "@/lib/auth/peer-address";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const PASSWORD = "correct horse battery";
const OTHER_PASSWORD = "another long password";
const config: AuthConfig = {
  ...readAuthConfig({}),
  secret: "test-secret-0123456789abcdef0123456789abcdef",
  lockout: { maxFailures: 3, maxFailuresPerIp: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

let t: TestDatabase;
let auth: Auth;
beforeAll(async () => {
  t = await createTestDatabase();
  auth = createAuth({ db: t.db, config });
});
afterAll(() => t?.drop());

function headersFrom(ip: string): Headers {
  return new Headers({ host: "localhost:3000", [peerAddressHeader()]: ip, "user-agent": "vitest" });
}

/** Signs in through the API and answers the user id signed in as, or the error code. */
async function signIn(email: string, password: string, ip = "10.20.0.1") {
  try {
    const result = await auth.api.signInEmail({ body: { email, password }, headers: headersFrom(ip) });
    return { ok: true as const, userId: result.user.id };
  } catch (error) {
    if (!isAPIError(error)) throw error;
    return { ok: false as const, code: (error.body as { code?: string }).code };
  }
}

describe("an address under an internationalised top-level domain", () => {
  test("is created, found and signed in typed in Chinese, in punycode and as stored: one account", async () => {
    const user = await createUser(t.db, {
      email: "Zhang@例子.中国",
      role: "staff",
      password: PASSWORD,
      actor: null,
    });
    expect(user.email).toBe("zhang@xn--fsqu00a.xn--fiqs8s.invalid");
    for (const typed of [
      "zhang@例子.中国",
      "ZHANG@例子。中国",
      "zhang@xn--fsqu00a.xn--fiqs8s",
      "zhang@xn--fsqu00a.xn--fiqs8s.invalid",
    ]) {
      expect(await findUserByEmail(t.db, typed), typed).toMatchObject({ id: user.id });
      expect(await signIn(typed, PASSWORD), typed).toEqual({ ok: true, userId: user.id });
    }
    const logins = await t.db.auditLog.findMany({ where: { actorId: user.id, action: "login" } });
    expect(logins.map((entry) => entry.actorEmail)).toEqual(Array(4).fill(user.email));
    // The audit filter takes the address as people write it.
    const { total } = await listAudit(t.db, { actor: "zhang@例子.中国", page: 1 });
    expect(total).toBe(4);
  });

  test("signs in over HTTP (POST /api/auth/sign-in/email) typed in Chinese", async () => {
    const user = await createUser(t.db, {
      email: "http@例子.公司",
      role: "analyst",
      password: PASSWORD,
      actor: null,
    });
    const response = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: {
          host: "localhost:3000",
          origin: "http://localhost:3000",
          "content-type": "application/json",
          [peerAddressHeader()]: "10.20.0.2",
        },
        body: JSON.stringify({ email: "http@例子.公司", password: PASSWORD }),
      }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { id: string } }).user.id).toBe(user.id);
  });

  test("counts wrong passwords in every spelling against one lock", async () => {
    const user = await createUser(t.db, {
      email: "lock@例子.中国",
      role: "analyst",
      password: PASSWORD,
      actor: null,
    });
    const ip = "10.20.0.3";
    for (const typed of [
      "lock@例子.中国",
      "lock@xn--fsqu00a.xn--fiqs8s",
      "LOCK@xn--fsqu00a.xn--fiqs8s.invalid",
    ])
      expect(await signIn(typed, "wrong password!", ip)).toEqual({
        ok: false,
        code: "INVALID_EMAIL_OR_PASSWORD",
      });
    expect(await signIn("lock@例子。中国", PASSWORD, ip)).toEqual({ ok: false, code: "LOGIN_LOCKED" });
    const attempts = await t.db.loginAttempt.findMany({ where: { ip }, select: { email: true } });
    expect(new Set(attempts.map((attempt) => attempt.email))).toEqual(new Set([user.email]));
  });

  test("no other address can be created into its stored form or sign in with another's password", async () => {
    const owner = await createUser(t.db, {
      email: "same@例子.中国",
      role: "analyst",
      password: PASSWORD,
      actor: null,
    });
    for (const email of [
      "same@xn--fsqu00a.xn--fiqs8s.invalid",
      "SAME@例子．中国",
      "same@xn--fsqu00a.xn--fiqs8s",
    ])
      await expect(
        createUser(t.db, { email, role: "admin", password: OTHER_PASSWORD, actor: null }),
        email,
      ).rejects.toMatchObject({ code: "EMAIL_TAKEN" });
    for (const email of ["same@example.invalid", "same@例子.invalid", "same@中国"])
      await expect(
        createUser(t.db, { email, role: "admin", password: OTHER_PASSWORD, actor: null }),
        email,
      ).rejects.toMatchObject({ code: "INVALID_EMAIL" });

    // Neighbours are other accounts: another TLD, the ASCII .cn domain, traditional 國.
    for (const email of ["same@例子.公司", "same@例子.cn", "same@例子.中國"]) {
      const neighbour = await createUser(t.db, {
        email,
        role: "analyst",
        password: OTHER_PASSWORD,
        actor: null,
      });
      expect(neighbour.id).not.toBe(owner.id);
      expect(await signIn(email, OTHER_PASSWORD, "10.20.0.4")).toEqual({ ok: true, userId: neighbour.id });
    }
    expect(await signIn("same@例子.中国", OTHER_PASSWORD, "10.20.0.5")).toEqual({
      ok: false,
      code: "INVALID_EMAIL_OR_PASSWORD",
    });
    expect(await t.db.user.count({ where: { email: { startsWith: "same@" } } })).toBe(4);
  });
});
