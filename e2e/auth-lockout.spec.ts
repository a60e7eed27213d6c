// Journey: someone guesses a password at the login page. After five failures the account is locked for
// fifteen minutes — even the right password is refused, with a message saying how long to wait.
import { expect, test } from "@playwright/test";
import { createUser, signInAsAdmin } from "./support/auth-users";

test.use({ storageState: { cookies: [], origins: [] } });

test("five wrong passwords lock the account: 尝试次数过多，请 15 分钟后再试", async ({ page }) => {
  const admin = await signInAsAdmin();
  const victim = await createUser(admin, "staff");

  // Each attempt waits for the server's answer (the alert text alone would already match the previous one).
  const attempt = async (password: string) => {
    await page.getByLabel("邮箱").fill(victim.email);
    await page.getByLabel("密码").fill(password);
    // A reset landing between fill and click would submit an empty form: make sure both values hold.
    await expect(page.getByLabel("邮箱")).toHaveValue(victim.email);
    await expect(page.getByLabel("密码")).toHaveValue(password);
    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login",
    );
    await page.getByRole("button", { name: "登录" }).click();
    await answered;
    // The form resets when the action's result is rendered; typing before then would be wiped.
    await expect(page.getByRole("button", { name: "登录" })).toBeEnabled();
    await expect(page.getByLabel("密码")).toHaveValue("");
  };

  await page.goto("/login");
  for (let n = 1; n <= 5; n++) {
    await attempt(`guess-${n}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("账号或密码错误");
  }

  await attempt(victim.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("尝试次数过多，请 15 分钟后再试");
  await expect(page).toHaveURL(/\/login$/);

  // The API refuses too (same lock, kept in the database), and the audit log shows the lock.
  const direct = await page.request.post("/api/auth/sign-in/email", {
    data: { email: victim.email, password: victim.password },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(direct.status()).toBe(429);
  const audit = await admin.get(
    `/api/admin/audit?action=login_locked&actor=${encodeURIComponent(victim.email)}`,
  );
  // One entry per lock, counting the refusals.
  const { entries } = (await audit.json()) as { entries: { details: { count: number } }[] };
  expect(entries).toHaveLength(1);
  expect(entries[0]!.details.count).toBeGreaterThanOrEqual(2);
  await admin.dispose();
});
