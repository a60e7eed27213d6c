// The last-admin guard under concurrency, and admin changes that must be all or nothing (issue 18, items 5
// and 9): two admins demoting or deactivating each other at the same moment leave one admin; a refused
// change keeps nothing of itself; a password reset also revokes the user's API tokens.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiToken, findUserByApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/create-user";
import { resetUserPassword, setUserActive, updateUser } from "@/lib/auth/update-user";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

let counter = 0;
async function newAdmin() {
  counter += 1;
  return createUser(t.db, {
    email: `admin${counter}.${Date.now()}@example.gov.cn`,
    role: "admin",
    password: "admin password 1",
    actor: null,
  });
}

/** Leaves exactly the given users as the active admins (other tests' admins are demoted). */
async function onlyAdmins(ids: string[]) {
  await t.db.user.updateMany({ where: { role: "admin", id: { notIn: ids } }, data: { role: "analyst" } });
}

async function activeAdmins(): Promise<number> {
  return t.db.user.count({ where: { role: "admin", active: true } });
}

const ROUNDS = 15;

describe("two admins acting on each other at the same moment (item 5)", () => {
  test.each([
    ["demote each other", "demote", "demote"],
    ["deactivate each other", "deactivate", "deactivate"],
    ["one demotes, the other deactivates", "demote", "deactivate"],
  ] as const)(
    "%s: one wins, one is refused with LAST_ADMIN, one admin is left",
    async (_name, first, second) => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await newAdmin();
        const b = await newAdmin();
        await onlyAdmins([a.id, b.id]);
        const act = (kind: "demote" | "deactivate", actor: typeof a, target: typeof a) =>
          kind === "demote"
            ? updateUser(t.db, { userId: target.id, changes: { role: "analyst" }, actor })
            : setUserActive(t.db, { userId: target.id, active: false, actor });
        const results = await Promise.allSettled([act(first, a, b), act(second, b, a)]);
        const refused = results.filter((result) => result.status === "rejected");
        expect(refused, `round ${round}`).toHaveLength(1);
        expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
          code: "LAST_ADMIN",
          status: 409,
        });
        expect(await activeAdmins(), `round ${round}`).toBe(1);
      }
    },
  );
});

describe("all or nothing (item 9)", () => {
  test("a change the last-admin guard refuses keeps nothing of itself — not the new name either", async () => {
    const admin = await newAdmin();
    await onlyAdmins([admin.id]);
    const before = await t.db.user.findUniqueOrThrow({ where: { id: admin.id } });
    const auditBefore = await t.db.auditLog.count();
    for (const changes of [
      { name: "改了名字", active: false },
      { name: "改了名字", role: "staff" as const, regions: ["5303"] },
      { canExport: true, active: false },
    ]) {
      await expect(updateUser(t.db, { userId: admin.id, changes, actor: null })).rejects.toMatchObject({
        code: "LAST_ADMIN",
      });
    }
    const after = await t.db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(after).toEqual(before);
    expect(await t.db.auditLog.count()).toBe(auditBefore);
  });

  test("name, role and active flag change together in one step, each audited", async () => {
    const admin = await newAdmin();
    const other = await newAdmin();
    await updateUser(t.db, {
      userId: other.id,
      changes: { name: "王五", role: "supervisor", canExport: true, active: false },
      actor: admin,
    });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      name: "王五",
      role: "supervisor",
      canExport: true,
      active: false,
    });
    const actions = await t.db.auditLog.findMany({
      where: { target: `user ${other.email}`, action: { in: ["user_update", "user_deactivate"] } },
      select: { action: true },
    });
    expect(actions.map((row) => row.action).sort()).toEqual(["user_deactivate", "user_update"]);
  });

  test("an admin's password reset also revokes the user's API tokens", async () => {
    const admin = await newAdmin();
    const user = await createUser(t.db, {
      email: `scripted.${Date.now()}@example.gov.cn`,
      role: "staff",
      password: "old password 1",
      actor: admin,
    });
    const { token } = await createApiToken(t.db, { userId: user.id, name: "script", actor: admin });
    expect(await findUserByApiToken(t.db, token)).not.toBeNull();
    await resetUserPassword(t.db, { userId: user.id, password: "new password 22", actor: admin });
    expect(await findUserByApiToken(t.db, token)).toBeNull();
    const entry = await t.db.auditLog.findFirstOrThrow({
      where: { action: "user_password_reset", target: `user ${user.email}` },
    });
    expect(entry.details).toEqual({ revokedTokens: 1 });
  });
});
