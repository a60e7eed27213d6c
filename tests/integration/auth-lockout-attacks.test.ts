// The lockout as an attacker meets it (issue 18, items 1 and 2): forged forwarding headers, parallel
// bursts against one account and from one address. A password check that is "reached" leaves a
// login_failed audit entry (better-auth runs argon2 for every sign-in it judges, known email or not).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readAuthConfig, type AuthConfig } from "@/lib/auth/config";
import { createAuth, type Auth } from "@/lib/auth/create-auth";
import { createUser } from "@/lib/auth/create-user";
import { signInAs, type SignInResult } from "@/tests/helpers/sign-in";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const PASSWORD = "correct horse battery";
const config: AuthConfig = {
  ...readAuthConfig({}),
  secret: "test-secret-0123456789abcdef0123456789abcdef",
  lockout: { maxFailures: 5, maxFailuresPerIp: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

let t: TestDatabase;
let auth: Auth;
beforeAll(async () => {
  t = await createTestDatabase();
  auth = createAuth({ db: t.db, config });
});
afterAll(() => t?.drop());

let counter = 0;
async function newUser() {
  counter += 1;
  const email = `victim${counter}.${Date.now()}@example.gov.cn`;
  await createUser(t.db, { email, role: "analyst", password: PASSWORD, actor: null });
  return email;
}

/** Sign-ins whose password was actually checked (wrong or right), for these emails. */
async function checkedSignIns(emails: string[]): Promise<number> {
  const failed = await t.db.auditLog.count({ where: { action: "login_failed", actorEmail: { in: emails } } });
  const succeeded = await t.db.auditLog.count({ where: { action: "login", actorEmail: { in: emails } } });
  return failed + succeeded;
}

describe("X-Forwarded-For from a client is not believed (item 1)", () => {
  test("rotating the header, sending it empty or with a trailing comma does not escape the address lock", async () => {
    const peer = "10.40.0.1";
    const forged = ["198.51.100.1", "", ",", " , ", "198.51.100.2, ", "unknown", "::1", "10.40.0.99"];
    const emails: string[] = [];
    for (let i = 0; i < config.lockout.maxFailuresPerIp; i++) {
      const email = `nobody${i}.${Date.now()}@example.gov.cn`;
      emails.push(email);
      const result = await signInAs(auth, {
        email,
        password: "guess",
        peer,
        headers: { "x-forwarded-for": forged[i % forged.length]!, "x-real-ip": `203.0.113.${i}` },
      });
      expect(result).toMatchObject({ ok: false, status: 401 });
    }
    // The address is locked now — for a real account with the right password too, whatever header it sends.
    const victim = await newUser();
    expect(
      await signInAs(auth, {
        email: victim,
        password: PASSWORD,
        peer,
        headers: { "x-forwarded-for": "198.51.100.200" },
      }),
    ).toMatchObject({ ok: false, status: 429, code: "LOGIN_LOCKED" });
    expect(await signInAs(auth, { email: victim, password: PASSWORD, peer: "10.40.0.2" })).toMatchObject({
      ok: true,
    });
    // And the audit log names the address that really connected, never a forged one.
    const ips = await t.db.auditLog.findMany({
      where: { actorEmail: { in: emails } },
      select: { ip: true },
      distinct: ["ip"],
    });
    expect(ips).toEqual([{ ip: peer }]);
  });

  test("behind a trusted proxy, the address the proxy saw is the client, locked on its own", async () => {
    const behindProxy = createAuth({ db: t.db, config: { ...config, trustedProxies: ["10.50.0.0/24"] } });
    const proxy = "10.50.0.1";
    const attacker = "203.0.113.50";
    for (let i = 0; i < config.lockout.maxFailuresPerIp; i++) {
      await signInAs(behindProxy, {
        email: `spray${i}.${Date.now()}@example.gov.cn`,
        password: "guess",
        peer: proxy,
        headers: { "x-forwarded-for": `198.51.100.${i}, ${attacker}` },
      });
    }
    const victim = await newUser();
    const via = (client: string) =>
      signInAs(behindProxy, {
        email: victim,
        password: PASSWORD,
        peer: proxy,
        headers: { "x-forwarded-for": client },
      });
    expect(await via(attacker)).toMatchObject({ status: 429, code: "LOGIN_LOCKED" });
    expect(await via("203.0.113.51")).toMatchObject({ ok: true });
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { actorEmail: victim, action: "login" } });
    expect(entry.ip).toBe("203.0.113.51");
  });

  test("a request whose address is unknown is locked under a key of its own, not waved through", async () => {
    const anonymous = (email: string, password: string) =>
      auth.api
        .signInEmail({ body: { email, password }, headers: new Headers({ host: "localhost:3000" }) })
        .then(
          () => ({ ok: true }),
          (error: { statusCode?: number }) => ({ ok: false, status: error.statusCode }),
        );
    for (let i = 0; i < config.lockout.maxFailuresPerIp; i++) {
      expect(await anonymous(`unk${i}.${Date.now()}@example.gov.cn`, "guess")).toMatchObject({ status: 401 });
    }
    expect(await anonymous(await newUser(), PASSWORD)).toMatchObject({ ok: false, status: 429 });
    expect(await t.db.loginAttempt.count({ where: { ip: "unknown" } })).toBeGreaterThanOrEqual(
      config.lockout.maxFailuresPerIp,
    );
  });
});

