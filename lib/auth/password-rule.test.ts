// The password rule (issue 19, item 7): length, not the email, not one character repeated, not a common one.
import { describe, expect, it } from "vitest";
import { checkPasswordRule } from "./password";

describe("checkPasswordRule", () => {
  it.each([
    ["short", "li@example.gov.cn", "密码至少 10 个字符"],
    ["li@example.gov.cn", "li@example.gov.cn", "密码不能与邮箱相同"],
    ["LI@Example.gov.cn", "li@example.gov.cn", "密码不能与邮箱相同"],
    ["zhangsan.li", "zhangsan.li@example.gov.cn", "密码不能与邮箱相同"],
    // The address as people write it, for the form it is stored in.
    ["zhang@例子.中国", "zhang@xn--fsqu00a.xn--fiqs8s.invalid", "密码不能与邮箱相同"],
    ["wangwu@例子.cn", "wangwu@xn--fsqu00a.cn", "密码不能与邮箱相同"],
    ["aaaaaaaaaa", "li@example.gov.cn", "密码不能是同一个字符的重复"],
    ["1111111111111", undefined, "密码不能是同一个字符的重复"],
    ["qwertyuiop", "li@example.gov.cn", "这个密码太常见，很容易被猜到，请换一个"],
    ["Password123", undefined, "这个密码太常见，很容易被猜到，请换一个"],
    ["woaini1314", undefined, "这个密码太常见，很容易被猜到，请换一个"],
    ["1234567890", undefined, "这个密码太常见，很容易被猜到，请换一个"],
  ])("%j (email %j) → %j", (password, email, message) => {
    expect(checkPasswordRule(password, { email })).toBe(message);
  });

  it.each([
    ["a long enough password", "li@example.gov.cn"],
    ["li@example.gov.cn!x", "li@example.gov.cn"],
    ["correct horse battery", undefined],
  ])("accepts %j", (password, email) => {
    expect(checkPasswordRule(password, { email })).toBeNull();
  });
});
