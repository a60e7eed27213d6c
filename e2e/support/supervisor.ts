// Signs a browser page in as a fresh supervisor (督查员), made through the admin API, via the login form.
import { expect, type Page } from "@playwright/test";
import { createUser, signInAsAdmin } from "./auth-users";

export async function signInAsSupervisor(page: Page): Promise<void> {
  const admin = await signInAsAdmin();
  const supervisor = await createUser(admin, "supervisor");
  await admin.dispose();
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(supervisor.email);
  await page.getByLabel("密码").fill(supervisor.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByText("（督查员）")).toBeVisible();
}
