// Journey: every page of the app on a 390 px phone, as each role that may open it (issue 19, item 4): the page
// itself never scrolls sideways — wide tables scroll inside their own box — and a screenshot of each is kept
// under .test-data/e2e-results/phone/ for people to look at. Pages are discovered from app/ as in
// auth-matrix.spec.ts, so a page added later is measured the day it lands.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createUser, signIn, signInAsAdmin, type E2eRole } from "./support/auth-users";

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "parallel" });

type Grant = "browse" | "upload" | "export" | "admin";

// Who may open what (as in auth-matrix.spec.ts); every other page needs only a sign-in.
const PAGE_GRANTS: Record<string, Grant> = {
  "/upload": "upload",
  "/review": "upload",
  "/export": "export",
  "/admin/users": "admin",
  "/admin/users/[id]": "admin",
  "/admin/tokens": "admin",
  "/admin/audit": "admin",
};
const ROLE_GRANTS: Record<E2eRole, Grant[]> = {
  admin: ["browse", "upload", "export", "admin"],
  staff: ["browse", "upload"],
  supervisor: ["browse", "export"], // with the export right
  analyst: ["browse", "export"],
};
// Dynamic pages at something real of the samples; /admin/users/[id] at the signed-in admin's own id.
const PAGE_SAMPLES: Record<string, string> = {
  "/agencies/[id]": "/agencies/1",
  "/reports/[id]": "/reports/1",
  "/reports/[id]/diff": "/reports/1/diff?from=1&to=1",
  "/documents/[id]": "/documents/1",
};
// The views with most on them, at their widest: every metric, every year.
const EXTRA_URLS = ["/rankings?metric=disclosure_rate", "/regions?region=500107", "/compare?q=%E9%95%87"];

const APP_DIR = path.join(process.cwd(), "app");

function findPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findPages(full);
    if (entry.name !== "page.tsx") return [];
    const segments = path.relative(APP_DIR, dir).split(path.sep).filter(Boolean);
    return ["/" + segments.filter((segment) => !/^\(.*\)$/.test(segment)).join("/")];
  });
}

const PAGES = findPages(APP_DIR).filter((route) => route !== "/login" && route !== "/forbidden");

async function overflowOf(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await expect(page.locator("h1").first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "正在加载" })).toHaveCount(0, { timeout: 20_000 });
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

async function phonePage(browser: Browser, role: E2eRole | null) {
  let storageState: Awaited<ReturnType<Awaited<ReturnType<typeof signIn>>["storageState"]>> = {
    cookies: [],
    origins: [],
  };
  let adminId = "";
  if (role) {
    const admin = await signInAsAdmin();
    const client =
      role === "admin"
        ? admin
        : await signIn(await createUser(admin, role, { canExport: role === "supervisor" }));
    storageState = await client.storageState();
    if (role === "admin") {
      const me = (await (await admin.get("/api/auth/me")).json()) as { user: { id: string } };
      adminId = me.user.id;
    }
    await client.dispose();
    if (client !== admin) await admin.dispose();
  }
  const context = await browser.newContext({ storageState, viewport: { width: 390, height: 844 } });
  return { page: await context.newPage(), context, adminId };
}

for (const role of ["admin", "staff", "supervisor", "analyst"] as const) {
  test(`every page a ${role} may open fits a 390 px phone`, async ({ browser }) => {
    test.setTimeout(300_000);
    const { page, context, adminId } = await phonePage(browser, role);
    const urls = [
      ...PAGES.filter((route) => ROLE_GRANTS[role].includes(PAGE_GRANTS[route] ?? "browse")).map(
        (route) => PAGE_SAMPLES[route] ?? route.replace("[id]", adminId),
      ),
      ...EXTRA_URLS,
    ];
    expect(urls).toEqual(expect.arrayContaining(["/", "/rankings", "/reports/1", "/account"]));
    const problems: string[] = [];
    for (const url of urls) {
      const overflow = await overflowOf(page, url);
      if (overflow > 0) problems.push(`${url}: ${overflow} px wider than the screen`);
      const name = url.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home";
      await page.screenshot({ path: `.test-data/e2e-results/phone/${role}-${name}.png`, fullPage: true });
    }
    expect(problems).toEqual([]);
    await context.close();
  });
}

test("the login and 403 pages fit a 390 px phone", async ({ browser }) => {
  const anonymous = await phonePage(browser, null);
  expect(await overflowOf(anonymous.page, "/login")).toBeLessThanOrEqual(0);
  await anonymous.context.close();
  const staff = await phonePage(browser, "staff");
  expect(await overflowOf(staff.page, "/admin/users")).toBeLessThanOrEqual(0);
  await staff.page.screenshot({ path: ".test-data/e2e-results/phone/staff-forbidden.png", fullPage: true });
  await staff.context.close();
});
