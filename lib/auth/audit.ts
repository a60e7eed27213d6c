// The audit log: who did what, when, from where. Other areas call recordAudit() for uploads, corrections,
// confirmations and exports (inside their own transaction when they have one); logins, user and token
// changes are recorded here in lib/auth. Admins read it at /admin/audit.
// Anonymous visitors can make entries (failed sign-ins), so every entry is bounded: text is cut to a few
// hundred characters with invisible and direction-changing characters made visible, details to a few KB;
// refusals while a key is locked fold into one entry per lock (recordAuditGroup); and the sign-in noise is
// pruned by age and count (pruneSignInAudit) while every other entry is kept.
import { Prisma } from "@/lib/generated/prisma/client";
import { sql, type Sql } from "@/lib/db/sql";
import type { DbClient } from "./db-client";
import { showUnprintable } from "./unprintable";

export const AUDIT_ACTION_LABELS = {
  login: "登录",
  login_failed: "登录失败",
  login_locked: "登录被锁定",
  logout: "退出登录",
  upload: "上传",
  correction: "更正",
  confirmation: "确认",
  finding_confirm: "确认问题",
  finding_dismiss: "排除问题",
  report_refile: "修改报告归属",
  report_reread: "按模板重读",
  document_complete: "补充机关或年度",
  export: "导出",
  user_create: "创建用户",
  user_update: "修改用户",
  user_deactivate: "停用用户",
  user_activate: "启用用户",
  user_password_reset: "重置密码",
  password_change: "修改密码",
  password_change_failed: "修改密码失败",
  token_create: "创建令牌",
  token_revoke: "吊销令牌",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** Entries anyone can cause by trying passwords: kept for a while (AUDIT_SIGN_IN_*), not forever. */
export const SIGN_IN_NOISE_ACTIONS: readonly AuditAction[] = [
  "login_failed",
  "login_locked",
  "password_change_failed",
];

export const MAX_AUDIT_TEXT = 320;
export const MAX_AUDIT_DETAILS = 4000;

/** Who acted: a user, or nobody known (a failed login for an unknown email, a script). */
export type AuditActor = { id: string; email: string } | null;

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  /** What was acted on, readable on its own: "report 12", "user li@example.gov.cn", "token nbt_AbC123". */
  target?: string | null;
  details?: Prisma.InputJsonValue;
  ip?: string | null;
  /** For entries without a user row (failed logins): the email that was tried. */
  actorEmail?: string;
};

export async function recordAudit(db: DbClient, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: toRow(entry) });
}

/**
 * recordAudit's INSERT as SQL, for a driver connection inside the caller's transaction: an upload writes its
 * entry with its document and report, one commit for both (the entry exists exactly when the file was
 * stored), inside a statement of its own (a WITH clause) that also reads what the route answers.
 */
export function insertAuditSql(entry: AuditEntry): Sql {
  const row = toRow(entry);
  // UTC text: the column is a timestamp without time zone, as Prisma writes its DateTime fields.
  return sql`INSERT INTO "AuditLog" ("at", "actorId", "actorEmail", "action", "target", "details", "ip")
      VALUES (${new Date().toISOString()}::timestamp(3), ${row.actorId}, ${row.actorEmail}, ${row.action},
              ${row.target}, ${row.details === undefined ? null : JSON.stringify(row.details)}::jsonb, ${row.ip})`;
}

/**
 * One entry per `groupKey`: the first write creates it, each later one adds `count` (default 1) to
 * details.count and moves details.lastAt (and lastIp) on — a thousand refusals of a locked account are one row.
 */
export async function recordAuditGroup(
  db: DbClient,
  entry: AuditEntry & { groupKey: string; count?: number },
): Promise<void> {
  const row = toRow(entry);
  const now = new Date();
  const count = entry.count ?? 1;
  const details = { ...(isObject(row.details) ? row.details : {}), count, lastAt: now.toISOString() };
  const groupKey = cleanText(entry.groupKey, 600);
  await db.$executeRaw`
    INSERT INTO "AuditLog" ("at", "actorId", "actorEmail", "action", "target", "details", "ip", "groupKey")
    VALUES (${now}, ${row.actorId}, ${row.actorEmail}, ${row.action}, ${row.target},
            ${JSON.stringify(details)}::jsonb, ${row.ip}, ${groupKey})
    ON CONFLICT ("groupKey") DO UPDATE SET "details" = COALESCE("AuditLog"."details", '{}'::jsonb)
      || jsonb_build_object(
           'count', COALESCE(("AuditLog"."details" ->> 'count')::int, 1) + ${count}::int,
           'lastAt', ${now.toISOString()}::text,
           'lastIp', ${row.ip}::text)`;
}

/** Deletes sign-in noise older than `retentionMs`, then all but the newest `maxRows` of it. */
export async function pruneSignInAudit(
  db: DbClient,
  input: { retentionMs: number; maxRows: number; now?: Date },
): Promise<number> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.retentionMs);
  const actions = [...SIGN_IN_NOISE_ACTIONS];
  const old = await db.auditLog.deleteMany({ where: { action: { in: actions }, at: { lt: cutoff } } });
  const surplus = await db.$executeRaw`
    DELETE FROM "AuditLog" WHERE "id" IN (
      SELECT "id" FROM "AuditLog" WHERE "action" IN (${Prisma.join(actions)})
      ORDER BY "at" DESC, "id" DESC OFFSET ${input.maxRows})`;
  return old.count + surplus;
}

/**
 * Text fit for the log and for any screen: control, invisible and direction-changing characters (U+202E
 * would show "moc.live@" as "@evil.com") written as \u{…}, and at most `max` characters.
 */
export function cleanText(value: string, max = MAX_AUDIT_TEXT): string {
  const visible = showUnprintable(value);
  return visible.length <= max ? visible : `${visible.slice(0, max - 1)}…`;
}

function toRow(entry: AuditEntry) {
  const email = entry.actor?.email ?? entry.actorEmail ?? null;
  return {
    actorId: entry.actor?.id ?? null,
    actorEmail: email === null ? null : cleanText(email),
    action: entry.action,
    target: entry.target == null ? null : cleanText(entry.target),
    details: boundDetails(entry.details),
    ip: entry.ip == null ? null : cleanText(entry.ip, 64),
  };
}

function boundDetails(details: Prisma.InputJsonValue | undefined): Prisma.InputJsonValue | undefined {
  if (details === undefined) return undefined;
  const json = JSON.stringify(details);
  if (json.length <= MAX_AUDIT_DETAILS) return details;
  return { truncated: true, preview: cleanText(json, 500) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
