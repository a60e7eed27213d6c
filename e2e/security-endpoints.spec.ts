// Journeys an attacker takes against the API (issue 18, items 4, 6, 7 and 9): endpoints the app does not
// use, malformed Authorization headers, NUL bytes and out-of-range ids, invisible characters in names,
// 4 MB inputs, a deactivated account's right password — and the database port with the old password.
import { randomBytes } from "node:crypto";
import { expect, request, test } from "@playwright/test";
import pg from "pg";
import { baseUrl, createToken, createUser, signIn, signInAsAdmin } from "./support/auth-users";
import { E2E_PG_PORT, e2eDatabaseUrl } from "./support/e2e-server-env";
import { rawSignIn } from "./support/raw-request";

test.use({ storageState: { cookies: [], origins: [] } });

test("better-auth's password and session endpoints are not served: a session holder cannot guess passwords there", async () => {
  const admin = await signInAsAdmin();
  const user = await createUser(admin, "staff");
  const client = await signIn(user);
  for (const [path, data] of [
    ["/api/auth/verify-password", { password: "guess 1" }],
    ["/api/auth/change-password", { currentPassword: "guess 2", newPassword: "new password 1234" }],
    ["/api/auth/set-password", { newPassword: "new password 1234" }],
    ["/api/auth/revoke-sessions", {}],
    ["/api/auth/update-user", { name: "x" }],
    ["/api/auth/sign-up/email", { email: "self@nianbao.test", password: "new password 1234", name: "x" }],
  ] as const) {
    expect((await client.post(path, { data })).status(), path).toBe(404);
  }
  for (const path of ["/api/auth/list-sessions", "/api/auth/get-session", "/api/auth/list-accounts"]) {
    expect((await client.get(path)).status(), path).toBe(404);
  }
  // Sign-in and sign-out still work, and the session is still good.
  expect((await client.get("/api/auth/me")).status()).toBe(200);
  await client.dispose();
  await admin.dispose();
});

test("a malformed Authorization header with a session cookie is refused, never read as no header (no CSRF bypass)", async () => {
  const admin = await signInAsAdmin();
  const email = `bearer-xy-${randomBytes(4).toString("hex")}@nianbao.test`;
  for (const authorization of ["Bearer x y", "Bearer", "Basic YTpi", "bearer  nbt_forged  extra"]) {
    const response = await admin.post("/api/admin/users", {
      data: { email, password: "long enough password", role: "admin" },
      headers: { Origin: "https://evil.example", Authorization: authorization },
    });
    expect([401, 403], authorization).toContain(response.status());
    const me = await admin.get("/api/auth/me", { headers: { Authorization: authorization } });
    expect(me.status(), authorization).toBe(401);
    expect(await me.json()).toMatchObject({ error: { code: "INVALID_TOKEN" } });
  }
  const users = (await (await admin.get("/api/admin/users")).json()) as { users: { email: string }[] };
  expect(users.users.map((user) => user.email)).not.toContain(email);
  await admin.dispose();
});

test("NUL bytes, malformed and out-of-range ids answer 400 (or 404), never 500", async () => {
  const admin = await signInAsAdmin();
  const cases: [string, () => Promise<{ status(): number }>, number[]][] = [
    ["PATCH user %00", () => admin.patch("/api/admin/users/%00", { data: { name: "x" } }), [400]],
    ["PATCH user ../x", () => admin.patch("/api/admin/users/a%2Fb", { data: { name: "x" } }), [400]],
    [
      "reset password of %00",
      () => admin.post("/api/admin/users/%00/password", { data: { password: "long enough pw 1" } }),
      [400],
    ],
    ["DELETE token 99999999999", () => admin.delete("/api/tokens/99999999999"), [400]],
    ["DELETE token -1", () => admin.delete("/api/tokens/-1"), [400]],
    ["DELETE token 1e3", () => admin.delete("/api/tokens/1.5"), [400]],
    ["GET tokens of %00", () => admin.get("/api/tokens?userId=%00"), [400]],
    [
      "create a user named with NUL",
      () =>
        admin.post("/api/admin/users", {
          data: {
            email: "nul@nianbao.test",
            name: "a\u0000b",
            password: "long enough pw 1",
            role: "analyst",
          },
        }),
      [400],
    ],
    [
      "create a user with a NUL email",
      () =>
        admin.post("/api/admin/users", {
          data: { email: "n\u0000ul@nianbao.test", password: "long enough pw 1", role: "analyst" },
        }),
      [400],
    ],
    [
      "a token for a NUL email",
      () => admin.post("/api/tokens", { data: { email: "x\u0000@nianbao.test", name: "x" } }),
      [400],
    ],
    ["audit filtered by NUL", () => admin.get("/api/admin/audit?actor=%00"), [200]],
    // A streamed page has sent its 200 before notFound(): it shows 页面不存在 (checked below), not an error.
    ["the user page of %00", () => admin.get("/admin/users/%00"), [200, 404]],
    ["the audit page filtered by NUL", () => admin.get("/admin/audit?actor=%00"), [200]],
    [
      "sign-in with a NUL email",
      () => admin.post("/api/auth/sign-in/email", { data: { email: "a\u0000@x.cn", password: "x" } }),
      [400],
    ],
  ];
  for (const [name, send, expected] of cases) {
    expect(expected, name).toContain((await send()).status());
  }
  expect(await (await admin.get("/admin/users/%00")).text()).toContain("页面不存在");
  await admin.dispose();
});

