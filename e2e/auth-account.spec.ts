// Journey: a user changes the password an admin gave them; the old one stops working, the new one works.
import { expect, test } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "./support/auth-users";

test.use({ storageState: { cookies: [], origins: [] } });

test("changing one's own password at 我的账号", async ({ page }) => {
  const admin = await signInAsAdmin();
  const user = await createUser(admin, "supervisor");
  await admin.dispose();
  const newPassword = `${user.password}-new`;

  await page.goto("/account");
  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "我的账号" })).toBeVisible();
  await expect(page.getByText("督查员 · 可以：浏览")).toBeVisible();

  const form = page.getByRole("form", { name: "修改密码" });
  await form.getByLabel("当前密码").fill("not my password");
  await form.getByLabel("新密码", { exact: true }).fill(newPassword);
  await form.getByLabel("再次输入新密码").fill(newPassword);
  await form.getByRole("button", { name: "修改密码" }).click();
  await expect(form.getByRole("alert")).toHaveText("当前密码不正确");

  await form.getByLabel("当前密码").fill(user.password);
  await form.getByLabel("新密码", { exact: true }).fill(newPassword);
  await form.getByLabel("再次输入新密码").fill(newPassword);
  await form.getByRole("button", { name: "修改密码" }).click();
  await expect(page).toHaveURL(/\/account\?changed=1$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("密码已修改，其他设备上的登录已退出。");
  await expect(page.getByRole("link", { name: /（督查员）/ })).toBeVisible();

  await expect(signIn(user)).rejects.toThrow(/401/);
  await (await signIn({ email: user.email, password: newPassword })).dispose();
});
