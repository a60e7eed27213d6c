// API tokens on a real database: only the hash is stored, a token acts as exactly its user, use updates
// lastUsedAt, revocation and deactivation stop it, and a bad token is refused rather than ignored.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiToken, findUserByApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { readAuthConfig } from "@/lib/auth/config";
import { createAuth } from "@/lib/auth/create-auth";
import { createUser } from "@/lib/auth/create-user";
import { can } from "@/lib/auth/permissions";
import { resolveUser } from "@/lib/auth/resolve-user";
import { setUserActive, updateUser } from "@/lib/auth/update-user";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

async function newUser(email: string, role: "supervisor" | "analyst" | "staff") {
  return createUser(t.db, { email, role, password: "a long enough password", actor: null });
}

describe("API tokens", () => {
  test("stores only the sha256 of the token", async () => {
    const user = await newUser("tok1@example.gov.cn", "analyst");
    const { token, row } = await createApiToken(t.db, {
      userId: user.id,
      name: "nightly export",
      actor: null,
    });
    const stored = await t.db.apiToken.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    const dump = JSON.stringify(await t.db.$queryRaw`SELECT * FROM "ApiToken"`);
    expect(dump).not.toContain(token);
    expect(token.startsWith(stored.prefix)).toBe(true);
  });

  test("acts as exactly its user, with that user's permissions, and records its use", async () => {
    const user = await newUser("tok2@example.gov.cn", "supervisor");
    const { token, row } = await createApiToken(t.db, { userId: user.id, name: "script", actor: null });
    expect(row.lastUsedAt).toBeNull();

    const acting = await findUserByApiToken(t.db, token);
    expect(acting).toMatchObject({ id: user.id, role: "supervisor", canExport: false, via: "token" });
    expect(can(acting, "export")).toBe(false);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).not.toBeNull();

    // Granting the supervisor export applies to the token at once.
    await updateUser(t.db, { userId: user.id, changes: { canExport: true }, actor: null });
    expect(can(await findUserByApiToken(t.db, token), "export")).toBe(true);
  });

  test("stops working when revoked, and revoking twice reports nothing to revoke", async () => {
    const user = await newUser("tok3@example.gov.cn", "analyst");
    const { token, row } = await createApiToken(t.db, { userId: user.id, name: "old", actor: null });
    expect(await revokeApiToken(t.db, { id: row.id, actor: null })).toMatchObject({ id: row.id });
    expect(await findUserByApiToken(t.db, token)).toBeNull();
    expect(await revokeApiToken(t.db, { id: row.id, actor: null })).toBeNull();
    const listed = await listApiTokens(t.db, { userId: user.id });
    expect(listed[0]?.revokedAt).not.toBeNull();
  });

  test("stops working when its user is deactivated", async () => {
    const user = await newUser("tok4@example.gov.cn", "staff");
    const { token } = await createApiToken(t.db, { userId: user.id, name: "x", actor: null });
    await setUserActive(t.db, { userId: user.id, active: false, actor: null });
    expect(await findUserByApiToken(t.db, token)).toBeNull();
  });

  test("a Bearer header decides alone: a bad token is refused, not replaced by a cookie", async () => {
    const auth = createAuth({ db: t.db, config: { ...readAuthConfig({}), secret: "x".repeat(40) } });
    const user = await newUser("tok5@example.gov.cn", "analyst");
    const { token } = await createApiToken(t.db, { userId: user.id, name: "x", actor: null });
    const good = new Headers({ authorization: `Bearer ${token}`, host: "localhost:3000" });
    expect(await resolveUser({ db: t.db, auth, headers: good })).toMatchObject({ id: user.id, via: "token" });

    for (const bad of [`Bearer ${token.slice(0, -1)}x`, "Bearer nbt_guess"]) {
      const headers = new Headers({
        authorization: bad,
        cookie: "better-auth.session_token=whatever",
        host: "localhost:3000",
      });
      await expect(resolveUser({ db: t.db, auth, headers })).rejects.toMatchObject({
        code: "INVALID_TOKEN",
        status: 401,
      });
    }
  });
});
