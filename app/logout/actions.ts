"use server";
// POST (server action) from the 退出登录 button: ends the session (better-auth deletes it from the database
// and clears the cookie; its hook writes the audit entry), then goes to the login page.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/auth";
import { LOGIN_PATH } from "@/lib/auth/public-paths";

export async function logout(): Promise<void> {
  const requestHeaders = await headers();
  await getAuth(requestHeaders)
    .api.signOut({ headers: requestHeaders })
    .catch(() => undefined); // an already-ended session is as good as ended
  redirect(LOGIN_PATH);
}
