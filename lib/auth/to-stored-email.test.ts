// Email addresses as stored (issue 19, item 7): internationalised domains in their ASCII (IDNA) form.
import { describe, expect, it } from "vitest";
import { IDN_TOP_LEVEL_MESSAGE, INVALID_EMAIL_MESSAGE, toStoredEmail } from "./to-stored-email";

describe("toStoredEmail", () => {
  it.each([
    ["li@example.gov.cn", "li@example.gov.cn"],
    ["  Li@Example.GOV.cn ", "li@example.gov.cn"],
    ["user@例子.cn", "user@xn--fsqu00a.cn"],
    ["USER@例子.CN", "user@xn--fsqu00a.cn"],
    ["user@xn--fsqu00a.cn", "user@xn--fsqu00a.cn"],
    ["wang@政务.example.gov.cn", "wang@xn--zfr164b.example.gov.cn"],
  ])("%j is stored as %j", (typed, stored) => {
    expect(toStoredEmail(typed)).toEqual({ ok: true, email: stored });
  });

  it.each([
    ["user@例子.中国", IDN_TOP_LEVEL_MESSAGE],
    ["user@xn--fsqu00a.xn--fiqs8s", IDN_TOP_LEVEL_MESSAGE],
    ["no-at-sign", INVALID_EMAIL_MESSAGE],
    ["@example.gov.cn", INVALID_EMAIL_MESSAGE],
    ["li@", INVALID_EMAIL_MESSAGE],
    ["li@exa mple.cn", INVALID_EMAIL_MESSAGE],
    ["李@example.gov.cn", INVALID_EMAIL_MESSAGE],
  ])("%j is refused: %s", (typed, message) => {
    expect(toStoredEmail(typed)).toEqual({ ok: false, message });
  });
});
