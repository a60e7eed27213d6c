// Journey: what a new admin trips over (issue 19): a refused form keeps what was typed — except the password —
// and marks the field, the role select keeps 填报员; a user deactivated while signed in is told why on the
// login page; addresses naming nothing answer 404 (a page) or a JSON 404 (the API); an internationalised
// email domain — also under a Chinese top-level domain (user@例子.中国) — works from creation to sign-in.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createUser, newClient, signIn, signInAsAdmin } from "./support/auth-users";
import { E2E_ADMIN } from "./support/e2e-admin";

const unique = () => randomBytes(4).toString("hex");

test("a refused new user keeps what was typed and marks the field in error", async ({ page }) => {
  test.setTimeout(120_000); // seven submissions: on a busy machine each takes seconds
  const email = `staff-${unique()}@nianbao.test`;
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "新建用户" });
  const field = (name: string | RegExp) => form.getByLabel(name);

  // 1. An email that is taken: every field but the password comes back as typed, the email is marked.
  await field("邮箱").fill(E2E_ADMIN.email);
  await field("姓名").fill("李填报");
  await field("角色").selectOption({ label: "填报员" });
  await field(/初始密码/).fill("a long enough password");
  await field(/限定地区/).fill("5303, 530402");
  await form.getByRole("button", { name: "创建用户" }).click();
  await expect(form.getByRole("alert")).toHaveText("该邮箱已有账号");
  await expect(field("邮箱")).toHaveValue(E2E_ADMIN.email);
  await expect(field("邮箱")).toHaveAttribute("aria-invalid", "true");
  await expect(field("姓名")).toHaveValue("李填报");
  await expect(field("角色")).toHaveValue("staff");
  await expect(field(/限定地区/)).toHaveValue("5303, 530402");
  await expect(field(/初始密码/)).toHaveValue("");

  // 2. A bad region list: its own Chinese words, at the regions field.
  await field("邮箱").fill(email);
  await field(/初始密码/).fill("a long enough password");
  await field(/限定地区/).fill("53x3");
  await form.getByRole("button", { name: "创建用户" }).click();
  await expect(form.getByRole("alert")).toHaveText("地区代码应为 2–12 位数字，多个用逗号分隔");
  await expect(field(/限定地区/)).toHaveAttribute("aria-invalid", "true");
  await expect(field("邮箱")).not.toHaveAttribute("aria-invalid", "true");

  // 3. Passwords too short, equal to the email, or common: marked at the password.
  await field(/限定地区/).fill("5303, 530402");
  for (const [password, message] of <Array<[string, string]>>[
    ["short", "密码至少 10 个字符"],
    [email, "密码不能与邮箱相同"],
    ["qwertyuiop", "这个密码太常见，很容易被猜到，请换一个"],
  ]) {
    await field(/初始密码/).fill(password);
    await form.getByRole("button", { name: "创建用户" }).click();
    await expect(form.getByRole("alert")).toHaveText(message);
    await expect(field(/初始密码/)).toHaveAttribute("aria-invalid", "true");
    await expect(field("角色")).toHaveValue("staff");
  }

  // 4. Fixing only the password creates the region-limited 填报员 that was meant.
  await field(/初始密码/).fill("a long enough password");
  await form.getByRole("button", { name: "创建用户" }).click();
  await expect(form.getByRole("status")).toHaveText(`已创建用户 ${email}`);
  const row = page.getByRole("table", { name: "用户列表" }).getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("填报员");
  await expect(row).toContainText("5303、530402");
  await expect(row).toContainText("不可导出");
  await expect(field("邮箱")).toHaveValue(""); // a created user leaves an empty form
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a user deactivated while signed in is told why on the login page", async ({ page }) => {
    test.setTimeout(90_000);
    const admin = await signInAsAdmin();
    const analyst = await createUser(admin, "analyst");
    await page.goto("/login");
    await page.getByLabel("邮箱").fill(analyst.email);
    await page.getByLabel("密码").fill(analyst.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 30_000 });

    expect((await admin.patch(`/api/admin/users/${analyst.id}`, { data: { active: false } })).status()).toBe(
      204,
    );
    await page.goto("/rankings");
    await expect(page).toHaveURL(/\/login\?next=%2Frankings/);
    await expect(page.getByText(/您的账号已被管理员停用/)).toBeVisible();
    // Someone else on the login page hears nothing of it.
    const stranger = await page
      .context()
      .browser()!
      .newPage({ storageState: { cookies: [], origins: [] } });
    await stranger.goto("/login");
    await expect(stranger.getByText(/已被管理员停用/)).toHaveCount(0);
    await stranger.close();
    await admin.dispose();
  });

  test("an internationalised email domain signs in as typed", async ({ page }) => {
    const admin = await signInAsAdmin();
    const local = `li-${unique()}`;
    const password = `pw-${unique()}-${unique()}`;
    const created = await admin.post("/api/admin/users", {
      data: { email: `${local}@例子.cn`, password, role: "analyst" },
    });
    expect(created.status()).toBe(201);
    // The same address in punycode is the same account.
    const again = await admin.post("/api/admin/users", {
      data: { email: `${local}@xn--fsqu00a.cn`, password, role: "analyst" },
    });
    expect(again.status()).toBe(409);
    await admin.dispose();

    await page.goto("/login");
    await page.getByLabel("邮箱").fill(`${local}@例子.cn`);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 30_000 });
  });
});

