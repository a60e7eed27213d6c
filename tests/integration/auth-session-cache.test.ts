// The short session cache (lib/auth/session-cache.ts) on a real database: a signed-in request is looked up
// once and then answered from memory, yet sign-out, deactivation, a role change, a password change or reset
// made in this process apply on the very next request, and a change made elsewhere (another app instance,
// `npm run admin`, straight in the database) within SESSION_CACHE_TTL_MS. API tokens alike: remembered, yet
// a revocation, deactivation, role change or password reset here applies at once, one elsewhere within the TTL.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { readAuthConfig, type AuthConfig } from "@/lib/auth/config";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { changeOwnPassword } from "@/lib/auth/change-own-password";
import { createAuth, type Auth } from "@/lib/auth/create-auth";
import { createUser } from "@/lib/auth/create-user";
import { peerAddressHeader } from "@/lib/auth/peer-address";
import { resolveUser } from "@/lib/auth/resolve-user";
import { SESSION_CACHE_TTL_MS } from "@/lib/auth/session-cache";
import { resetUserPassword, setUserActive, updateUser } from "@/lib/auth/update-user";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const PASSWORD = "correct horse battery";
const config: AuthConfig = {
  ...readAuthConfig({}),
  secret: "test-secret-0123456789abcdef0123456789abcdef",
};

let t: TestDatabase;
let auth: Auth;
beforeAll(async () => {
  t = await createTestDatabase();
  auth = createAuth({ db: t.db, config });
});
afterAll(() => t?.drop());
afterEach(() => vi.useRealTimers());

