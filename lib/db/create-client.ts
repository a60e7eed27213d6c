// Builds the database client: one pg.Pool per process, shared by Prisma (through the pg driver adapter —
// Prisma 7 has no native query engine here) and by the code that needs the driver itself (COPY streams and
// the set-based ingestion statements), so both draw on the same connections and limits.
//   const db = createClient(url);   const pool = getPool(db);   await db.$disconnect();  // ends the pool
// The app uses the one client in lib/db.ts; scripts and tests call this with their own URL, because
// lib/db.ts is `server-only` and bound to DATABASE_URL.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type { PrismaClient };
/** The one name for the database client type. */
export type Db = PrismaClient;

// Kept on the client under a registered symbol, not in a module-level map: Next bundles this module more than
// once (proxy.ts apart from the pages), and the one client of lib/db.ts is shared through globalThis.
const POOL = Symbol.for("nianbao.pool");
type ClientWithPool = PrismaClient & { [POOL]?: pg.Pool };

// How long an idle connection stays open: five minutes, where pg.Pool's default closes it after 10 s. A new
// connection is a new PostgreSQL backend that compiles the upload's PL/pgSQL functions and plans their
// statements again, so uploads that came in bursts a few seconds apart (a staff member reviewing between
// batches) paid that on every burst: measured with `bench:upload` after 15 s of quiet, PostgreSQL's CPU per
// upload 14.2–17.4 ms and the slowest request 0.9–1.2 s, against 8.0 ms and 0.2 s with connections kept
// (BENCHMARKS.md, 18:53–18:58 UTC). At most `max` idle backends stay, a few MB each.
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

export function createClient(url: string, options: { maxConnections?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
  });
  // An idle connection that the server closes (restart, admin kill) must not crash the process.
  pool.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  // Nor one that dies while checked out (the server killed mid-transaction): pg emits "error" on the client
  // as well as rejecting its query, and an "error" event nobody listens to ends the process. The query's
  // rejection is what callers handle; the event only needs a listener.
  pool.on("connect", (connection) =>
    connection.on("error", (error) => console.error("[db] connection lost:", error.message)),
  );
  const client: ClientWithPool = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
  });
  Object.defineProperty(client, POOL, { value: pool, enumerable: false });
  return client;
}

/** The pool under a client made by createClient. */
export function getPool(db: Db): pg.Pool {
  const pool = (db as ClientWithPool)[POOL];
  if (!pool) throw new Error("This client was not made by createClient: it has no shared pool.");
  return pool;
}

/**
 * Closes a client made by createClient: Prisma's side and the pool (which Prisma only ends if it ever
 * connected through it — code that used the pool alone would otherwise leave its connections open).
 */
export async function closeClient(db: Db): Promise<void> {
  await db.$disconnect();
  const pool = getPool(db);
  if (!pool.ended) await pool.end();
}