test("an address under a Chinese top-level domain is created on the admin page and signs in as typed", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = `zhang-${unique()}@例子.中国`;
  const password = `pw-${unique()}-${unique()}`;
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "新建用户" });
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("角色").selectOption({ label: "分析员" });
  await form.getByLabel(/初始密码/).fill(password);
  await form.getByRole("button", { name: "创建用户" }).click();
  await expect(form.getByRole("status")).toHaveText(`已创建用户 ${email}`);
  await expect(
    page.getByRole("table", { name: "用户列表" }).getByRole("row").filter({ hasText: email }),
  ).toContainText("分析员");
  await page.goto("/admin/audit?action=user_create");
  await expect(page.getByRole("table", { name: "审计日志" })).toContainText(`用户 ${email}`);

  // Signed in through the login form, typed in Chinese (with 。 as the dot) and in punycode.
  for (const typed of [
    email.replace(".中国", "。中国"),
    email.replace("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
  ]) {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const visitor = await context.newPage();
    await visitor.goto("/login");
    await visitor.getByLabel("邮箱").fill(typed);
    await visitor.getByLabel("密码").fill(password);
    await visitor.getByRole("button", { name: "登录" }).click();
    await expect(visitor, typed).toHaveURL((url) => url.pathname === "/", { timeout: 30_000 });
    await visitor.goto("/account");
    await expect(visitor.getByText(`${email} · 分析员`)).toBeVisible();
    await context.close();
  }
});

test("addresses naming nothing answer 404: user pages, and the API in JSON", async () => {
  const admin = await signInAsAdmin();
  for (const id of ["nope", "%00", "99999999999999999999999999", "x".repeat(70), "%E0%A4%A"]) {
    const response = await admin.get(`/admin/users/${id}`, { maxRedirects: 0 });
    expect(response.status(), id).toBe(404);
    expect(await response.text()).toContain("页面不存在");
  }
  for (const method of ["GET", "POST", "DELETE"]) {
    const response = await admin.fetch("/api/no/such/route", {
      method,
      data: method === "GET" ? undefined : {},
    });
    expect(response.status(), method).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "ROUTE_NOT_FOUND", message: "没有这个接口，请检查地址和请求方法" },
    });
  }
  const anonymous = await newClient();
  expect((await anonymous.get("/api/no/such/route")).status()).toBe(401);
  const staff = await signIn(await createUser(admin, "staff"));
  expect((await staff.get("/admin/users/nope", { maxRedirects: 0 })).status()).toBe(403);
  await Promise.all([admin.dispose(), anonymous.dispose(), staff.dispose()]);
});
