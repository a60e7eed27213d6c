// Sign-in through better-auth on a real, freshly migrated database: argon2id hashes, sessions in
// PostgreSQL, lockout per account and per IP kept in LoginAttempt (so it survives a restart), audit entries.
import { isAPIError } from "better-auth/api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readAuthConfig, type AuthConfig } from "@/lib/auth/config";
import { createAuth, type Auth } from "@/lib/auth/create-auth";
import { createUser } from "@/lib/auth/create-user";
import { resolveUser } from "@/lib/auth/resolve-user";
import { peerAddressHeader } from "@/lib/auth/peer-address";
import { setUserActive } from "@/lib/auth/update-user";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const PASSWORD = "correct horse battery";
const config: AuthConfig = {
  ...readAuthConfig({}),
  secret: "test-secret-0123456789abcdef0123456789abcdef",
  lockout: { maxFailures: 3, maxFailuresPerIp: 6, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

let t: TestDatabase;
let auth: Auth;
beforeAll(async () => {
  t = await createTestDatabase();
  auth = createAuth({ db: t.db, config });
});
afterAll(() => t?.drop());

let counter = 0;
async function newUser(role: "admin" | "staff" | "analyst" = "analyst") {
  counter += 1;
  const email = `user${counter}.${Date.now()}@example.gov.cn`;
  const { id } = await createUser(t.db, { email, role, password: PASSWORD, actor: null });
  return { id, email };
}

/** A request as the server sees it from a client at `ip` (the socket address, see lib/auth/peer-address.ts). */
function headersFrom(ip: string): Headers {
  return new Headers({ host: "localhost:3000", [peerAddressHeader()]: ip, "user-agent": "vitest" });
}

/** Signs in and returns either the session cookie or the error's status, code and message. */
async function signIn(email: string, password: string, ip = "10.1.1.1", instance = auth) {
  try {
    const response = await instance.api.signInEmail({
      body: { email, password },
      headers: headersFrom(ip),
      asResponse: true,
    });
    if (!response.ok) {
      const body = (await response.json()) as { code?: string; message?: string };
      return { ok: false as const, status: response.status, code: body.code, message: body.message };
    }
    const cookie = response.headers.get("set-cookie") ?? "";
    return { ok: true as const, cookie: cookie.split(";")[0]! };
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const body = error.body as { code?: string; message?: string };
    return { ok: false as const, status: error.statusCode, code: body.code, message: body.message };
  }
}

describe("sign-in", () => {
  test("stores an argon2id hash and a database session; the cookie resolves to the user with their role", async () => {
    const { id, email } = await newUser("staff");
    const account = await t.db.account.findFirstOrThrow({ where: { userId: id } });
    expect(account.password).toMatch(/^\$argon2id\$/);
    expect(account.password).not.toContain(PASSWORD);

    const result = await signIn(email.toUpperCase(), PASSWORD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cookie).toMatch(/^better-auth\.session_token=/);
    expect(await t.db.session.count({ where: { userId: id } })).toBe(1);

    const user = await resolveUser({
      db: t.db,
      auth,
      headers: new Headers({ cookie: result.cookie, host: "localhost:3000" }),
    });
    expect(user).toMatchObject({ id, email, role: "staff", via: "session" });
    expect(await t.db.auditLog.count({ where: { actorId: id, action: "login" } })).toBe(1);
  });

  test("sets an HttpOnly, SameSite=Lax cookie, Secure only under HTTPS", async () => {
    const { email } = await newUser();
    const plain = await auth.api.signInEmail({
      body: { email, password: PASSWORD },
      headers: headersFrom("10.9.0.1"),
      asResponse: true,
    });
    const cookie = plain.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const httpsAuth = createAuth({
      db: t.db,
      config: { ...config, baseUrl: "https://nb.example.gov.cn", secureCookies: true },
    });
    const secure = await httpsAuth.api.signInEmail({
      body: { email, password: PASSWORD },
      headers: headersFrom("10.9.0.2"),
      asResponse: true,
    });
    expect(secure.headers.get("set-cookie")).toMatch(/^__Secure-better-auth\.session_token=.*; Secure/i);
  });

  test("a wrong password and an unknown email get the same answer", async () => {
    const { email } = await newUser();
    const wrong = await signIn(email, "not the password", "10.2.2.2");
    const unknown = await signIn("nobody@example.gov.cn", PASSWORD, "10.2.2.3");
    expect(wrong).toMatchObject({ ok: false, status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
    expect(unknown).toMatchObject({ ok: false, status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
    expect(await t.db.auditLog.count({ where: { actorEmail: email, action: "login_failed" } })).toBe(1);
  });

  test("locks an account after repeated failures, even for the right password, and across a restart", async () => {
    const { email } = await newUser();
    for (let i = 0; i < config.lockout.maxFailures; i++) {
      // Different addresses: the account lock must not depend on the IP.
      expect(await signIn(email, `wrong ${i}`, `10.3.3.${i}`)).toMatchObject({ status: 401 });
    }
    const locked = await signIn(email, PASSWORD, "10.3.4.1");
    expect(locked).toMatchObject({ ok: false, status: 429, code: "LOGIN_LOCKED" });
    if (!locked.ok) expect(locked.message).toBe("尝试次数过多，请 15 分钟后再试");

    // A new auth instance (as after a restart, or in another worker) reads the same attempts.
    const restarted = createAuth({ db: t.db, config });
    expect(await signIn(email, PASSWORD, "10.3.4.2", restarted)).toMatchObject({ status: 429 });
    // Both refusals of this one lock are one audit entry, counting them.
    const locks = await t.db.auditLog.findMany({ where: { actorEmail: email, action: "login_locked" } });
    expect(locks).toHaveLength(1);
    expect(locks[0]!.details).toMatchObject({ key: "account", count: 2 });

    // Fifteen minutes later (attempts moved back in time) the right password works again. (A fresh
    // instance: a running one remembers the lock it saw until its end, which here has not come yet.)
    await t.db.loginAttempt.updateMany({
      where: { email },
      data: { at: new Date(Date.now() - 31 * 60_000) },
    });
    expect(await signIn(email, PASSWORD, "10.3.4.3", createAuth({ db: t.db, config }))).toMatchObject({
      ok: true,
    });
  });

  test("locks an IP address that keeps failing across many accounts", async () => {
    const ip = "10.4.4.4";
    for (let i = 0; i < config.lockout.maxFailuresPerIp; i++) {
      expect(await signIn(`guess${i}@example.gov.cn`, "wrong", ip)).toMatchObject({ status: 401 });
    }
    const { email } = await newUser();
    expect(await signIn(email, PASSWORD, ip)).toMatchObject({ status: 429, code: "LOGIN_LOCKED" });
    expect(await signIn(email, PASSWORD, "10.4.4.5")).toMatchObject({ ok: true });
  });

  test("a success resets the account's count", async () => {
    const { email } = await newUser();
    const max = config.lockout.maxFailures;
    for (let i = 0; i < max - 1; i++) await signIn(email, "wrong", "10.5.5.5");
    expect(await signIn(email, PASSWORD, "10.5.5.5")).toMatchObject({ ok: true });
    for (let i = 0; i < max - 1; i++) await signIn(email, "wrong", "10.5.5.6");
    expect(await signIn(email, PASSWORD, "10.5.5.7")).toMatchObject({ ok: true });
  });

  test("a deactivated user cannot sign in — told exactly what a wrong password is told — and their sessions end", async () => {
    const { id, email } = await newUser();
    const before = await signIn(email, PASSWORD, "10.6.6.6");
    expect(before.ok).toBe(true);
    await setUserActive(t.db, { userId: id, active: false, actor: null });
    const disabled = await signIn(email, PASSWORD, "10.6.6.6");
    const wrong = await signIn(email, "not the password", "10.6.6.7");
    expect(disabled).toMatchObject({ ok: false, status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
    expect(disabled).toEqual(wrong);
    // The admin still sees why in the audit log.
    const entries = await t.db.auditLog.findMany({ where: { actorEmail: email, action: "login_failed" } });
    expect(entries.map((entry) => (entry.details as { reason: string }).reason).sort()).toEqual([
      "account_disabled",
      "account_disabled",
    ]);
    if (before.ok) {
      const headers = new Headers({ cookie: before.cookie, host: "localhost:3000" });
      expect(await resolveUser({ db: t.db, auth, headers })).toBeNull();
    }
  });

  test("sign-up through the API is disabled", async () => {
    await expect(
      auth.api.signUpEmail({
        body: { email: "self@example.gov.cn", password: PASSWORD, name: "x" } as never,
        headers: headersFrom("10.7.7.7"),
      }),
    ).rejects.toThrow();
    expect(await t.db.user.count({ where: { email: "self@example.gov.cn" } })).toBe(0);
  });

  test("sign-out deletes the session and is audited", async () => {
    const { id, email } = await newUser();
    const result = await signIn(email, PASSWORD, "10.8.8.8");
    if (!result.ok) throw new Error("sign-in failed");
    const headers = new Headers({ cookie: result.cookie, host: "localhost:3000" });
    await auth.api.signOut({ headers });
    expect(await t.db.session.count({ where: { userId: id } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { actorId: id, action: "logout" } })).toBe(1);
  });
});

describe("host names", () => {
  test("without BETTER_AUTH_URL, sign-in works under whatever host the intranet uses", async () => {
    const { email } = await newUser();
    const headers = new Headers({ host: "10.1.2.3:3000", [peerAddressHeader()]: "10.10.10.10" });
    const response = await auth.api.signInEmail({
      body: { email, password: PASSWORD },
      headers,
      asResponse: true,
    });
    expect(response.status).toBe(200);
  });

  test("AUTH_ALLOWED_HOSTS narrows the hosts down", async () => {
    const { email } = await newUser();
    const narrow = createAuth({
      db: t.db,
      config: { ...readAuthConfig({ AUTH_ALLOWED_HOSTS: "nb.example.gov.cn" }), secret: config.secret },
    });
    const allowed = new Headers({ host: "nb.example.gov.cn", [peerAddressHeader()]: "10.10.10.11" });
    const other = new Headers({ host: "10.1.2.3:3000", [peerAddressHeader()]: "10.10.10.12" });
    const ok = await narrow.api.signInEmail({
      body: { email, password: PASSWORD },
      headers: allowed,
      asResponse: true,
    });
    expect(ok.status).toBe(200);
    await expect(
      narrow.api.signInEmail({ body: { email, password: PASSWORD }, headers: other }),
    ).rejects.toThrow(/allowed hosts/);
  });
});

describe("origin check of the HTTP endpoint", () => {
  async function post(instance: Auth, host: string, origin: string, email: string) {
    const request = new Request(`http://${host}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        host,
        origin,
        "content-type": "application/json",
        cookie: "x=1",
        [peerAddressHeader()]: "10.11.0.1",
      },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    return (await instance.handler(request)).status;
  }

  test("accepts the site's own origin under any host and refuses another site's", async () => {
    const { email } = await newUser();
    expect(await post(auth, "10.1.2.3:3000", "http://10.1.2.3:3000", email)).toBe(200);
    expect([
      await post(auth, "10.1.2.3:3000", "http://evil.example", email),
      await post(auth, "10.1.2.3:3000", "http://10.1.2.4:3000", email),
    ]).toEqual([403, 403]);
    expect(await post(auth, "10.1.2.3:3000", "http://10.1.2.4:3000", email)).toBe(403);
  });
});
