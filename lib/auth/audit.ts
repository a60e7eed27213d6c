// The audit log: who did what, when, from where. Other areas call recordAudit() for uploads, corrections,
// confirmations and exports (inside their own transaction when they have one); logins, user and token
// changes are recorded here in lib/auth. Admins read it at /admin/audit.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbClient } from "./db-client";

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
  token_create: "创建令牌",
  token_revoke: "吊销令牌",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

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
  await db.auditLog.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? entry.actorEmail ?? null,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details,
      ip: entry.ip ?? null,
    },
  });
}
