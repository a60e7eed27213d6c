// How an email address is stored and looked up: trimmed, lower case, and an internationalised domain in its
// ASCII (IDNA/punycode) form — li@例子.cn is stored as li@xn--fsqu00a.cn. One form for every way in (admin
// forms, API, CLI, the login form), so the same person always finds the same account, and the sign-in
// library (better-auth, which accepts ASCII addresses only) can check it. A domain whose top-level label is
// itself non-ASCII (例子.中国 → xn--fsqu00a.xn--fiqs8s) is refused with its own message: better-auth 1.7's
// sign-in refuses such an address, so an account made with it could never sign in.
import { domainToASCII } from "node:url";
import { z } from "zod";

const asciiEmail = z.email();

export type StoredEmail = { ok: true; email: string } | { ok: false; message: string };

export const INVALID_EMAIL_MESSAGE = "邮箱格式不正确";
export const IDN_TOP_LEVEL_MESSAGE =
  "暂不支持顶级域名为中文的邮箱（如 .中国、.公司）：登录组件无法校验这类地址。请改用该邮箱的其他地址（如 .cn）。";

export function toStoredEmail(text: string): StoredEmail {
  const trimmed = text.trim().normalize("NFC").toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return { ok: false, message: INVALID_EMAIL_MESSAGE };
  const local = trimmed.slice(0, at);
  const domain = /^[\x20-\x7e]*$/.test(trimmed.slice(at + 1))
    ? trimmed.slice(at + 1)
    : domainToASCII(trimmed.slice(at + 1));
  if (!domain) return { ok: false, message: INVALID_EMAIL_MESSAGE };
  const email = `${local}@${domain}`;
  if (domain.split(".").at(-1)!.startsWith("xn--")) return { ok: false, message: IDN_TOP_LEVEL_MESSAGE };
  return asciiEmail.safeParse(email).success
    ? { ok: true, email }
    : { ok: false, message: INVALID_EMAIL_MESSAGE };
}
