// Who a session cookie or an API token belongs to, remembered for a few seconds in this process, so a signed-in
// request costs one session lookup at most — the proxy's — and the page, its layout and every guard it calls
// reuse it, as do the requests that follow within SESSION_CACHE_TTL_MS; a script sending a token with each
// of its requests (uploads, one file per request) costs a token lookup every few seconds, not one per request.
//
// Revocation stays prompt: sign-out, deactivation, a role or export-right change, a password change or reset,
// a token's revocation call forgetUserSessions() in the process that made them, which drops that user's
// entries (sessions and tokens alike) at once; another process (a second app instance, `npm run admin`) is
// seen when the entry ages out, within the TTL. A lookup that was already under way when a user was
// forgotten is not remembered (the generation check), so it cannot bring a revoked session or token back.
// Entries never outlive the session's own expiry.
// Keyed by a hash of the Cookie header (and the cookie flavour) or of the token, never by either itself.
import { createHash } from "node:crypto";
import type { AuthUser } from "./auth-user";

export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { user: AuthUser; validUntil: number };

type SessionCache = {
  entries: Map<string, Entry>;
  keysByUser: Map<string, Set<string>>;
  generation: number;
};

// On globalThis: proxy.ts and the pages are separate bundles with their own module instances, but one process.
const globalForCache = globalThis as unknown as { nianbaoSessionCache?: SessionCache };
const cache: SessionCache = (globalForCache.nianbaoSessionCache ??= {
  entries: new Map(),
  keysByUser: new Map(),
  generation: 0,
});

export function sessionCacheKey(cookieHeader: string, secure: boolean): string {
  return createHash("sha256")
    .update(secure ? "s:" : "p:")
    .update(cookieHeader)
    .digest("base64url");
}

/** A token's key: a hash too, of another input than any cookie's key (the prefix). */
export function tokenCacheKey(token: string): string {
  return createHash("sha256").update("t:").update(token).digest("base64url");
}

export function readCachedSession(key: string, now = Date.now()): AuthUser | undefined {
  const entry = cache.entries.get(key);
  if (!entry) return undefined;
  if (entry.validUntil <= now) {
    removeEntry(key, entry.user.id);
    return undefined;
  }
  return entry.user;
}

/** Call before the lookup; pass the result to rememberSession so a revocation in between wins. */
export function currentSessionGeneration(): number {
  return cache.generation;
}

export function rememberSession(input: {
  key: string;
  user: AuthUser;
  sessionExpiresAt: Date;
  generation: number;
  now?: number;
}): void {
  if (input.generation !== cache.generation) return;
  const now = input.now ?? Date.now();
  const validUntil = Math.min(now + SESSION_CACHE_TTL_MS, input.sessionExpiresAt.getTime());
  if (validUntil <= now) return;
  if (cache.entries.size >= MAX_ENTRIES) evictOldest();
  cache.entries.set(input.key, { user: input.user, validUntil });
  let keys = cache.keysByUser.get(input.user.id);
  if (!keys) cache.keysByUser.set(input.user.id, (keys = new Set()));
  keys.add(input.key);
}

/** Drops every remembered session of this user in this process (see the header for who calls it). */
export function forgetUserSessions(userId: string): void {
  cache.generation += 1;
  for (const key of cache.keysByUser.get(userId) ?? []) cache.entries.delete(key);
  cache.keysByUser.delete(userId);
}

function removeEntry(key: string, userId: string): void {
  cache.entries.delete(key);
  const keys = cache.keysByUser.get(userId);
  keys?.delete(key);
  if (keys?.size === 0) cache.keysByUser.delete(userId);
}

// A Map iterates in insertion order: the first entries are the oldest.
function evictOldest(): void {
  const now = Date.now();
  for (const [key, entry] of cache.entries) {
    if (cache.entries.size < MAX_ENTRIES * 0.9 && entry.validUntil > now) break;
    removeEntry(key, entry.user.id);
  }
}
