// The app's better-auth instances, built on first use (not at import, so `next build` neither reads the
// environment nor writes the secret file). Two flavours when BETTER_AUTH_URL is unset: requests that
// arrived over HTTPS (X-Forwarded-Proto from a trusted TLS proxy) get Secure, __Secure- cookies; plain-HTTP
// ones (localhost, an intranet IP) get cookies a browser will keep over HTTP.
import "server-only";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { createProxyTrust, getClientIp, isHttpsRequest, type ProxyTrust } from "./client-ip";
import { readAuthConfig, type AuthConfig } from "./config";
import { createAuth, type Auth } from "./create-auth";
import { createLockMemory } from "./login-attempts";

let config: AuthConfig | undefined;
let proxyTrust: ProxyTrust | undefined;
const instances = new Map<boolean, Auth>();
/** Locks seen by this process, shared by both auth flavours and the password form (login-attempts.ts). */
export const lockMemory = createLockMemory();

export function getAuthConfig(): AuthConfig {
  config ??= readAuthConfig();
  return config;
}

export function getProxyTrust(): ProxyTrust {
  proxyTrust ??= createProxyTrust(getAuthConfig().trustedProxies);
  return proxyTrust;
}

/** The client address of this request, for the audit log (lib/auth/client-ip.ts decides what to believe). */
export function getRequestIp(headers: Headers): string {
  return getClientIp(headers, getProxyTrust());
}

/** Whether this request reached the site over HTTPS (said by a trusted proxy). */
export function isHttps(headers: Headers): boolean {
  return isHttpsRequest(headers, getProxyTrust());
}

/** The instance for this request (pass its headers; the https flavour only matters without BETTER_AUTH_URL). */
export function getAuth(headers?: Headers): Auth {
  const base = getAuthConfig();
  const secure = base.baseUrl ? base.secureCookies : headers ? isHttps(headers) : false;
  let auth = instances.get(secure);
  if (!auth) {
    // nextCookies() must come last: it lets server actions set the session cookie.
    auth = createAuth({
      db,
      config: { ...base, secureCookies: secure },
      plugins: [nextCookies()],
      lockMemory,
    });
    instances.set(secure, auth);
  }
  return auth;
}
