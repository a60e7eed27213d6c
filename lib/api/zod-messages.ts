// The one Chinese error map for zod, set for the whole process on import (zod keeps its config on
// globalThis): forms, API bodies, search params and command-line arguments all speak it. A schema that names
// its own message keeps it; every other problem gets these plain words ("最多 254 个字符"), with zod's zh-CN
// locale underneath for the rare kinds not worded here. Imported by lib/api/error-response.ts (every route
// and server action), instrumentation.ts (the server, before any request) and lib/cli (every command).
import { z } from "zod";

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  bigint: "整数",
  boolean: "是或否",
  array: "列表",
  object: "对象",
  date: "日期",
};

const FORMAT_NAMES: Record<string, string> = {
  email: "邮箱格式不正确",
  url: "网址格式不正确",
  uuid: "编号格式不正确",
  datetime: "日期时间格式不正确",
  date: "日期格式不正确",
};

export function describeZodIssue(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "此项必填";
      return TYPE_NAMES[issue.expected] ? `应为${TYPE_NAMES[issue.expected]}` : "格式不正确";
    case "too_big":
      return describeLimit(issue.origin, Number(issue.maximum), issue.inclusive !== false, "max");
    case "too_small":
      return describeLimit(issue.origin, Number(issue.minimum), issue.inclusive !== false, "min");
    case "invalid_format":
      return FORMAT_NAMES[issue.format] ?? "格式不正确";
    case "invalid_value":
      return issue.values.length === 1
        ? `应为 ${String(issue.values[0])}`
        : `应为以下之一：${issue.values.map(String).join("、")}`;
    case "not_multiple_of":
      return `应为 ${String(issue.divisor)} 的倍数`;
    case "unrecognized_keys":
      return `不认识的字段：${issue.keys.join("、")}`;
    case "invalid_union":
      // The branch that got past the type check knows what was wrong ("地区代码应为 2–12 位数字…").
      return (
        issue.errors.map((branch) => branch[0]).find((first) => first && first.code !== "invalid_type")
          ?.message ?? "格式不正确"
      );
    case "invalid_key":
    case "invalid_element":
      return "含有无效的项";
    case "custom":
      return "输入有误";
    default:
      return undefined;
  }
}

function describeLimit(origin: string, limit: number, inclusive: boolean, side: "min" | "max"): string {
  const bound = inclusive ? limit : side === "max" ? limit - 1 : limit + 1;
  switch (origin) {
    case "string":
      if (side === "min") return bound <= 1 ? "此项必填" : `至少 ${bound} 个字符`;
      return `最多 ${bound} 个字符`;
    case "array":
    case "set":
      return side === "min" ? `至少 ${bound} 项` : `最多 ${bound} 项`;
    case "file":
      return side === "min" ? `文件至少 ${bound} 字节` : `文件不能超过 ${bound} 字节`;
    default:
      // Numbers (and dates, bigints): say the limit as typed, inclusive or not.
      if (side === "min") return inclusive ? `不能小于 ${limit}` : `应大于 ${limit}`;
      return inclusive ? `不能大于 ${limit}` : `应小于 ${limit}`;
  }
}

z.config({ ...z.locales.zhCN(), customError: describeZodIssue });
