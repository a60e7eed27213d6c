// Environment of the e2e server (playwright.config.ts passes it to scripts/start.ts --e2e): its database
// port — so the few journeys that must plant data no UI can create yet can reach it — a fixed, test-only
// session secret, so the server never reads or writes the app's ./.data/auth-secret, and one trusted proxy
// address, so journeys can act as a TLS proxy (127.0.0.2) as well as as plain clients (127.0.0.x), and the
// one loopback host:port the web import may fetch (the journey's own report site).
import path from "node:path";
import { buildLocalUrl } from "../../lib/db/database-url";
import { credentialsFileFor, readCredentials } from "../../lib/db/embedded-credentials";

export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54391);
export const E2E_AUTH_SECRET = "e2e-only-session-secret-4f9c2a7b1d8e6035c9a1";
export const E2E_TRUSTED_PROXY = "127.0.0.2";
/** The loopback port the web-import journey serves its report site on: the one host the e2e server may fetch. */
export const E2E_FETCH_PORT = Number(
  process.env.E2E_FETCH_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 20000,
);

export const E2E_SERVER_ENV = {
  E2E_PG_PORT: String(E2E_PG_PORT),
  BETTER_AUTH_SECRET: E2E_AUTH_SECRET,
  TRUSTED_PROXIES: E2E_TRUSTED_PROXY,
  FETCH_ALLOW_HOSTS: `127.0.0.1:${E2E_FETCH_PORT}`,
  FETCH_TIMEOUT_SECONDS: "10",
  // One JSON line per request would bury the test report (lib/log/request-log.test.ts covers it).
  LOG_REQUESTS: "0",
};

/** The e2e database as the app's own role, with the password its server generated on start. */
export function e2eDatabaseUrl(): string {
  const credentials = readCredentials(credentialsFileFor(path.join(process.cwd(), ".test-data", "e2e")));
  if (!credentials) throw new Error("The e2e database has no credentials file: is the e2e server running?");
  return buildLocalUrl({ port: E2E_PG_PORT, database: "nianbao_e2e", ...credentials.app });
}
