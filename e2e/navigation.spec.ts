// Journey: a visitor moves between the sections through the top navigation; no section fails to render.
import { expect, test } from "@playwright/test";
import { NAV_ITEMS } from "../components/nav-items";

test("every navigation entry opens its section", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link")).toHaveText(NAV_ITEMS.map((item) => item.label));

  for (const item of NAV_ITEMS) {
    await nav.getByRole("link", { name: item.label, exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === item.href);
    await expect(page.getByRole("heading", { level: 1, name: item.label })).toBeVisible();
    await expect(nav.getByRole("link", { name: item.label, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
  }
});

// Update this list as sections get built: each placeholder must say plainly that it is not there yet, and
// a built section must not.
const PLANNED: string[] = [];

test("sections that are not built yet say what they will offer", async ({ page }) => {
  for (const item of NAV_ITEMS) {
    const response = await page.goto(item.href);
    expect(response?.status(), item.href).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: item.label })).toBeVisible();
    await expect(page.getByText("此功能正在建设中"), item.href).toHaveCount(
      PLANNED.includes(item.href) ? 1 : 0,
    );
  }
});

test("an unknown address shows a Chinese not-found page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});
