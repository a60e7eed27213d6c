// Paths anonymous visitors may reach, and the login redirect. Shared by proxy.ts and the page guards.

export const LOGIN_PATH = "/login";
/** What proxy.ts shows (with status 403) when the signed-in user's role lacks a page's permission. */
export const FORBIDDEN_PATH = "/forbidden";
/** Set by proxy.ts on the forwarded request so server components know their own path (for ?next=). */
export const PATHNAME_HEADER = "x-nianbao-path";

const PUBLIC_PAGES = new Set([LOGIN_PATH]);

export function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGES.has(pathname);
}

/** /login?next=<where they wanted to go>, leaving `next` off when it would just be the home page. */
export function loginPath(wanted: string | null | undefined): string {
  const next = safeNextPath(wanted);
  return next === "/" ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}

// Any origin serves as the base: only whether the result stays on it matters, and the path is what we keep.
const BASE = new URL("http://nianbao.invalid");

/**
 * Where to send a visitor after login: `next` resolved the way a browser would resolve it (tabs and
 * newlines dropped, "\\" read as "/", "/.." collapsed), kept only if it stays on this site, and given back as
 * the parsed path — never the raw string. "/%09/evil.com", "/\\evil.com", "/%2e%2e//evil.com" all become "/".
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  // A path that starts with two slashes would itself be read as another host by the browser.
  if (url.origin !== BASE.origin || url.pathname.startsWith("//")) return "/";
  if (url.pathname.replace(/\/+$/, "") === LOGIN_PATH) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
