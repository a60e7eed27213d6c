// The gate in front of every page: anonymous visitors (no valid session) are sent to /login?next=… with a
// 307, and a signed-in user whose role lacks the page's permission (lib/auth/page-permissions.ts) gets the
// 403 page — decided here, before rendering starts, so the status is right even when a page streams.
// Pages still call requireUser()/requirePermission() themselves: the proxy is the first check, not the only.
// Every page response also gets its Content-Security-Policy here, around a nonce drawn for this request
// (lib/http/content-security-policy.ts), and HSTS when a trusted proxy says the request came over HTTPS.
//
// Not matched: /api (the proxy would buffer request bodies — uploads! — and API clients want 401 JSON, not a
// redirect: every route handler uses withAuth() from lib/auth/route-handler.ts), server-action POSTs (they
// carry a Next-Action header; each action checks its user itself), and static assets.
import { NextResponse, type NextRequest } from "next/server";
import { getAuth, isHttps } from "@/lib/auth/auth";
import { isMissingAdminUser } from "@/lib/auth/is-missing-admin-user";
import { getPagePermission } from "@/lib/auth/page-permissions";
import { can } from "@/lib/auth/permissions";
import {
  FORBIDDEN_PATH,
  PATHNAME_HEADER,
  isPublicPage,
  loginPath,
  safeNextPath,
} from "@/lib/auth/public-paths";
import { resolveUser } from "@/lib/auth/resolve-user";
import { db } from "@/lib/db";
import {
  STRICT_TRANSPORT_SECURITY,
  buildContentSecurityPolicy,
  createNonce,
} from "@/lib/http/content-security-policy";

export async function proxy(request: NextRequest) {
  const policy = buildContentSecurityPolicy({
    nonce: createNonce(),
    dev: process.env.NODE_ENV === "development",
  });
  // Next reads the nonce from the request's own CSP header and puts it on the scripts it renders.
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", policy);
  const response = await route(request, forwarded);
  response.headers.set("Content-Security-Policy", policy);
  if (isHttps(request.headers)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

async function route(request: NextRequest, forwarded: Headers): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const user = await resolveUser({ db, auth: getAuth(request.headers), headers: request.headers }).catch(
    () => null,
  );
  if (isPublicPage(pathname)) {
    // A signed-in visitor has no business on the login page: straight on to where they were going.
    if (!user) return NextResponse.next({ request: { headers: forwarded } });
    return NextResponse.redirect(
      new URL(safeNextPath(request.nextUrl.searchParams.get("next")), request.url),
      307,
    );
  }
  if (!user) return NextResponse.redirect(new URL(loginPath(pathname + search), request.url), 307);
  if (!can(user, getPagePermission(pathname))) {
    return NextResponse.rewrite(new URL(FORBIDDEN_PATH, request.url), {
      status: 403,
      request: { headers: forwarded },
    });
  }
  if (await isMissingAdminUser(db, pathname)) {
    return NextResponse.rewrite(new URL("/_not-found", request.url), {
      status: 404,
      request: { headers: forwarded },
    });
  }
  forwarded.set(PATHNAME_HEADER, pathname + search);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  matcher: [
    {
      source:
        "/((?!api/|_next/static/|_next/image|favicon\\.ico$|robots\\.txt$|.*\\.(?:svg|png|jpe?g|gif|webp|ico|woff2?|txt)$).*)",
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
