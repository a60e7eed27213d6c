// Journey: the pages run only the scripts the server sent with this response's nonce (issue 18, item 8).
// Every page renders and hydrates in Chromium with no CSP violation; our /_next/static scripts load; a
// script injected into the HTML — inline, or as an event handler — does not run.
import { expect, test, type Page } from "@playwright/test";
import { NAV_ITEMS } from "../components/nav-items";

/** Records CSP violations and console errors of the page (the init script runs outside the page's CSP). */
async function watch(page: Page) {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  const failedStatic: string[] = [];
  page.on("requestfailed", (request) => {
    if (new URL(request.url()).pathname.startsWith("/_next/static/")) failedStatic.push(request.url());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      w.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return {
    consoleErrors,
    failedStatic,
    violations: () =>
      page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  };
}

test("every section renders and hydrates with no CSP violation, its scripts carrying this response's nonce", async ({
  page,
}) => {
  const seen = await watch(page);
  const nonces = new Set<string>();
  for (const path of [...NAV_ITEMS.map((item) => item.href), "/account", "/admin/users", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const policy = response!.headers()["content-security-policy"] ?? "";
    const scriptSrc = policy.split("; ").find((directive) => directive.startsWith("script-src")) ?? "";
    expect(scriptSrc, path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
    nonces.add(nonce);
    // Every script the server wrote into the HTML carries it (scripts those load later are allowed
    // through 'strict-dynamic' and need none).
    const tags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    expect(
      tags.filter((tag) => !tag.includes(`nonce="${nonce}"`)),
      path,
    ).toEqual([]);
  }
  expect(nonces.size).toBe(NAV_ITEMS.length + 3); // a fresh nonce for every response

  // Hydrated: a client-side navigation keeps the page (and this marker) alive.
  await page.goto("/");
  await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
  const nav = page.getByRole("navigation", { name: "主导航" });
  await nav.getByRole("link", { name: NAV_ITEMS[1]!.label, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === NAV_ITEMS[1]!.href);
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);

  expect(await seen.violations()).toEqual([]);
  expect(seen.consoleErrors.filter((text) => /Content.Security.Policy|CSP/i.test(text))).toEqual([]);
  expect(seen.failedStatic).toEqual([]);
});

test.describe("anonymous", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the login page hydrates under the policy: its form shows the pending state while signing in", async ({
    page,
  }) => {
    const seen = await watch(page);
    await page.goto("/login");
    await page.getByLabel("邮箱").fill("nobody@nianbao.test");
    await page.getByLabel("密码").fill("not a password");
    await page.getByRole("button", { name: "登录" }).click();
    // useActionState answered in place: only a hydrated form does that (without JS the page would reload).
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("账号或密码错误");
    expect(await seen.violations()).toEqual([]);
  });

  test("a script injected into the page does not run", async ({ page }) => {
    const seen = await watch(page);
    // Play the attacker who got markup into the HTML: the server's response, its CSP header kept.
    await page.route("**/login", async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const response = await route.fetch();
      const html = (await response.text()).replace(
        "</body>",
        `<script>window.__injected = "inline"</script>` +
          `<img src="/icon.svg" onload="window.__injected = 'handler'">` +
          `<script nonce="guessed">window.__injected = "guessed nonce"</script></body>`,
      );
      await route.fulfill({ response, body: html });
    });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
    await expect.poll(async () => (await seen.violations()).length).toBeGreaterThanOrEqual(3);
    expect(
      await page.evaluate(() => (window as unknown as { __injected?: string }).__injected),
    ).toBeUndefined();
    expect((await seen.violations()).every((violation) => violation.startsWith("script-src"))).toBe(true);
  });
});
