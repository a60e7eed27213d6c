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

/** Only same-site absolute paths: "//evil.example" and "/\\evil.example" would leave the site. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`)) return "/";
  return next;
}
