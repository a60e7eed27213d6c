// zod schemas for what admins send — the same ones parse the admin pages' forms and the admin API bodies.
import { z } from "zod";
import { AUDIT_ACTIONS } from "./audit";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";
import { parseRegionList, regionPrefixSchema, roleSchema } from "./permissions";
import { hasUnprintable } from "./unprintable";

/** Text people type: trimmed, at most `max` characters, no control, invisible or direction characters. */
const printable = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((text) => !hasUnprintable(text), message);

const emailTextSchema = printable(254, "邮箱不能包含控制字符或不可见字符");
const nameTextSchema = printable(100, "姓名不能包含控制字符、零宽字符或文字方向控制符");

/** User ids are UUIDs (ours) or better-auth's random ids: anything else is no id, answered 400 not 500. */
export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "用户编号无效");
/** API token ids are PostgreSQL integers: 1 … 2^31−1. */
export const tokenIdSchema = z.coerce
  .number({ error: "令牌编号无效" })
  .int("令牌编号无效")
  .min(1, "令牌编号无效")
  .max(2_147_483_647, "令牌编号无效");

const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
  .max(MAX_PASSWORD_LENGTH, `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`);

/** Regions arrive as a JSON list (API) or as "5303, 530402" text (forms). */
const regionsSchema = z.union([
  z.array(regionPrefixSchema).max(200),
  z
    .string()
    .max(4000)
    .transform((text, ctx) => {
      try {
        return parseRegionList(text);
      } catch {
        ctx.addIssue({ code: "custom", message: "地区代码应为 2–12 位数字，多个用逗号分隔" });
        return z.NEVER;
      }
    }),
]);

/** Checkbox values from forms ("on") and booleans from JSON. */
const flagSchema = z.union([
  z.boolean(),
  z.enum(["on", "true", "false"]).transform((value) => value !== "false"),
]);

export const createUserInputSchema = z.object({
  email: emailTextSchema,
  name: nameTextSchema.optional(),
  role: roleSchema,
  password: passwordSchema,
  canExport: flagSchema.optional().default(false),
  regions: regionsSchema.optional(),
});

export const updateUserInputSchema = z
  .object({
    name: nameTextSchema.pipe(z.string().min(1, "请填写姓名")).optional(),
    role: roleSchema.optional(),
    canExport: flagSchema.optional(),
    regions: regionsSchema.optional(),
    active: flagSchema.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), "没有要修改的内容");

export const resetPasswordInputSchema = z.object({ password: passwordSchema });

export const createTokenInputSchema = z
  .object({
    userId: userIdSchema.optional(),
    email: emailTextSchema.optional(),
    name: printable(100, "令牌用途不能包含控制字符或不可见字符").pipe(z.string().min(1, "请填写令牌用途")),
  })
  .refine((input) => input.userId || input.email, "请指定用户（userId 或 email）");

export const auditQuerySchema = z.object({
  action: z
    .enum(AUDIT_ACTIONS as [string, ...string[]])
    .optional()
    .catch(undefined),
  actor: emailTextSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
