// The gate in front of every page: anonymous visitors (no valid session) are sent to /login?next=… with a
// 307, and a signed-in user whose role lacks the page's permission (lib/auth/page-permissions.ts) gets the
// 403 page — decided here, before rendering starts, so the status is right even when a page streams.
// Pages still call requireUser()/requirePermission() themselves: the proxy is the first check, not the only.
//
// Not matched: /api (the proxy would buffer request bodies — uploads! — and API clients want 401 JSON, not a
// redirect: every route handler uses withAuth() from lib/auth/route-handler.ts), server-action POSTs (they
// carry a Next-Action header; each action checks its user itself), and static assets.
import { NextResponse, type NextRequest } from "next/server";
import { getAuth } from "@/lib/auth/auth";
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

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const user = await resolveUser({ db, auth: getAuth(request.headers), headers: request.headers }).catch(
    () => null,
  );
  if (isPublicPage(pathname)) {
    // A signed-in visitor has no business on the login page: straight on to where they were going.
    if (!user) return NextResponse.next();
    return NextResponse.redirect(
      new URL(safeNextPath(request.nextUrl.searchParams.get("next")), request.url),
      307,
    );
  }
  if (!user) return NextResponse.redirect(new URL(loginPath(pathname + search), request.url), 307);
  if (!can(user, getPagePermission(pathname))) {
    return NextResponse.rewrite(new URL(FORBIDDEN_PATH, request.url), { status: 403 });
  }
  const forwarded = new Headers(request.headers);
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
