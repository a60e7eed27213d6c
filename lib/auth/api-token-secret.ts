// API token format: "nbt_" + 32 random bytes in base64url (256 bits). Only sha256(token) is stored: a
// database leak yields no usable token, and a high-entropy token needs no slow hash.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "nbt_";
const TOKEN_PATTERN = /^nbt_[A-Za-z0-9_-]{43}$/;

export function generateApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export type Authorization = { kind: "none" } | { kind: "bearer"; token: string } | { kind: "malformed" };

/**
 * The one reading of the Authorization header, for the CSRF check and the token check alike: absent, a
 * bearer token, or anything else — which is refused, never taken as "no header" (a cookie riding along
 * with `Bearer x y` must not be used, nor excuse the request from the CSRF check).
 */
export function readAuthorization(headers: Headers): Authorization {
  const value = headers.get("authorization");
  if (value === null) return { kind: "none" };
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(value);
  return match ? { kind: "bearer", token: match[1]! } : { kind: "malformed" };
}
