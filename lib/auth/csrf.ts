// CSRF guard for our own state-changing API routes (better-auth guards /api/auth itself, and Next guards
// server actions). A browser always sends Origin (or at least Sec-Fetch-Site) with a POST, so a request
// that changes state must show it comes from our own pages. Bearer-token requests are exempt: browsers never
// attach that header on their own, so it cannot be forged cross-site.

import { readAuthorization } from "./api-token-secret";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

export function checkCsrf(
  request: { method: string; headers: Headers },
  trustedOrigins: readonly string[] = [],
): CsrfVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  if (readAuthorization(request.headers).kind === "bearer") return { ok: true };

  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    if (isSameHost(origin, ownHost(request.headers)) || trustedOrigins.includes(origin)) return { ok: true };
    return { ok: false, reason: `cross-origin request from ${origin}` };
  }
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin") return { ok: true };
  return { ok: false, reason: site ? `Sec-Fetch-Site ${site}` : "no Origin header" };
}

// x-forwarded-host first: behind a reverse proxy the Host header names the upstream, not the site the
// browser sees. A browser cannot set that header cross-site, so trusting it here adds no way in.
function ownHost(headers: Headers): string | null {
  return headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
}

function isSameHost(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