let counter = 0;
async function signedInUser(role: "admin" | "staff" | "analyst" = "analyst") {
  counter += 1;
  const email = `cache${counter}.${Date.now()}@example.gov.cn`;
  const { id } = await createUser(t.db, { email, role, password: PASSWORD, actor: null });
  const response = await auth.api.signInEmail({
    body: { email, password: PASSWORD },
    headers: new Headers({ host: "localhost:3000", [peerAddressHeader()]: `10.9.0.${counter}` }),
    asResponse: true,
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  const headers = new Headers({ cookie, host: "localhost:3000" });
  return { id, email, headers, resolve: () => resolveUser({ db: t.db, auth, headers }) };
}

describe("session cache", () => {
  test("a second resolution of the same session is answered without the database", async () => {
    const user = await signedInUser();
    expect(await user.resolve()).toMatchObject({ id: user.id, role: "analyst", via: "session" });
    // With the session row gone, only the cache can still know who this is.
    await t.db.session.deleteMany({ where: { userId: user.id } });
    for (let i = 0; i < 3; i++) expect(await user.resolve()).toMatchObject({ id: user.id });
    // A cookie never seen before is looked up, and found wanting.
    const other = await signedInUser();
    await t.db.session.deleteMany({ where: { userId: other.id } });
    expect(await other.resolve()).toBeNull();
  });

  test("deactivation in this process ends the cached session on the next request", async () => {
    const user = await signedInUser();
    expect(await user.resolve()).not.toBeNull();
    await setUserActive(t.db, { userId: user.id, active: false, actor: null });
    expect(await user.resolve()).toBeNull();
  });

  test("a role or export change in this process applies on the next request", async () => {
    const user = await signedInUser("analyst");
    expect(await user.resolve()).toMatchObject({ role: "analyst", canExport: false });
    await updateUser(t.db, {
      userId: user.id,
      changes: { role: "supervisor", canExport: true },
      actor: null,
    });
    expect(await user.resolve()).toMatchObject({ role: "supervisor", canExport: true });
  });

  test("a password reset ends the cached session; a password change ends the user's other sessions", async () => {
    const reset = await signedInUser();
    expect(await reset.resolve()).not.toBeNull();
    await resetUserPassword(t.db, { userId: reset.id, password: "another long password", actor: null });
    expect(await reset.resolve()).toBeNull();

    const owner = await signedInUser();
    const other = await auth.api.signInEmail({
      body: { email: owner.email, password: PASSWORD },
      headers: new Headers({ host: "localhost:3000", [peerAddressHeader()]: "10.9.1.1" }),
      asResponse: true,
    });
    const otherHeaders = new Headers({
      cookie: (other.headers.get("set-cookie") ?? "").split(";")[0]!,
      host: "localhost:3000",
    });
    const current = await auth.api.getSession({ headers: owner.headers });
    expect(await resolveUser({ db: t.db, auth, headers: otherHeaders })).not.toBeNull();
    await changeOwnPassword(t.db, {
      user: { id: owner.id, email: owner.email },
      sessionId: current!.session.id,
      currentPassword: PASSWORD,
      newPassword: "a brand new password",
      ip: "10.9.1.2",
      lockout: config.lockout,
    });
    expect(await resolveUser({ db: t.db, auth, headers: otherHeaders })).toBeNull();
    expect(await owner.resolve()).toMatchObject({ id: owner.id });
  });

  test("sign-out ends the cached session on the next request", async () => {
    const user = await signedInUser();
    expect(await user.resolve()).not.toBeNull();
    await auth.api.signOut({ headers: user.headers });
    expect(await user.resolve()).toBeNull();
  });

  test("a change made by another process is seen once the cache entry ages out", async () => {
    const user = await signedInUser("analyst");
    vi.useFakeTimers({ toFake: ["Date"] });
    expect(await user.resolve()).toMatchObject({ role: "analyst" });
    // As `npm run admin -- user:deactivate` would, from outside this process: no cache to clear here.
    await t.db.user.update({ where: { id: user.id }, data: { active: false } });
    await t.db.session.deleteMany({ where: { userId: user.id } });
    expect(await user.resolve()).toMatchObject({ role: "analyst" });
    vi.setSystemTime(Date.now() + SESSION_CACHE_TTL_MS);
    expect(await user.resolve()).toBeNull();
  });
});

async function tokenUser(role: "admin" | "staff" | "analyst" = "staff") {
  counter += 1;
  const email = `token${counter}.${Date.now()}@example.gov.cn`;
  const { id } = await createUser(t.db, { email, role, password: PASSWORD, actor: null });
  const { token, row } = await createApiToken(t.db, { userId: id, name: "script", actor: null });
  const headers = new Headers({ authorization: `Bearer ${token}`, host: "localhost:3000" });
  return { id, tokenId: row.id, resolve: () => resolveUser({ db: t.db, auth, headers }) };
}

const REFUSED = { code: "INVALID_TOKEN", status: 401 };

describe("API tokens in the cache", () => {
  test("a second request with the same token is answered without the database", async () => {
    const user = await tokenUser();
    expect(await user.resolve()).toMatchObject({ id: user.id, role: "staff", via: "token" });
    // With the token row gone, only the cache can still know whose it is.
    await t.db.apiToken.delete({ where: { id: user.tokenId } });
    expect(await user.resolve()).toMatchObject({ id: user.id, via: "token" });
    // A refused token is not remembered: the next request with it is refused again.
    const other = await tokenUser();
    await t.db.apiToken.delete({ where: { id: other.tokenId } });
    await expect(other.resolve()).rejects.toMatchObject(REFUSED);
    await expect(other.resolve()).rejects.toMatchObject(REFUSED);
  });

  test("revoking the token in this process refuses it on the very next request", async () => {
    const user = await tokenUser();
    expect(await user.resolve()).not.toBeNull();
    await revokeApiToken(t.db, { id: user.tokenId, actor: null });
    await expect(user.resolve()).rejects.toMatchObject(REFUSED);
  });

  test("deactivation, a role change and a password reset in this process apply on the next request", async () => {
    const deactivated = await tokenUser();
    expect(await deactivated.resolve()).not.toBeNull();
    await setUserActive(t.db, { userId: deactivated.id, active: false, actor: null });
    await expect(deactivated.resolve()).rejects.toMatchObject(REFUSED);

    const demoted = await tokenUser("staff");
    expect(await demoted.resolve()).toMatchObject({ role: "staff" });
    await updateUser(t.db, { userId: demoted.id, changes: { role: "analyst" }, actor: null });
    expect(await demoted.resolve()).toMatchObject({ role: "analyst" });

    const reset = await tokenUser();
    expect(await reset.resolve()).not.toBeNull();
    await resetUserPassword(t.db, { userId: reset.id, password: "another long password", actor: null });
    await expect(reset.resolve()).rejects.toMatchObject(REFUSED);
  });

  test("a revocation made by another process is seen once the cache entry ages out", async () => {
    const user = await tokenUser();
    vi.useFakeTimers({ toFake: ["Date"] });
    expect(await user.resolve()).toMatchObject({ id: user.id });
    // As `npm run admin -- token:revoke` would, from outside this process: no cache to clear here.
    await t.db.apiToken.update({ where: { id: user.tokenId }, data: { revokedAt: new Date() } });
    expect(await user.resolve()).toMatchObject({ id: user.id });
    vi.setSystemTime(Date.now() + SESSION_CACHE_TTL_MS);
    await expect(user.resolve()).rejects.toMatchObject(REFUSED);
  });
});
