// zod speaks Chinese everywhere (issue 19, item 3): the map is set by importing it, as error-response.ts,
// instrumentation.ts and lib/cli do; a schema's own message still wins.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createUserInputSchema } from "@/lib/auth/admin-schemas";
import "./zod-messages";

function firstMessage(schema: z.ZodType, input: unknown): string | undefined {
  return schema.safeParse(input).error?.issues[0]?.message;
}

describe("the Chinese zod error map", () => {
  it.each([
    ["a string too long", z.string().max(254), "x".repeat(255), "最多 254 个字符"],
    ["a string too short", z.string().min(3), "ab", "至少 3 个字符"],
    ["an empty required string", z.string().min(1), "", "此项必填"],
    ["a missing field", z.object({ a: z.string() }), {}, "此项必填"],
    ["a number for a string", z.string(), 5, "应为文字"],
    ["a fraction for an integer", z.coerce.number().int(), "1.5", "应为整数"],
    ["a number too big", z.number().max(10), 11, "不能大于 10"],
    ["a number not above", z.number().gt(0), 0, "应大于 0"],
    ["a bad email", z.email(), "nope", "邮箱格式不正确"],
    ["a value not listed", z.enum(["a", "b"]), "c", "应为以下之一：a、b"],
    ["too many items", z.array(z.string()).max(2), ["a", "b", "c"], "最多 2 项"],
    ["an unknown key", z.strictObject({}), { x: 1 }, "不认识的字段：x"],
  ])("%s", (_case, schema, input, message) => {
    expect(firstMessage(schema, input)).toBe(message);
  });

  it("keeps a schema's own message", () => {
    expect(firstMessage(z.string().min(10, "密码至少 10 个字符"), "short")).toBe("密码至少 10 个字符");
  });

  it("tells a bad region list by its own words, not a union's 'Invalid input'", () => {
    const result = createUserInputSchema.safeParse({
      email: "li@example.gov.cn",
      role: "staff",
      password: "a long enough password",
      regions: "53x3",
    });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["regions", "地区代码应为 2–12 位数字，多个用逗号分隔"],
    ]);
  });

  it("has no English left in the admin form's messages", () => {
    const result = createUserInputSchema.safeParse({ email: "x".repeat(300), role: "boss", password: 7 });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["email", "最多 254 个字符"],
      ["role", "角色应为 admin（管理员）、staff（填报员）、supervisor（督查员）、analyst（分析员）之一"],
      ["password", "应为文字"],
    ]);
  });
});
