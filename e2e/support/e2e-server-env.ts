// Environment of the e2e server (playwright.config.ts passes it to scripts/start.ts --e2e): its database
// port — so the few journeys that must plant data no UI can create yet can reach it — and a fixed,
// test-only session secret, so the server never reads or writes the app's ./.data/auth-secret.
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54391);
export const E2E_DATABASE_URL = `postgresql://postgres:postgres@localhost:${E2E_PG_PORT}/nianbao_e2e`;
export const E2E_AUTH_SECRET = "e2e-only-session-secret-4f9c2a7b1d8e6035c9a1";

export const E2E_SERVER_ENV = { E2E_PG_PORT: String(E2E_PG_PORT), BETTER_AUTH_SECRET: E2E_AUTH_SECRET };
