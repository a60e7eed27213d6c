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
import { isAppError } from "@/lib/api/app-error";
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
  let user;
  try {
    user = await resolveUser({ db, auth: getAuth(request.headers), headers: request.headers });
  } catch (error) {
    if (isAppError(error) && error.code === "DATABASE_UNAVAILABLE") return databaseUnavailablePage();
    user = null;
  }
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

/** 503 while the database cannot be reached — said in Chinese, not a login page the user cannot use anyway. */
function databaseUnavailablePage(): NextResponse {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>数据库暂时无法连接 · 年报 Dashboard</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>数据库暂时无法连接</h1><p>系统暂时无法读取数据，请稍后刷新页面重试。如果问题持续存在，请联系管理员。</p><p style="color:#64748b">错误代码：DATABASE_UNAVAILABLE</p></body></html>`;
  return new NextResponse(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "5" },
  });
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
