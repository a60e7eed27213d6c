// Journey: a link to our login page carries a `next` that points elsewhere (issue 18, item 3). Whether the
// visitor is signed in already or signs in through the form, they stay on this site. No request leaves:
// redirects are read, not followed, and the browser's requests to any other host are answered locally.
import { expect, test, type Page } from "@playwright/test";
import { createUser, signInAsAdmin } from "./support/auth-users";

// The variants, then more of the same family.
const VARIANTS = [
  "/%09/evil.com",
  "/%0A/evil.com",
  "/%0D/evil.com",
  "/%09%5Cevil.com",
  "/%2e%2e//evil.com",
  "/%5C%5Cevil.com",
  "/%2F%2Fevil.com",
  "%2F%2Fevil.com",
  "/.%2F%2Fevil.com",
  "/%09/%0A/evil.com",
  "/%5C%09/evil.com",
  "/x/%2e%2e/%2e%2e//evil.com",
  "https:%2F%2Fevil.com",
  "//evil.com%2F%2e%2e",
  "/%0D%0A//evil.com",
];

test("a signed-in visitor sent to /login?next=… stays on this site, for every variant", async ({ page }) => {
  // Signed in as the admin (the config's storage state).
  for (const next of VARIANTS) {
    const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
    expect(response.status(), next).toBe(307);
    const location = new URL(response.headers()["location"]!, response.url());
    expect(location.origin, `${next} → ${response.headers()["location"]}`).toBe(
      new URL(response.url()).origin,
    );
    expect(location.pathname.startsWith("//"), next).toBe(false);
  }
  // An ordinary target still works.
  const ordinary = await page.request.get("/login?next=/rankings%3Fyear%3D2024", { maxRedirects: 0 });
  expect(new URL(ordinary.headers()["location"]!, ordinary.url()).pathname).toBe("/rankings");
});

test.describe("signing in through the form", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const next of [
    "/%09/evil.example",
    "/%2e%2e//evil.example",
    "/%09%5Cevil.example",
    "/%0A/evil.example",
  ]) {
    test(`next=${next} lands on this site`, async ({ page }) => {
      const admin = await signInAsAdmin();
      const user = await createUser(admin, "analyst");
      await admin.dispose();
      const left = await keepBrowserHome(page);

      await page.goto(`/login?next=${next}`);
      await page.getByLabel("邮箱").fill(user.email);
      await page.getByLabel("密码").fill(user.password);
      await page.getByRole("button", { name: "登录" }).click();
      await expect(page).toHaveURL((url) => url.pathname === "/" && url.hostname === "localhost");
      expect(left).toEqual([]);
    });
  }
});

/** Answers every request for another host locally (so nothing leaves) and lists them. */
async function keepBrowserHome(page: Page): Promise<string[]> {
  const left: string[] = [];
  await page.context().route(
    (url) => url.hostname !== "localhost",
    (route) => {
      left.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>somewhere else</h1>" });
    },
  );
  return left;
}
