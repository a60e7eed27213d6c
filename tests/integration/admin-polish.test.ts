// What an admin's changes leave behind (issue 19, items 5 and 7), on a real database: the audit log holds what
// was stored — before → after of the fields that changed, nothing at all for a form saved unchanged; the
// export right follows the role, so the user list and the CLI agree; passwords equal to the email or common
// are refused; internationalised domains are stored in their ASCII form; reactivation ends old sessions.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "@/lib/auth/create-user";
import { describeExportRight } from "@/lib/auth/describe-export-right";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { findUserByEmail, listUsers } from "@/lib/auth/list-users";
import { resetUserPassword, setUserActive, updateUser } from "@/lib/auth/update-user";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
let actor: { id: string; email: string };
const PASSWORD = "a long enough password";

beforeAll(async () => {
  t = await createTestDatabase();
  actor = await createUser(t.db, {
    email: "root@example.gov.cn",
    role: "admin",
    password: PASSWORD,
    actor: null,
  });
});
afterAll(() => t?.drop());

let counter = 0;
async function newUser(input: {
  role: "staff" | "supervisor" | "analyst";
  canExport?: boolean;
  regions?: string[];
}) {
  counter += 1;
  return createUser(t.db, { email: `u${counter}@example.gov.cn`, password: PASSWORD, actor, ...input });
}

async function auditOf(email: string, action: string) {
  return t.db.auditLog.findMany({ where: { target: `user ${email}`, action }, orderBy: { id: "asc" } });
}

describe("the audit log of user changes", () => {
  test("a creation records what was stored: no regions or export flag an analyst cannot have", async () => {
    const user = await newUser({ role: "analyst", canExport: true, regions: ["5303"] });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ canExport: false, regions: [] });
    const [entry] = await auditOf(user.email, "user_create");
    expect(entry?.details).toEqual({
      name: user.email.split("@")[0],
      role: "analyst",
      canExport: false,
      regions: [],
    });
  });

  test("a change records only the fields that changed, before → after as stored", async () => {
    const user = await newUser({ role: "staff", regions: ["5303"] });
    await updateUser(t.db, {
      userId: user.id,
      changes: { role: "supervisor", canExport: true, regions: ["5303"] },
      actor,
    });
    const [entry] = await auditOf(user.email, "user_update");
    expect(entry?.details).toEqual({
      before: { role: "staff", canExport: false, regions: ["5303"] },
      after: { role: "supervisor", canExport: true, regions: [] },
    });
  });

  test("saving a form unchanged records nothing", async () => {
    const user = await newUser({ role: "staff", regions: ["5303", "530402"] });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    await updateUser(t.db, {
      userId: user.id,
      changes: { name: row.name, role: "staff", canExport: false, regions: ["5303", "530402"] },
      actor,
    });
    await setUserActive(t.db, { userId: user.id, active: true, actor });
    expect(await auditOf(user.email, "user_update")).toEqual([]);
    expect(await auditOf(user.email, "user_activate")).toEqual([]);
  });
});

describe("a staff member's export right", () => {
  test("ticking 允许导出 for staff stores nothing, and the list and the CLI both say 不可导出", async () => {
    const user = await newUser({ role: "staff", canExport: true });
    await updateUser(t.db, { userId: user.id, changes: { canExport: true }, actor });
    const listed = (await listUsers(t.db)).find((row) => row.id === user.id)!;
    expect(listed.canExport).toBe(false);
    expect(describeExportRight(listed)).toBe("不可导出");
    const supervisor = (await listUsers(t.db)).find((row) => row.role === "supervisor" && row.canExport);
    expect(supervisor && describeExportRight(supervisor)).toBe("可导出");
  });
});

describe("passwords and emails", () => {
  test.each([
    ["the email itself", "same@example.gov.cn", "same@example.gov.cn", "密码不能与邮箱相同"],
    ["one character repeated", "rep@example.gov.cn", "aaaaaaaaaa", "密码不能是同一个字符的重复"],
    ["a common password", "common@example.gov.cn", "qwertyuiop", "这个密码太常见，很容易被猜到，请换一个"],
  ])("refuses %s when creating a user", async (_case, email, password, message) => {
    await expect(createUser(t.db, { email, password, role: "analyst", actor })).rejects.toMatchObject({
      code: "WEAK_PASSWORD",
      message,
    });
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });

  test("refuses the email's own name as a new password on reset", async () => {
    const user = await createUser(t.db, {
      email: "wangwu2024@example.gov.cn",
      password: PASSWORD,
      role: "analyst",
      actor,
    });
    await expect(
      resetUserPassword(t.db, { userId: user.id, password: "wangwu2024", actor }),
    ).rejects.toMatchObject({ code: "WEAK_PASSWORD", message: "密码不能与邮箱相同" });
  });

  test("stores an internationalised domain in its ASCII form and finds it by either", async () => {
    const user = await createUser(t.db, { email: "Li@例子.cn", password: PASSWORD, role: "analyst", actor });
    expect(user.email).toBe("li@xn--fsqu00a.cn");
    expect(await findUserByEmail(t.db, "li@例子.cn")).toMatchObject({ id: user.id });
    expect(await findUserByEmail(t.db, "LI@xn--fsqu00a.cn")).toMatchObject({ id: user.id });
    await expect(
      createUser(t.db, { email: "li@例子.cn", password: PASSWORD, role: "analyst", actor }),
    ).rejects.toMatchObject({ code: "EMAIL_TAKEN" });
    // A top-level domain in Chinese too (tests/integration/auth-idn-email.test.ts signs such an account in).
    const idn = await createUser(t.db, {
      email: "user@例子.中国",
      password: PASSWORD,
      role: "analyst",
      actor,
    });
    expect(idn.email).toBe("user@xn--fsqu00a.xn--fiqs8s.invalid");
  });
});

describe("deactivation and sessions", () => {
  test("a session made before deactivation does not come back when the account is activated again", async () => {
    const user = await newUser({ role: "analyst" });
    const session = {
      id: randomUUID(),
      token: randomUUID(),
      userId: user.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    await t.db.session.create({ data: session });
    await setUserActive(t.db, { userId: user.id, active: false, actor });
    // Kept while deactivated: the login page tells its browser why (resolveUser refuses it meanwhile).
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(1);
    await setUserActive(t.db, { userId: user.id, active: true, actor });
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("the first start's message", () => {
  test("is in Chinese", async () => {
    const fresh = await createTestDatabase();
    try {
      const lines: string[] = [];
      await ensureFirstAdmin(fresh.db, {
        env: { ADMIN_EMAIL: "chief@example.gov.cn", ADMIN_PASSWORD: "first admin password" },
        log: (line) => lines.push(line),
      });
      expect(lines).toEqual([
        "已创建首个管理员账号 chief@example.gov.cn，密码为 ADMIN_PASSWORD 中设置的密码。",
      ]);
    } finally {
      await fresh.drop();
    }
  });
});
