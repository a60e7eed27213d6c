// Logs in once as the e2e administrator and saves the session; the journeys start from it.
import { expect, test as setup } from "@playwright/test";
import { ADMIN_STORAGE_STATE, E2E_ADMIN } from "./support/e2e-admin";

setup("log in as the first administrator", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(E2E_ADMIN.email);
  await page.getByLabel("密码").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "登录" }).click();
  // The first sign-in hashes with argon2id and renders 总览 cold: on a shared, busy machine that takes a while.
  await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 30_000 });
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});