describe("parallel bursts (item 2)", () => {
  test("59 wrong passwords at once: the lock holds, few reach the check, and the right one sent last is refused", async () => {
    const victim = await newUser();
    // Each from its own address, so only the account rule can stop them.
    const wrong = Array.from({ length: 59 }, (_, i) =>
      signInAs(auth, { email: victim, password: `guess ${i}`, peer: `10.60.${i}.1` }),
    );
    const right = signInAs(auth, { email: victim, password: PASSWORD, peer: "10.60.200.1" });
    const results: SignInResult[] = await Promise.all([...wrong, right]);

    expect(results.filter((result) => result.ok)).toEqual([]);
    expect(results.at(-1)).toMatchObject({ ok: false, status: 429 });
    expect(await checkedSignIns([victim])).toBeLessThanOrEqual(config.lockout.maxFailures);
    // The checks that ran all failed: the account is locked now, for the right password too.
    expect(await signInAs(auth, { email: victim, password: PASSWORD, peer: "10.60.201.1" })).toMatchObject({
      status: 429,
      code: "LOGIN_LOCKED",
    });
    // …and a burst of refusals is one or two audit entries, not sixty.
    expect(
      await t.db.auditLog.count({ where: { actorEmail: victim, action: "login_locked" } }),
    ).toBeLessThanOrEqual(3);
  });

  test("a 400-request burst from one address: at most the address limit reaches the check; others log in meanwhile", async () => {
    const emails = Array.from({ length: 400 }, (_, i) => `burst${i}.${Date.now()}@example.gov.cn`);
    const burst = Promise.all(
      emails.map((email) => signInAs(auth, { email, password: "guess", peer: "10.70.0.1" })),
    );
    const honest = await newUser();
    const normal = await signInAs(auth, { email: honest, password: PASSWORD, peer: "10.70.0.2" });
    const results = await burst;

    expect(normal).toMatchObject({ ok: true });
    expect(results.every((result) => !result.ok && [401, 429].includes(result.status))).toBe(true);
    expect(await checkedSignIns(emails)).toBeLessThanOrEqual(config.lockout.maxFailuresPerIp);
    // 380 refusals under 380 different emails: a few audit entries (per key and minute or lock), not 380.
    const refusals = await t.db.auditLog.findMany({
      where: { action: "login_locked", actorEmail: { in: emails } },
      select: { details: true },
    });
    expect(refusals.length).toBeLessThanOrEqual(3);
    const counted = refusals.reduce((sum, row) => sum + (row.details as { count: number }).count, 0);
    expect(counted).toBe(results.filter((result) => !result.ok && result.status === 429).length);
  });
});
