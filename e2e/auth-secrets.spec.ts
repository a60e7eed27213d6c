// No secret reaches the browser: the production build's client files contain neither the admin password the
// e2e server was started with, nor the session-signing secret, nor server-only auth code.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./support/e2e-admin";
import { E2E_AUTH_SECRET } from "./support/e2e-server-env";

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

test("the client bundle holds no password, no auth secret and no server-side auth code", async ({ page }) => {
  const staticDir = path.join(process.cwd(), ".next", "static");
  const files = listFiles(staticDir).filter((file) => /\.(js|css|json|txt|html)$/.test(file));
  expect(files.length).toBeGreaterThan(0);
  const secretFile = path.join(process.cwd(), ".data", "auth-secret");
  const needles = [E2E_ADMIN.password, E2E_AUTH_SECRET, "argon2", "BETTER_AUTH_SECRET", "DATABASE_URL"];
  if (existsSync(secretFile)) needles.push(readFileSync(secretFile, "utf8").trim());
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const needle of needles)
      expect(text.includes(needle), `${needle.slice(0, 12)}… in ${file}`).toBe(false);
  }

  // And what a signed-in page sends down does not carry them either.
  await page.goto("/");
  const html = await page.content();
  for (const needle of needles) expect(html.includes(needle)).toBe(false);
});
