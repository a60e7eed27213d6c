// The app's better-auth instances, built on first use (not at import, so `next build` neither reads the
// environment nor writes the secret file). Two flavours when BETTER_AUTH_URL is unset: requests that
// arrived over HTTPS (X-Forwarded-Proto from a TLS proxy) get Secure, __Secure- cookies; plain-HTTP ones
// (localhost, an intranet IP) get cookies a browser will keep over HTTP.
import "server-only";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { readAuthConfig, type AuthConfig } from "./config";
import { createAuth, type Auth } from "./create-auth";
import { isHttpsRequest } from "./is-https-request";

let config: AuthConfig | undefined;
const instances = new Map<boolean, Auth>();

export function getAuthConfig(): AuthConfig {
  config ??= readAuthConfig();
  return config;
}

/** The instance for this request (pass its headers; the https flavour only matters without BETTER_AUTH_URL). */
export function getAuth(headers?: Headers): Auth {
  const base = getAuthConfig();
  const secure = base.baseUrl ? base.secureCookies : headers ? isHttpsRequest(headers) : false;
  let auth = instances.get(secure);
  if (!auth) {
    // nextCookies() must come last: it lets server actions set the session cookie.
    auth = createAuth({ db, config: { ...base, secureCookies: secure }, plugins: [nextCookies()] });
    instances.set(secure, auth);
  }
  return auth;
}
