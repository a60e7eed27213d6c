// Journey: an admin opens 系统管理, creates a colleague's account, grants a supervisor the export right, gives
// a script a token (shown once, with a copy button), revokes it and deactivates the account — each only after
// a confirmation, each with a message — and finds every step in 审计日志 in Chinese words.
import { randomBytes } from "node:crypto";
import { expect, request, test } from "@playwright/test";
import { baseUrl, signIn } from "./support/auth-users";

test("an admin manages a colleague's account, export right and API token", async ({ page, context }) => {
  test.setTimeout(120_000); // a long journey: on a busy machine each step takes seconds
  const email = `colleague-${randomBytes(4).toString("hex")}@nianbao.test`;
  const password = `pw-${randomBytes(8).toString("hex")}`;

  await page.goto("/");
  await page.getByRole("link", { name: "系统管理" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);

  const create = page.getByRole("form", { name: "新建用户" });
  await create.getByLabel("邮箱").fill(email);
  await create.getByLabel("姓名").fill("王督查");
  await create.getByLabel("角色").selectOption({ label: "督查员" });
  await create.getByLabel(/初始密码/).fill(password);
  await create.getByRole("button", { name: "创建用户" }).click();
  await expect(create.getByRole("status")).toHaveText(`已创建用户 ${email}`);
  const row = page.getByRole("table", { name: "用户列表" }).getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("督查员");
  await expect(row).toContainText("未授权");

  // A supervisor may not export until an admin says so.
  const colleague = await signIn({ email, password });
  expect(
    ((await (await colleague.get("/api/auth/me")).json()) as { user: { permissions: string[] } }).user
      .permissions,
  ).toEqual(["browse"]);

  await row.getByRole("link", { name: email }).click();
  const rights = page.getByRole("form", { name: "角色与权限" });
  await rights.getByLabel("允许导出（督查员）").check();
  await rights.getByRole("button", { name: "保存" }).click();
  await expect(rights.getByRole("status")).toHaveText("已保存");
  const me = (await (await colleague.get("/api/auth/me")).json()) as { user: { permissions: string[] } };
  expect(me.user.permissions).toEqual(["browse", "export"]);

  // A token for the colleague's scripts: shown once, acts as the colleague, stops when revoked.
  const tokenForm = page.getByRole("form", { name: "新建令牌" });
  await tokenForm.getByLabel("用途").fill("夜间导出");
  await tokenForm.getByRole("button", { name: "创建令牌" }).click();
  const token = (await tokenForm.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^nbt_/);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await tokenForm.getByRole("button", { name: "复制令牌" }).click();
  await expect(tokenForm.getByRole("button", { name: "已复制" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  const script = await request.newContext({
    baseURL: baseUrl(),
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    storageState: { cookies: [], origins: [] },
  });
  const asScript = (await (await script.get("/api/auth/me")).json()) as {
    user: { email: string; via: string };
  };
  expect(asScript.user).toMatchObject({ email, via: "token" });
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0); // never shown again
  // Revoking asks first; 取消 leaves the token working.
  const revoke = page.getByRole("form", { name: /^吊销令牌 / });
  await revoke.getByRole("button", { name: "吊销" }).click();
  await expect(revoke.getByText("确定吊销？")).toBeVisible();
  await revoke.getByRole("button", { name: "取消" }).click();
  expect((await script.get("/api/auth/me")).status()).toBe(200);
  await revoke.getByRole("button", { name: "吊销" }).click();
  await revoke.getByRole("button", { name: "确定吊销" }).click();
  await expect(revoke.getByRole("status")).toHaveText(`已吊销令牌 ${token.slice(0, 10)}…`);
  await expect(revoke.getByText(/已吊销（/)).toBeVisible();
  expect((await script.get("/api/auth/me")).status()).toBe(401);

  // Deactivation ends the colleague's session at once and blocks new logins.
  const state = page.getByRole("form", { name: "账号状态" });
  await state.getByRole("button", { name: "停用账号" }).click();
  await expect(state.getByText(`停用后 ${email} 立即无法登录`)).toBeVisible();
  expect((await colleague.get("/api/auth/me")).status()).toBe(200); // nothing happened yet
  await state.getByRole("button", { name: "确定停用" }).click();
  await expect(state.getByRole("status")).toContainText("已停用该账号");
  await expect(state.getByRole("button", { name: "启用账号" })).toBeVisible();
  expect((await colleague.get("/api/auth/me")).status()).toBe(401);
  // Answered exactly like a wrong password: the right one must not reveal that the account exists but is off.
  await expect(signIn({ email, password })).rejects.toThrow(/401 .*INVALID_EMAIL_OR_PASSWORD/);

  await page.getByRole("link", { name: "审计日志" }).click();
  await page.getByLabel("操作人邮箱").fill("e2e-admin@nianbao.test");
  await page.getByRole("button", { name: "筛选" }).click();
  const log = page.getByRole("table", { name: "审计日志" });
  for (const action of ["创建用户", "修改用户", "创建令牌", "吊销令牌", "停用用户"]) {
    await expect(
      log.getByRole("row").filter({ hasText: action }).filter({ hasText: email }).first(),
    ).toBeVisible();
  }
  // In words, with what was stored before → after; no English object names, no raw JSON.
  const change = log.getByRole("row").filter({ hasText: "修改用户" }).filter({ hasText: email }).first();
  await expect(change).toContainText(`用户 ${email}`);
  await expect(change).toContainText("导出：不可导出 → 可导出");
  await expect(
    log.getByRole("row").filter({ hasText: "吊销令牌" }).filter({ hasText: email }).first(),
  ).toContainText(`令牌 ${token.slice(0, 10)}…（${email}）`);
  await expect(log).not.toContainText(`user ${email}`);
  await expect(log).not.toContainText('"before"');
  await script.dispose();
  await colleague.dispose();
});
