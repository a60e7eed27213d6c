// The app's better-auth instance, built on first use (not at import, so `next build` neither reads the
// environment nor writes the secret file).
import "server-only";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { readAuthConfig, type AuthConfig } from "./config";
import { createAuth, type Auth } from "./create-auth";

let instance: { auth: Auth; config: AuthConfig } | undefined;

function build() {
  const config = readAuthConfig();
  // nextCookies() must come last: it lets server actions set the session cookie.
  instance ??= { auth: createAuth({ db, config, plugins: [nextCookies()] }), config };
  return instance;
}

export function getAuth(): Auth {
  return build().auth;
}

export function getAuthConfig(): AuthConfig {
  return build().config;
}