test("names with direction overrides or zero-width characters are refused with a Chinese message", async () => {
  const admin = await signInAsAdmin();
  const target = await createUser(admin, "analyst");
  for (const name of ["管理\u202E员", "李\u200B明", "\u2066王五\u2069", "赵\uFEFF六"]) {
    const created = await admin.post("/api/admin/users", {
      data: {
        email: `bidi-${randomBytes(4).toString("hex")}@nianbao.test`,
        name,
        password: "long enough pw 1",
        role: "analyst",
      },
    });
    expect(created.status(), JSON.stringify(name)).toBe(400);
    expect(((await created.json()) as { error: { message: string } }).error.message).toMatch(/姓名不能包含/);
    const renamed = await admin.patch(`/api/admin/users/${target.id}`, { data: { name } });
    expect(renamed.status(), JSON.stringify(name)).toBe(400);
  }
  const tokenName = await admin.post("/api/tokens", {
    data: { userId: target.id, name: "脚本\u202Etxt.exe" },
  });
  expect(tokenName.status()).toBe(400);
  await admin.dispose();
});

test("a deactivated account's right password is answered exactly like a wrong one", async () => {
  const admin = await signInAsAdmin();
  const user = await createUser(admin, "analyst");
  expect((await admin.patch(`/api/admin/users/${user.id}`, { data: { active: false } })).status()).toBe(204);
  const right = await rawSignIn({ from: "127.0.0.41", email: user.email, password: user.password });
  const wrong = await rawSignIn({ from: "127.0.0.42", email: user.email, password: `${user.password}-not` });
  expect(right.status).toBe(401);
  expect(right.text).toBe(wrong.text);
  expect(JSON.parse(right.text)).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
  await admin.dispose();
});

test("an admin's password reset also revokes the user's API tokens", async () => {
  const admin = await signInAsAdmin();
  const user = await createUser(admin, "staff");
  const token = await createToken(admin, user.id);
  const script = await request.newContext({
    baseURL: baseUrl(),
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    storageState: { cookies: [], origins: [] },
  });
  expect((await script.get("/api/auth/me")).status()).toBe(200);
  const reset = await admin.post(`/api/admin/users/${user.id}/password`, {
    data: { password: "a new password 42" },
  });
  expect(reset.status()).toBe(204);
  expect((await script.get("/api/auth/me")).status()).toBe(401);
  await script.dispose();
  await admin.dispose();
});

test("4 MB and 3 KB emails are refused without a 500 and without a row in the audit log", async ({
  page,
}) => {
  const admin = await signInAsAdmin();
  // Entries naming any of these emails (the filter matches a part of the email).
  const logged = async (part: string) =>
    ((await (await admin.get(`/api/admin/audit?actor=${part.repeat(20)}`)).json()) as { total: number })
      .total;

  const huge = await rawSignIn({
    from: "127.0.0.43",
    email: `${"x".repeat(4 * 1024 * 1024)}@nianbao.test`,
    password: "guess",
  }).catch((error: NodeJS.ErrnoException) => ({ status: error.code }));
  // Answered 413 before the body is read; a client still writing the rest may see the connection closed instead.
  expect([413, "EPIPE", "ECONNRESET"]).toContain(huge.status);
  const long = await rawSignIn({
    from: "127.0.0.43",
    email: `${"y".repeat(3000)}@nianbao.test`,
    password: "guess",
  });
  expect(long.status).toBe(400);
  expect(JSON.parse(long.text)).toMatchObject({ code: "INPUT_TOO_LONG" });

  // Through the login form too: a Chinese message, not an error page.
  await page.goto("/login");
  await page
    .getByLabel("邮箱")
    .evaluate(
      (input, value) => ((input as HTMLInputElement).value = value),
      `${"z".repeat(3000)}@nianbao.test`,
    );
  await page.getByLabel("密码").fill("guess");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("邮箱或密码过长");

  expect([await logged("x"), await logged("y"), await logged("z")]).toEqual([0, 0, 0]);
  await admin.dispose();
});

test("the e2e database refuses the old fixed superuser password; the app's own role cannot run programs", async () => {
  const old = new pg.Client({
    connectionString: `postgresql://postgres:postgres@localhost:${E2E_PG_PORT}/nianbao_e2e`,
  });
  await expect(old.connect()).rejects.toMatchObject({ code: "28P01" });
  await old.end().catch(() => undefined);

  const app = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await app.connect();
  try {
    const { rows } = await app.query<{ rolsuper: boolean }>(
      "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
    );
    expect(rows).toEqual([{ rolsuper: false }]);
    await expect(app.query("COPY (SELECT 1) TO PROGRAM 'true'")).rejects.toMatchObject({ code: "42501" });
  } finally {
    await app.end();
  }
});
