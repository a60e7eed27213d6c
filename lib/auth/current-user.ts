// Guards for server components and server actions. Every page calls one of these at its top:
//   const user = await requireUser();                 // any signed-in user
//   const user = await requirePermission("upload");   // 403 page when the role lacks it
// The proxy already sends anonymous visitors to /login; these checks are the authority, not the proxy.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { isAppError } from "@/lib/api/app-error";
import { db } from "@/lib/db";
import { getAuth } from "./auth";
import type { AuthUser } from "./auth-user";
import { can, type Action, type Resource } from "./permissions";
import { PATHNAME_HEADER, loginPath } from "./public-paths";
import { resolveUser } from "./resolve-user";

/** The signed-in user of this request, or null; one lookup per request however often it is called. */
export const getCurrentUser = cache(async (): Promise<AuthUser | null> => {
  const requestHeaders = await headers();
  return resolveUser({ db, auth: getAuth(requestHeaders), headers: requestHeaders }).catch(
    (error: unknown) => {
      // The page's error boundary says so in Chinese (app/error.tsx); anything else is "not signed in".
      if (isAppError(error) && error.code === "DATABASE_UNAVAILABLE") throw error;
      return null;
    },
  );
});

export async function requireUser(): Promise<AuthUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPath((await headers()).get(PATHNAME_HEADER)));
  return user;
}

export async function requirePermission(action: Action, resource?: Resource): Promise<AuthUser> {
  const user = await requireUser();
  if (!can(user, action, resource)) forbidden();
  return user;
}
