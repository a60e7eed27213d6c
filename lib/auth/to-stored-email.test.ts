// Email addresses as stored (issue 19, item 7): internationalised domains in their ASCII (IDNA) form, an
// internationalised top-level domain with ".invalid" appended so the sign-in library's check accepts it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  EMAIL_TOO_LONG_MESSAGE,
  INVALID_EMAIL_MESSAGE,
  toDisplayEmail,
  toStoredEmail,
} from "./to-stored-email";

/** 16 different characters: about 60 in punycode, so five such labels (80 characters typed) pass 254 only in ASCII. */
const LONG_LABEL = Array.from({ length: 16 }, (_, i) => String.fromCodePoint(0x4e00 + i * 397)).join("");

function stored(typed: string): string {
  const result = toStoredEmail(typed);
  if (!result.ok) throw new Error(`${typed} refused: ${result.message}`);
  return result.email;
}

describe("toStoredEmail", () => {
  it.each([
    ["li@example.gov.cn", "li@example.gov.cn"],
    ["  Li@Example.GOV.cn ", "li@example.gov.cn"],
    ["user@例子.cn", "user@xn--fsqu00a.cn"],
    ["USER@例子.CN", "user@xn--fsqu00a.cn"],
    ["user@xn--fsqu00a.cn", "user@xn--fsqu00a.cn"],
    ["wang@政务.example.gov.cn", "wang@xn--zfr164b.example.gov.cn"],
    // An internationalised top-level domain, typed in Chinese, in punycode, with 。or ．as the dot.
    ["user@例子.中国", "user@xn--fsqu00a.xn--fiqs8s.invalid"],
    ["User@例子。中国", "user@xn--fsqu00a.xn--fiqs8s.invalid"],
    ["user@例子．中国", "user@xn--fsqu00a.xn--fiqs8s.invalid"],
    ["user@XN--FSQU00A.xn--FIQS8S", "user@xn--fsqu00a.xn--fiqs8s.invalid"],
    ["user@例子.公司", "user@xn--fsqu00a.xn--55qx5d.invalid"],
    ["user@example.中国", "user@example.xn--fiqs8s.invalid"],
    // A stored form typed back in is the address it stands for.
    ["user@xn--fsqu00a.xn--fiqs8s.invalid", "user@xn--fsqu00a.xn--fiqs8s.invalid"],
    ["USER@xn--fsqu00a.XN--FIQS8S.Invalid", "user@xn--fsqu00a.xn--fiqs8s.invalid"],
    // NFC: é typed as e + combining accent is the same domain as é.
    ["li@cafe\u0301.cn", "li@xn--caf-dma.cn"],
    ["li@caf\u00e9.cn", "li@xn--caf-dma.cn"],
  ])("%j is stored as %j", (typed, expected) => {
    expect(toStoredEmail(typed)).toEqual({ ok: true, email: expected });
  });

  it.each([
    ["no-at-sign", INVALID_EMAIL_MESSAGE],
    ["@example.gov.cn", INVALID_EMAIL_MESSAGE],
    ["li@", INVALID_EMAIL_MESSAGE],
    ["li@exa mple.cn", INVALID_EMAIL_MESSAGE],
    ["李@example.gov.cn", INVALID_EMAIL_MESSAGE],
    ["user@例子.中国.", INVALID_EMAIL_MESSAGE],
    // A bare top-level domain is nobody's address, in ASCII or not.
    ["user@中国", INVALID_EMAIL_MESSAGE],
    ["user@xn--fiqs8s.invalid", INVALID_EMAIL_MESSAGE],
    // ".invalid" is the stored form's marker: no typed address may end in it otherwise.
    ["user@example.invalid", INVALID_EMAIL_MESSAGE],
    ["user@例子.invalid", INVALID_EMAIL_MESSAGE],
    ["user@xn--fsqu00a.xn--fiqs8s.invalid.invalid", INVALID_EMAIL_MESSAGE],
    // Broken punycode is not silently kept.
    ["user@xn--zz.cn", INVALID_EMAIL_MESSAGE],
    ["user@例子.xn--zz", INVALID_EMAIL_MESSAGE],
    // The URL host parser would percent-decode this into example.com.
    ["li@ex%61mple.com", INVALID_EMAIL_MESSAGE],
    [`li@${Array(5).fill(LONG_LABEL).join(".")}.中国`, EMAIL_TOO_LONG_MESSAGE],
  ])("%j is refused: %s", (typed, message) => {
    expect(toStoredEmail(typed)).toEqual({ ok: false, message });
  });

  it("passes the check better-auth's sign-in makes (zod's z.email()) for every address it stores", () => {
    for (const typed of ["user@例子.中国", "user@例子.公司", "li@例子.cn", "a.b+c@政务.example.中国"])
      expect(z.email().safeParse(stored(typed)).success, typed).toBe(true);
  });

  it("gives different addresses different stored forms (no collisions)", () => {
    const addresses = [
      "user@例子.中国",
      "user@例子.公司",
      "user@例子.cn",
      "user@example.中国",
      "user@a.例子.中国",
      "user@xn--fsqu00a.xn--fiqs8s.com",
      "user2@例子.中国",
      "user@例子.中國", // traditional 國: another domain
    ];
    const forms = addresses.map(stored);
    expect(new Set(forms).size).toBe(addresses.length);
  });

  it("is idempotent: a stored form maps to itself", () => {
    for (const typed of ["user@例子.中国", "li@例子.cn", "li@example.gov.cn", "user@a.例子.公司"])
      expect(stored(stored(typed))).toBe(stored(typed));
  });
});

describe("toDisplayEmail", () => {
  it.each([
    ["user@xn--fsqu00a.xn--fiqs8s.invalid", "user@例子.中国"],
    ["user@xn--fsqu00a.xn--55qx5d.invalid", "user@例子.公司"],
    ["li@xn--fsqu00a.cn", "li@例子.cn"],
    ["li@example.gov.cn", "li@example.gov.cn"],
    // Not a form the app stores: shown as it is.
    ["li@xn--zz.cn", "li@xn--zz.cn"],
  ])("%j is shown as %j", (storedForm, shown) => {
    expect(toDisplayEmail(storedForm)).toBe(shown);
  });

  it("round-trips: what is shown is stored as the same form again", () => {
    for (const typed of [
      "user@例子.中国",
      "USER@例子。公司",
      "li@例子.cn",
      "li@Example.gov.cn",
      "x@a.政务.中国",
    ]) {
      const form = stored(typed);
      expect(stored(toDisplayEmail(form))).toBe(form);
    }
  });
});
