// Journey: another web site tries to make a signed-in admin's browser change things here (CSRF). Requests
// that change state must come from our own pages; scripts with an API token are not affected.
import { expect, request, test } from "@playwright/test";
import { baseUrl, createToken, createUser, signInAsAdmin } from "./support/auth-users";

test("a cross-origin POST with the admin's session cookie is refused and changes nothing", async () => {
  const admin = await signInAsAdmin();
  const email = `csrf-${Date.now()}@nianbao.test`;
  const data = { email, password: "long enough password", role: "admin" };

  for (const headers of [{ Origin: "https://evil.example" }, { Origin: "null" }, { Origin: "" }]) {
    const response = await admin.post("/api/admin/users", { data, headers });
    expect(response.status(), JSON.stringify(headers)).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "CSRF_REJECTED" } });
  }
  const users = (await (await admin.get("/api/admin/users")).json()) as { users: { email: string }[] };
  expect(users.users.map((user) => user.email)).not.toContain(email);

  // better-auth's own endpoints check the origin too.
  const signOut = await admin.post("/api/auth/sign-out", {
    data: {},
    headers: { Origin: "https://evil.example" },
  });
  expect(signOut.status()).toBe(403);
  expect((await admin.get("/api/auth/me")).status()).toBe(200);
  await admin.dispose();
});

test("a form on another site, submitted in the admin's browser, is refused", async ({ page }) => {
  // The admin is signed in (storage state); the attacker's page is served under another origin.
  const email = `csrf-form-${Date.now()}@nianbao.test`;
  await page.route("http://evil.test/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form id="f" method="post" action="${baseUrl()}/api/admin/users" enctype="text/plain">
        <input name='{"email":"${email}","password":"long enough password","role":"admin","x":"' value='"}'>
      </form><script>document.getElementById("f").submit()</script>`,
    }),
  );
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/admin/users"));
  await page.goto("http://evil.test/");
  expect([401, 403]).toContain((await answer).status());

  const admin = await signInAsAdmin();
  const users = (await (await admin.get("/api/admin/users")).json()) as { users: { email: string }[] };
  expect(users.users.map((user) => user.email)).not.toContain(email);
  await admin.dispose();
});

test("a script with an API token may POST without an Origin", async () => {
  const admin = await signInAsAdmin();
  const scriptUser = await createUser(admin, "admin");
  const token = await createToken(admin, scriptUser.id);
  const script = await request.newContext({
    baseURL: baseUrl(),
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    storageState: { cookies: [], origins: [] }, // a script has no browser session
  });
  const response = await script.post("/api/admin/users", {
    data: { email: `by-token-${Date.now()}@nianbao.test`, password: "long enough password", role: "analyst" },
  });
  expect(response.status()).toBe(201);
  await script.dispose();
  await admin.dispose();
});
