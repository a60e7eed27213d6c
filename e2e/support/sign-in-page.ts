// A browser page signed in as the given account through the login form (a context of its own, so it does
// not share the e2e admin's session).
import { expect, type Browser, type Page } from "@playwright/test";
import type { Credentials } from "./auth-users";

export async function openSignedInPage(
  browser: Browser,
  credentials: Credentials,
  viewport = { width: 1366, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(credentials.email);
  await page.getByLabel("密码").fill(credentials.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  return page;
}

/** The page does not scroll sideways at its current width. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, page.url()).toBeLessThanOrEqual(innerWidth);
}
