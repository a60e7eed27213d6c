// End-to-end tests: real Chromium against the production build (`npm run build` / `npm test` builds it),
// served by the product's own start script on a fresh embedded PostgreSQL under ./.test-data/e2e —
// never the app's ./.data, and never an external DATABASE_URL.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STORAGE_STATE, E2E_ADMIN } from "./e2e/support/e2e-admin";
import { E2E_SERVER_ENV } from "./e2e/support/e2e-server-env";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

const chromium = {
  ...devices["Desktop Chrome"],
  headless: true,
  launchOptions: {
    executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: ".test-data/e2e-results",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 60_000,
  // Pages render on the server per request (CSP nonce, live queries); on a busy two-core CI machine a render
  // can take several seconds, so an assertion waits up to 15 s before it fails.
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: ".test-data/reports/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Logs in once as the administrator the server created; journeys reuse the session. A test that
    // needs an anonymous visitor sets `test.use({ storageState: { cookies: [], origins: [] } })`.
    { name: "setup", testMatch: /.*\.setup\.ts/, use: chromium, teardown: "last" },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: /.*\.last\.spec\.ts/,
      use: { ...chromium, storageState: ADMIN_STORAGE_STATE },
    },
    // Journeys that plant rows in the shared e2e database (*.last.spec.ts: a hostile agency name) run after all
    // the others, so the counts those check still hold; as the setup's teardown they run even when one failed.
    {
      name: "last",
      testMatch: /.*\.last\.spec\.ts/,
      use: { ...chromium, storageState: ADMIN_STORAGE_STATE },
    },
  ],
  webServer: {
    command: "node --import tsx scripts/start.ts --e2e",
    url: `${BASE_URL}/`,
    env: {
      PORT: String(PORT),
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      ...E2E_SERVER_ENV,
    },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
