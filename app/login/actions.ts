"use server";
// POST (server action) from the login form: sign in through better-auth, so its hooks apply lockout and
// audit exactly as for /api/auth/sign-in/email. Errors come back as Chinese messages for the form.
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getAuth, getRequestIp } from "@/lib/auth/auth";
import { toLockoutKey } from "@/lib/auth/client-ip";
import { LOGIN_LOCKED, LOGIN_MESSAGES, UNKNOWN_LOGIN_ERROR } from "@/lib/auth/login-messages";
import { MAX_PASSWORD_LENGTH, asClient } from "@/lib/auth/password";
import { safeNextPath } from "@/lib/auth/public-paths";
import { MAX_EMAIL_LENGTH } from "@/lib/auth/sign-in-input";

export type LoginState = { error: string | null; email: string };

const TOO_LONG = "邮箱或密码过长";
const loginFormSchema = z.object({
  email: z.string({ error: "请输入邮箱和密码" }).trim().max(MAX_EMAIL_LENGTH, TOO_LONG),
  password: z.string({ error: "请输入邮箱和密码" }).max(MAX_PASSWORD_LENGTH, TOO_LONG),
  next: z.string().max(2000).optional().catch(undefined),
});

export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "请输入邮箱和密码", email: "" };
  const { email, password, next } = parsed.data;
  if (!email || !password) return { error: "请输入邮箱和密码", email };

  const requestHeaders = await headers();
  try {
    await asClient(toLockoutKey(getRequestIp(requestHeaders)), () =>
      getAuth(requestHeaders).api.signInEmail({
        // Any spelling of the address (user@例子.中国 or its punycode): create-auth.ts maps it to the stored form.
        body: { email, password, rememberMe: true },
        headers: requestHeaders,
      }),
    );
  } catch (error) {
    return { error: describeLoginError(error), email };
  }
  redirect(safeNextPath(next));
}

function describeLoginError(error: unknown): string {
  if (!isAPIError(error)) {
    console.error("[auth] sign-in failed unexpectedly", error);
    return UNKNOWN_LOGIN_ERROR;
  }
  const body = error.body as { code?: string; message?: string } | undefined;
  if (body?.code === LOGIN_LOCKED && body.message) return body.message;
  return LOGIN_MESSAGES[body?.code ?? ""] ?? UNKNOWN_LOGIN_ERROR;
}
