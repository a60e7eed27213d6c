// Results of read-model queries remembered in this process and served while the data is unchanged: keyed by
// the query (its normalised arguments) and by the database's data version (the sum of DataVersion's rows,
// one of which goes up in the same transaction as any change to ReportMetrics, Agency or Region — migrations
// 20261209000000_data_version and 20261210000000_data_version_slots). Each call reads the version first, so
// a change committed anywhere — this instance, another app instance on the same database, `npm run reread`,
// psql — is seen by the very next request, and a remembered result is never older than what that request would have read itself. Only for
// queries that read nothing but those three tables, and whose result depends on nothing but the key: the
// dashboards' data is the same for every signed-in user (browsing is not region-scoped, lib/auth/
// permissions.ts) — a query that ever depends on who asks must put that in its key.
//
// The version read is a sum over 16 short rows (one page), shared by the calls that arrive while it is
// queued: a read that starts after a call arrived answers for it (see readDataVersion). Concurrent misses of
// one key share one query. Entries age out after DATA_CACHE_TTL_MS and at most MAX_ENTRIES are kept (oldest
// first out). Cached values are shared between requests: callers must not mutate them.
//   const years = await cacheByDataVersion({ db, key: "years", load: () => listYears(db) });
import type pg from "pg";
import { getPool, type Db } from "@/lib/db/create-client";

export const DATA_CACHE_TTL_MS = 60_000;
const MAX_ENTRIES = 500;

type Entry = { version: string; value: Promise<unknown>; storedAt: number };

type VersionReads = {
  current: Promise<string> | null;
  queued: Promise<string> | null;
  /** The current read while the code that started it still runs (until the next tick). */
  joinable: Promise<string> | null;
};

type PoolCache = { entries: Map<string, Entry>; reads: VersionReads };

// On globalThis, per pool: Next bundles this module more than once, and tests hold several databases.
const globalForCache = globalThis as unknown as { nianbaoDataCache?: WeakMap<pg.Pool, PoolCache> };
const caches = (globalForCache.nianbaoDataCache ??= new WeakMap());

function cacheFor(pool: pg.Pool): PoolCache {
  let cache = caches.get(pool);
  if (!cache)
    caches.set(
      pool,
      (cache = { entries: new Map(), reads: { current: null, queued: null, joinable: null } }),
    );
  return cache;
}

export async function cacheByDataVersion<T>(options: {
  db: Db;
  key: string;
  load: () => Promise<T>;
}): Promise<T> {
  const pool = getPool(options.db);
  const cache = cacheFor(pool);
  const version = await readDataVersion(pool);
  const now = Date.now();
  const entry = cache.entries.get(options.key);
  if (entry && entry.version === version && now - entry.storedAt < DATA_CACHE_TTL_MS)
    return entry.value as Promise<T>;
  const value = options.load();
  const fresh: Entry = { version, value, storedAt: now };
  cache.entries.delete(options.key);
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
  cache.entries.set(options.key, fresh);
  // A failed query is not remembered: the next call tries again.
  value.catch(() => {
    if (cache.entries.get(options.key) === fresh) cache.entries.delete(options.key);
  });
  return value;
}

/**
 * The data version, as of a moment after this call: a read already under way began before the call and
 * might miss a commit just before it, so the call waits for the next read, which all calls arriving
 * meanwhile share — at most two reads at a time, however many requests are in flight. A read started in
 * the same tick (the same request's other queries, Promise.all) is shared at once: nothing can have
 * happened in between.
 */
export function readDataVersion(pool: pg.Pool): Promise<string> {
  const reads = cacheFor(pool).reads;
  if (reads.joinable) return reads.joinable;
  if (reads.queued) return reads.queued;
  if (!reads.current) return startRead(pool, reads);
  const queued = reads.current
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => {
      reads.queued = null;
      return startRead(pool, reads);
    });
  reads.queued = queued;
  return queued;
}

function startRead(pool: pg.Pool, reads: VersionReads): Promise<string> {
  const read = pool
    .query<{ version: string | null }>(`SELECT sum("version")::text AS "version" FROM "DataVersion"`)
    .then(({ rows }) => {
      if (rows[0]?.version == null) throw new Error("DataVersion has no row: are the migrations applied?");
      return rows[0].version;
    })
    .finally(() => {
      if (reads.current === read) reads.current = null;
    });
  reads.current = read;
  reads.joinable = read;
  process.nextTick(() => {
    if (reads.joinable === read) reads.joinable = null;
  });
  return read;
}
