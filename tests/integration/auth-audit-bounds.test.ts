// What anonymous visitors can write into the database stays bounded (issue 18, item 4): over-long or
// malformed sign-in input is refused before any write, logged text is cut and made visible, refusals of a
// locked account fold into one entry, and the sign-in noise is pruned — every other entry is kept.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_AUDIT_TEXT, pruneSignInAudit, recordAudit } from "@/lib/auth/audit";
import { readAuthConfig, type AuthConfig } from "@/lib/auth/config";
import { createAuth, type Auth } from "@/lib/auth/create-auth";
import { createUser } from "@/lib/auth/create-user";
import { signInAs } from "@/tests/helpers/sign-in";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const config: AuthConfig = {
  ...readAuthConfig({}),
  secret: "test-secret-0123456789abcdef0123456789abcdef",
  lockout: { maxFailures: 3, maxFailuresPerIp: 1000, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

let t: TestDatabase;
let auth: Auth;
beforeAll(async () => {
  t = await createTestDatabase();
  auth = createAuth({ db: t.db, config });
});
afterAll(() => t?.drop());

async function rowCounts() {
  return { attempts: await t.db.loginAttempt.count(), audit: await t.db.auditLog.count() };
}

describe("sign-in input is checked before anything is written", () => {
  test.each([
    ["a 4 MB email", "x".repeat(4 * 1024 * 1024) + "@example.gov.cn", "guess", 400, "INPUT_TOO_LONG"],
    [
      "a 3 KB email (past the index row limit that answered 500)",
      `${"y".repeat(3000)}@example.gov.cn`,
      "guess",
      400,
      "INPUT_TOO_LONG",
    ],
    ["a 4 MB password", "someone@example.gov.cn", "p".repeat(4 * 1024 * 1024), 400, "INPUT_TOO_LONG"],
    ["an email with a NUL byte", "nul\u0000@example.gov.cn", "guess", 400, "INVALID_INPUT"],
    ["an email with a direction override", "admin\u202E@example.gov.cn", "guess", 400, "INVALID_INPUT"],
  ])("%s is refused and leaves no row", async (_name, email, password, status, code) => {
    const before = await rowCounts();
    const result = await signInAs(auth, { email, password, peer: "10.80.0.1" });
    expect(result).toMatchObject({ ok: false, status, code });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("what is logged is bounded and readable", () => {
  test("long text is cut, invisible and direction characters are shown as escapes, huge details are replaced", async () => {
    await recordAudit(t.db, {
      actor: null,
      actorEmail: `${"a".repeat(10_000)}\u202E@example.gov.cn`,
      action: "login_failed",
      target: "t".repeat(4 * 1024 * 1024),
      details: { blob: "d".repeat(1024 * 1024) },
      ip: "1".repeat(500),
    });
    const row = await t.db.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(row.actorEmail!.length).toBeLessThanOrEqual(MAX_AUDIT_TEXT);
    expect(row.target!.length).toBeLessThanOrEqual(MAX_AUDIT_TEXT);
    expect(row.ip!.length).toBeLessThanOrEqual(64);
    expect(JSON.stringify(row.details).length).toBeLessThan(1000);
    expect(row.details).toMatchObject({ truncated: true });

    await recordAudit(t.db, { actor: null, actorEmail: "ad\u202Emin@x.cn", action: "login_failed" });
    const bidi = await t.db.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(bidi.actorEmail).toBe("ad\\u{202e}min@x.cn");
  });

  test("two hundred refusals of one locked account are one entry that counts them", async () => {
    const email = `locked.${Date.now()}@example.gov.cn`;
    await createUser(t.db, { email, role: "analyst", password: "correct horse battery", actor: null });
    for (let i = 0; i < config.lockout.maxFailures; i++) {
      await signInAs(auth, { email, password: `guess ${i}`, peer: "10.81.0.1" });
    }
    const refusals = 200;
    const results = await Promise.all(
      Array.from({ length: refusals }, (_, i) =>
        signInAs(auth, { email, password: `again ${i}`, peer: `10.82.${i % 250}.1` }),
      ),
    );
    expect(results.every((result) => !result.ok && result.status === 429)).toBe(true);
    const locked = await t.db.auditLog.findMany({ where: { actorEmail: email, action: "login_locked" } });
    expect(locked).toHaveLength(1);
    expect(locked[0]!.details).toMatchObject({ key: "account", count: refusals });
  });
});

describe("pruneSignInAudit", () => {
  test("drops sign-in noise past its retention and beyond its row cap, and keeps every other entry", async () => {
    const db = t.db;
    await db.auditLog.deleteMany();
    const day = 24 * 60 * 60_000;
    const now = new Date();
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
    const noise = (action: "login_failed" | "login_locked", daysAgo: number) => ({
      action,
      at: at(daysAgo),
      actorEmail: "x@y.cn",
    });
    await db.auditLog.createMany({
      data: [
        noise("login_failed", 400),
        noise("login_locked", 100),
        ...Array.from({ length: 30 }, (_, i) => noise("login_failed", i / 10)),
        { action: "user_create", at: at(4000), target: "user old@x.cn" },
        { action: "user_update", at: at(400), target: "user a@x.cn" },
        { action: "token_revoke", at: at(400), target: "token nbt_x" },
        { action: "login", at: at(400), actorEmail: "a@x.cn" },
        { action: "export", at: at(400), actorEmail: "a@x.cn" },
      ],
    });
    const removed = await pruneSignInAudit(db, { retentionMs: 90 * day, maxRows: 20, now });
    expect(removed).toBe(2 + 10);
    expect(await db.auditLog.count({ where: { action: { in: ["login_failed", "login_locked"] } } })).toBe(20);
    // The twenty kept are the newest.
    const oldestKept = await db.auditLog.findFirstOrThrow({
      where: { action: "login_failed" },
      orderBy: { at: "asc" },
    });
    expect(now.getTime() - oldestKept.at.getTime()).toBeLessThan(2 * day);
    expect(
      (await db.auditLog.findMany({ where: { action: { notIn: ["login_failed", "login_locked"] } } }))
        .map((row) => row.action)
        .sort(),
    ).toEqual(["export", "login", "token_revoke", "user_create", "user_update"]);
  });
});
