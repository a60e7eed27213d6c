// How an email address is stored and looked up, and how a stored one is shown: ONE mapping for every way in
// (admin forms, API, CLI, the login form and /api/auth/sign-in/email), so the same person always finds the
// same account and lockout and audit are keyed alike.
//
// Stored: trimmed, NFC, lower case, the domain in its ASCII (IDNA/punycode) form — li@例子.cn is stored as
// li@xn--fsqu00a.cn. The sign-in library (better-auth 1.7) checks every address with zod's z.email(), whose
// top-level domain must be letters only; an internationalised top-level domain (.中国 → .xn--fiqs8s) never
// passes, and better-auth has no option to change that check. So such an address is stored with the
// reserved top-level domain ".invalid" appended (RFC 6761: never a real domain, so no real address can end
// in it): user@例子.中国 → user@xn--fsqu00a.xn--fiqs8s.invalid. Typed addresses ending in ".invalid" are
// refused, except a stored form itself (an xn-- label before ".invalid"), which maps to itself — so the
// mapping is idempotent and no two different addresses share a stored form. toDisplayEmail reverses it.
import { domainToASCII, domainToUnicode } from "node:url";
import { z } from "zod";

const asciiEmail = z.email();

/** Appended to an address whose top-level domain is internationalised (see the header). */
export const IDN_TLD_SUFFIX = ".invalid";
const SUFFIX_LABEL = IDN_TLD_SUFFIX.slice(1);
const MAX_ADDRESS_LENGTH = 254;

export type StoredEmail = { ok: true; email: string } | { ok: false; message: string };

export const INVALID_EMAIL_MESSAGE = "邮箱格式不正确";
export const EMAIL_TOO_LONG_MESSAGE = `邮箱最多 ${MAX_ADDRESS_LENGTH} 个字符（中文域名按其 ASCII 形式计）`;

export function toStoredEmail(text: string): StoredEmail {
  const trimmed = text.trim().normalize("NFC").toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return { ok: false, message: INVALID_EMAIL_MESSAGE };
  const local = trimmed.slice(0, at);
  const domain = toAsciiDomain(trimmed.slice(at + 1));
  if (!domain) return { ok: false, message: INVALID_EMAIL_MESSAGE };

  const realDomain = stripIdnTldSuffix(domain);
  const labels = realDomain.split(".");
  // Not an address anyone can have: one under ".invalid", or a bare top-level domain (user@中国).
  if (labels.at(-1) === SUFFIX_LABEL || labels.length < 2)
    return { ok: false, message: INVALID_EMAIL_MESSAGE };
  const address = `${local}@${realDomain}`;
  if (address.length > MAX_ADDRESS_LENGTH) return { ok: false, message: EMAIL_TOO_LONG_MESSAGE };
  const email = isPunycode(labels.at(-1)!) ? `${address}${IDN_TLD_SUFFIX}` : address;
  return asciiEmail.safeParse(email).success
    ? { ok: true, email }
    : { ok: false, message: INVALID_EMAIL_MESSAGE };
}

/** The address as people write it: user@xn--fsqu00a.xn--fiqs8s.invalid → user@例子.中国. */
export function toDisplayEmail(stored: string): string {
  const at = stored.lastIndexOf("@");
  if (at <= 0 || !stored.includes("xn--", at)) return stored;
  const unicode = domainToUnicode(stripIdnTldSuffix(stored.slice(at + 1)));
  // Anything that does not decode cleanly (a row written by hand) is shown exactly as stored.
  return unicode ? `${stored.slice(0, at)}@${unicode}` : stored;
}

/** x.xn--fiqs8s.invalid → x.xn--fiqs8s; any other domain (x.cn, x.invalid) as it is. */
function stripIdnTldSuffix(domain: string): string {
  const labels = domain.split(".");
  return labels.at(-1) === SUFFIX_LABEL && isPunycode(labels.at(-2) ?? "")
    ? domain.slice(0, -IDN_TLD_SUFFIX.length)
    : domain;
}

/**
 * The domain in ASCII (UTS #46 through Node's WHATWG URL: case folding, NFC, 。and ．as dots, xn-- labels
 * checked). ASCII other than letters, digits, "-" and "." is refused first: the URL host parser would
 * percent-decode "ex%41mple.com" into example.com, a second spelling of someone else's domain.
 */
function toAsciiDomain(domain: string): string {
  if (/[\x00-\x2c\x2f\x3a-\x60\x7b-\x7f]/.test(domain)) return "";
  return domainToASCII(domain);
}

function isPunycode(label: string): boolean {
  return label.startsWith("xn--");
}
