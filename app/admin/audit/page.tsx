import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { auditQuerySchema } from "@/lib/auth/admin-schemas";
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/auth/audit";
import { describeAuditEntry } from "@/lib/auth/describe-audit-entry";
import { requirePermission } from "@/lib/auth/current-user";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/auth/list-audit";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { db } from "@/lib/db";
import { AdminTabs } from "../admin-tabs";
import { AdminTable } from "../admin-table";
import { BUTTON, INPUT } from "../field-styles";
import { formatDateTime } from "../format-date";

export const metadata: Metadata = { title: "审计日志" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePermission("view_audit");
  const query = auditQuerySchema.parse(await searchParams);
  const { rows, total } = await listAudit(db, query);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const pageLink = (page: number) => {
    const params = new URLSearchParams({
      ...(query.action ? { action: query.action } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      page: String(page),
    });
    return `/admin/audit?${params}`;
  };

  return (
    <section>
      <PageHeading title="系统管理">登录、上传、更正、确认、导出及账号变更的记录，按时间倒序。</PageHeading>
      <AdminTabs current="/admin/audit" />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="筛选">
        <label>
          操作
          <select name="action" defaultValue={query.action ?? ""} className={INPUT}>
            <option value="">全部</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </label>
        <label>
          操作人邮箱
          <input name="actor" defaultValue={query.actor ?? ""} className={INPUT} />
        </label>
        <button type="submit" className={BUTTON}>
          筛选
        </button>
      </form>

      <p className="mb-2 text-sm text-slate-600">共 {total} 条</p>
      <AdminTable label="审计日志" minWidth="min-w-[60rem]">
        <thead className="border-b border-slate-300 text-left text-slate-600">
          <tr>
            <th className="py-2 pr-3 font-medium">时间</th>
            <th className="py-2 pr-3 font-medium">操作人</th>
            <th className="py-2 pr-3 font-medium">操作</th>
            <th className="py-2 pr-3 font-medium">对象</th>
            <th className="py-2 pr-3 font-medium">详情</th>
            <th className="py-2 font-medium">IP</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const text = describeAuditEntry(row);
            return (
              <tr key={row.id} className="border-b border-slate-100 align-top">
                <td className="whitespace-nowrap py-2 pr-3">{formatDateTime(row.at)}</td>
                <td className="py-2 pr-3 break-all">
                  {row.actorEmail ? toDisplayEmail(row.actorEmail) : row.ip === "cli" ? "命令行" : "—"}
                </td>
                <td className="whitespace-nowrap py-2 pr-3">
                  {AUDIT_ACTION_LABELS[row.action as AuditAction] ?? row.action}
                </td>
                <td className="max-w-64 py-2 pr-3 break-all">{text.target ?? "—"}</td>
                <td className="min-w-56 py-2 pr-3 text-xs">
                  {text.details.length > 0 ? (
                    <ul className="space-y-0.5">
                      {text.details.map((line, i) => (
                        <li key={i} className="break-words">
                          {line}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className="py-2">{row.ip === "cli" ? "命令行" : (row.ip ?? "—")}</td>
              </tr>
            );
          })}
        </tbody>
      </AdminTable>

      {pages > 1 ? (
        <nav aria-label="分页" className="mt-4 flex gap-4 text-sm">
          {query.page > 1 ? <Link href={pageLink(query.page - 1)}>上一页</Link> : null}
          <span>
            第 {query.page} / {pages} 页
          </span>
          {query.page < pages ? <Link href={pageLink(query.page + 1)}>下一页</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
