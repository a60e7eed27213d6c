// What a sign-in (or a password change) may carry before anything is written anywhere: an email of at most
// 254 characters without control or invisible characters, a password of at most MAX_PASSWORD_LENGTH. A
// 4 MB "email" is refused here, so it never reaches the lockout table, the audit log or an index.
import { AppError } from "@/lib/api/app-error";
import { normalizeEmail } from "./login-attempts";
import { MAX_PASSWORD_LENGTH } from "./password";
import { hasUnprintable } from "./unprintable";

export const MAX_EMAIL_LENGTH = 254;

export function parseSignInInput(body: unknown): { email: string; password: string } {
  const { email, password } = (typeof body === "object" && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  if (typeof email !== "string" || typeof password !== "string") throw new AppError("INVALID_INPUT");
  if (email.length > MAX_EMAIL_LENGTH)
    throw new AppError("INPUT_TOO_LONG", `邮箱最多 ${MAX_EMAIL_LENGTH} 个字符`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new AppError("INPUT_TOO_LONG", `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`);
  if (hasUnprintable(email)) throw new AppError("INVALID_INPUT", "邮箱格式不正确");
  return { email: normalizeEmail(email), password };
}
