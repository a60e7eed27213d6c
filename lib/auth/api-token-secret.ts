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

/** The token from `Authorization: Bearer <token>`, or null when the header is absent or not a bearer. */
export function readBearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}
