// First start and user administration on a real database: the first admin, role and export changes,
// deactivation, password reset, the last-admin guard, and the audit entries each leaves.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "@/lib/auth/create-user";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { listUsers } from "@/lib/auth/list-users";
import { verifyPassword } from "@/lib/auth/password";
import { resetUserPassword, setUserActive, updateUser } from "@/lib/auth/update-user";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const quiet = () => undefined;

describe("ensureFirstAdmin", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  test("creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD once, then never again", async () => {
    const env = { ADMIN_EMAIL: "Chief@Example.gov.cn", ADMIN_PASSWORD: "first admin password" };
    expect(await ensureFirstAdmin(t.db, { env, log: quiet })).toEqual({
      created: true,
      email: "chief@example.gov.cn",
      generatedPassword: null,
    });
    const admin = await t.db.user.findUniqueOrThrow({
      where: { email: "chief@example.gov.cn" },
      include: { accounts: true },
    });
    expect(admin.role).toBe("admin");
    expect(
      await verifyPassword({ hash: admin.accounts[0]!.password!, password: "first admin password" }),
    ).toBe(true);

    expect(
      await ensureFirstAdmin(t.db, { env: { ADMIN_EMAIL: "other@example.gov.cn" }, log: quiet }),
    ).toEqual({ created: false });
    expect(await t.db.user.count()).toBe(1);
  });
});

describe("ensureFirstAdmin without a configured password", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  test("generates a password, prints it once and stores only its hash", async () => {
    const lines: string[] = [];
    const result = await ensureFirstAdmin(t.db, { env: {}, log: (line) => lines.push(line) });
    if (!result.created || !result.generatedPassword) throw new Error("expected a generated password");
    expect(result.email).toBe("admin@nianbao.local");
    expect(result.generatedPassword.length).toBeGreaterThanOrEqual(16);
    expect(lines.join("\n")).toContain(result.generatedPassword);
    const account = await t.db.account.findFirstOrThrow();
    expect(account.password).not.toContain(result.generatedPassword);
    expect(await verifyPassword({ hash: account.password!, password: result.generatedPassword })).toBe(true);
  });
});

describe("user administration", () => {
  let t: TestDatabase;
  let admin: { id: string; email: string };
  beforeAll(async () => {
    t = await createTestDatabase();
    admin = await createUser(t.db, {
      email: "root@example.gov.cn",
      role: "admin",
      password: "admin password 1",
      actor: null,
    });
  });
  afterAll(() => t?.drop());

  const actor = () => ({ id: admin.id, email: admin.email });

  test("refuses a duplicate email, a malformed email and a short password", async () => {
    const base = { role: "analyst" as const, password: "long enough pw", actor: actor() };
    await createUser(t.db, { ...base, email: "dup@example.gov.cn" });
    await expect(createUser(t.db, { ...base, email: "DUP@example.gov.cn" })).rejects.toMatchObject({
      code: "EMAIL_TAKEN",
    });
    await expect(createUser(t.db, { ...base, email: "not-an-email" })).rejects.toMatchObject({
      code: "INVALID_EMAIL",
    });
    await expect(
      createUser(t.db, { ...base, email: "short@example.gov.cn", password: "short" }),
    ).rejects.toMatchObject({
      code: "WEAK_PASSWORD",
    });
  });

  test("changes role, export right and regions, and keeps regions for staff only", async () => {
    const user = await createUser(t.db, {
      email: "s1@example.gov.cn",
      role: "staff",
      regions: ["5303"],
      password: "long enough pw",
      actor: actor(),
    });
    await updateUser(t.db, {
      userId: user.id,
      changes: { role: "supervisor", canExport: true },
      actor: actor(),
    });
    const row = (await listUsers(t.db)).find((u) => u.id === user.id);
    expect(row).toMatchObject({ role: "supervisor", canExport: true, regions: [] });
    const entry = await t.db.auditLog.findFirstOrThrow({
      where: { action: "user_update", target: "user s1@example.gov.cn" },
    });
    expect(entry.actorId).toBe(admin.id);
    expect(entry.details).toMatchObject({
      before: { role: "staff" },
      after: { role: "supervisor", canExport: true },
    });
  });

  test("never demotes or deactivates the last active admin", async () => {
    await expect(
      updateUser(t.db, { userId: admin.id, changes: { role: "analyst" }, actor: actor() }),
    ).rejects.toMatchObject({
      code: "LAST_ADMIN",
    });
    await expect(
      setUserActive(t.db, { userId: admin.id, active: false, actor: actor() }),
    ).rejects.toMatchObject({
      code: "LAST_ADMIN",
    });
    const second = await createUser(t.db, {
      email: "root2@example.gov.cn",
      role: "admin",
      password: "admin password 2",
      actor: actor(),
    });
    await setUserActive(t.db, { userId: second.id, active: false, actor: actor() });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: second.id } })).active).toBe(false);
  });

  test("a password reset replaces the hash and ends the user's sessions", async () => {
    const user = await createUser(t.db, {
      email: "r1@example.gov.cn",
      role: "analyst",
      password: "old password 1",
      actor: actor(),
    });
    await t.db.session.create({
      data: { id: "sess-r1", token: "tok-r1", userId: user.id, expiresAt: new Date(Date.now() + 3600_000) },
    });
    await resetUserPassword(t.db, { userId: user.id, password: "new password 22", actor: actor() });
    const account = await t.db.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(await verifyPassword({ hash: account.password!, password: "new password 22" })).toBe(true);
    expect(await verifyPassword({ hash: account.password!, password: "old password 1" })).toBe(false);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(
      await t.db.auditLog.count({
        where: { action: "user_password_reset", target: "user r1@example.gov.cn" },
      }),
    ).toBe(1);
  });

  test("an unknown user is reported as such", async () => {
    await expect(
      updateUser(t.db, { userId: "nope", changes: { canExport: true }, actor: actor() }),
    ).rejects.toMatchObject({
      code: "USER_NOT_FOUND",
      status: 404,
    });
  });
});
