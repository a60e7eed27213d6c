// Journey: a visitor is sent to the login page, signs in, works, signs out — in Chinese, with a session
// cookie scripts cannot read, and the security headers on every response.
import { expect, test } from "@playwright/test";
import { createUser, signInAsAdmin } from "./support/auth-users";
import { E2E_TRUSTED_PROXY } from "./support/e2e-server-env";
import { rawRequest, rawSignIn } from "./support/raw-request";

test.use({ storageState: { cookies: [], origins: [] } });

test("an anonymous visitor is sent to 登录 and comes back to the page they asked for", async ({ page }) => {
  const admin = await signInAsAdmin();
  const analyst = await createUser(admin, "analyst");
  await admin.dispose();

  await page.goto("/rankings?year=2023");
  await expect(page).toHaveURL(/\/login\?next=%2Frankings%3Fyear%3D2023$/);
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" })).toHaveCount(0);

  await page.getByLabel("邮箱").fill(analyst.email);
  await page.getByLabel("密码").fill(analyst.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/rankings\?year=2023$/);
  await expect(page.getByText("（分析员）")).toBeVisible();
  // An analyst's navigation has no 上传 (staff only) but does have 导出.
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "导出" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "上传" })).toHaveCount(0);

  const [cookie] = (await page.context().cookies()).filter((c) =>
    c.name.endsWith("better-auth.session_token"),
  );
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session_token");

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password says 账号或密码错误 and keeps the visitor on the login page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill("nobody@nianbao.test");
  await page.getByLabel("密码").fill("wrong password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("账号或密码错误");
  await expect(page).toHaveURL(/\/login$/);
});

test("pages and API answers carry the security headers", async ({ request }) => {
  for (const url of ["/login", "/api/auth/me"]) {
    const response = await request.get(url);
    const headers = response.headers();
    expect(headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], url).toBe("DENY");
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], url).toContain("camera=()");
  }
  // Pages: our own origin, scripts by this response's nonce; API answers: nothing may run or load at all.
  expect((await request.get("/login")).headers()["content-security-policy"]).toMatch(
    /^default-src 'self'; script-src 'self' 'nonce-[^']+' 'strict-dynamic';/,
  );
  expect((await request.get("/api/auth/me")).headers()["content-security-policy"]).toContain(
    "default-src 'none'",
  );
});

test("behind the HTTPS proxy the session cookie is Secure (and still works); a client's own X-Forwarded-Proto is not believed", async () => {
  const admin = await signInAsAdmin();
  const user = await createUser(admin, "analyst");
  await admin.dispose();
  const https = { "x-forwarded-proto": "https" };
  const response = await rawSignIn({ from: E2E_TRUSTED_PROXY, ...user, headers: https });
  expect(response.status).toBe(200);
  const setCookie = [response.headers["set-cookie"] ?? []].flat().join("\n");
  expect(setCookie).toMatch(/^__Secure-better-auth\.session_token=/);
  expect(setCookie).toMatch(/;\s*Secure/i);
  expect(setCookie).toMatch(/;\s*HttpOnly/i);
  expect(setCookie).toMatch(/;\s*SameSite=Lax/i);

  const cookie = setCookie.split(";")[0]!;
  const me = await rawRequest({
    from: E2E_TRUSTED_PROXY,
    path: "/api/auth/me",
    headers: { ...https, cookie },
  });
  expect(me.status).toBe(200);

  // The same header straight from a client changes nothing: a plain cookie, as over plain HTTP.
  const direct = await rawSignIn({ from: "127.0.0.61", ...user, headers: https });
  expect(direct.status).toBe(200);
  expect([direct.headers["set-cookie"] ?? []].flat().join("\n")).toMatch(/^better-auth\.session_token=/);
});
