// npm run bench:session — where a signed-in request's time goes before any page query: the cost per call of
// better-auth's getSession (cookie signature + session and user rows), of the user row read again the way
// resolveUser did before the session cache, and of resolveUser now (a cache hit), on a throwaway embedded
// PostgreSQL. Before the cache a page request paid getSession + user read twice (proxy.ts and the page).
//   npm run bench:session -- [--calls 2000]
import { rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { readAuthConfig } from "@/lib/auth/config";
import { AUTH_USER_SELECT } from "@/lib/auth/auth-user";
import { createAuth } from "@/lib/auth/create-auth";
import { createUser } from "@/lib/auth/create-user";
import { peerAddressHeader } from "@/lib/auth/peer-address";
import { resolveUser } from "@/lib/auth/resolve-user";
import { SESSION_CACHE_TTL_MS } from "@/lib/auth/session-cache";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeClient, createClient } from "@/lib/db/create-client";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

const { values } = parseArgs({ options: { calls: { type: "string", default: "2000" } } });
const CALLS = Number(values.calls);
const DATA_DIR = path.join(process.cwd(), ".test-data", "bench-session");

async function main(): Promise<void> {
  await rm(DATA_DIR, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({
    dataDir: DATA_DIR,
    port: await findFreePort(),
    persistent: false,
  });
  try {
    await createDatabaseIfMissing(server.adminUrl, "bench_session");
    const url = server.urlFor("bench_session");
    await applyMigrations({ url });
    const db = createClient(url);
    try {
      const auth = createAuth({
        db,
        config: { ...readAuthConfig({}), secret: "bench-only-session-secret-0123456789abcdef" },
      });
      const email = "bench-session@nianbao.test";
      const password = "bench-session-password";
      await createUser(db, { email, role: "analyst", password, actor: null });
      const signedIn = await auth.api.signInEmail({
        body: { email, password },
        headers: new Headers({ host: "localhost", [peerAddressHeader()]: "127.0.0.1" }),
        asResponse: true,
      });
      const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
      const headers = new Headers({ cookie, host: "localhost" });
      const session = await auth.api.getSession({ headers });
      if (!session) throw new Error("no session");

      const rows = [
        await time("better-auth getSession (signature, session + user rows)", () =>
          auth.api.getSession({ headers }),
        ),
        await time("user row read again (the old resolveUser's second query)", () =>
          db.user.findUnique({ where: { id: session.user.id }, select: AUTH_USER_SELECT }),
        ),
        await time("resolveUser now, cache hit", () => resolveUser({ db, auth, headers })),
      ];
      console.log(`\n| step | mean ms/call | p95 ms |\n|---|---|---|`);
      for (const row of rows) console.log(`| ${row.name} | ${row.mean.toFixed(3)} | ${row.p95.toFixed(3)} |`);
      const [getSession, userRow, cached] = rows as [Timing, Timing, Timing];
      const before = 2 * (getSession.mean + userRow.mean);
      const after = getSession.mean + cached.mean;
      console.log(
        `\nper page request, sequential: before ≈ ${before.toFixed(2)} ms (proxy + page, each getSession + user row); ` +
          `now ≤ ${after.toFixed(2)} ms on a miss (proxy looks up, page hits), ${(2 * cached.mean).toFixed(3)} ms within ` +
          `the cache's ${SESSION_CACHE_TTL_MS / 1000} s`,
      );
    } finally {
      await closeClient(db);
    }
  } finally {
    await server.stop();
  }
}

type Timing = { name: string; mean: number; p95: number };

async function time(name: string, call: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 50; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { name, mean, p95: samples[Math.floor(samples.length * 0.95)]! };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
