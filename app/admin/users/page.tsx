import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { requirePermission } from "@/lib/auth/current-user";
import { describeExportRight } from "@/lib/auth/describe-export-right";
import { listUsers } from "@/lib/auth/list-users";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { db } from "@/lib/db";
import { ActionForm } from "../action-form";
import { createUserAction } from "../actions";
import { AdminTabs } from "../admin-tabs";
import { AdminTable } from "../admin-table";
import { BUTTON, ROLE_HELP } from "../field-styles";
import { CheckboxField, RoleSelect, TextField } from "../fields";
import { formatDateTime } from "../format-date";

export const metadata: Metadata = { title: "用户管理" };

export default async function UsersPage() {
  await requirePermission("manage_users");
  const users = await listUsers(db);
  return (
    <section>
      <PageHeading title="系统管理">{ROLE_HELP}</PageHeading>
      <AdminTabs current="/admin/users" />

      <AdminTable label="用户列表" className="mb-10" minWidth="min-w-[52rem]">
        <thead className="border-b border-slate-300 text-left text-slate-600">
          <tr>
            <th className="py-2 pr-3 font-medium">邮箱</th>
            <th className="py-2 pr-3 font-medium">姓名</th>
            <th className="py-2 pr-3 font-medium">角色</th>
            <th className="py-2 pr-3 font-medium">导出</th>
            <th className="py-2 pr-3 font-medium">限定地区</th>
            <th className="py-2 pr-3 font-medium">状态</th>
            <th className="py-2 pr-3 font-medium">最近登录</th>
            <th className="py-2 font-medium">令牌</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b border-slate-100 align-top">
              <td className="max-w-64 py-2 pr-3 break-all">
                <Link href={`/admin/users/${user.id}`} className="text-blue-700 underline underline-offset-4">
                  {toDisplayEmail(user.email)}
                </Link>
              </td>
              <td className="py-2 pr-3 break-all">{user.name}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{ROLE_LABELS[user.role]}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{describeExportRight(user)}</td>
              <td className="py-2 pr-3">{user.regions.length > 0 ? user.regions.join("、") : "—"}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{user.active ? "在用" : "已停用"}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(user.lastLoginAt)}</td>
              <td className="py-2">{user.activeTokens}</td>
            </tr>
          ))}
        </tbody>
      </AdminTable>

      <h2 className="mb-3 text-lg font-semibold">新建用户</h2>
      <ActionForm action={createUserAction} label="新建用户" className="grid max-w-2xl gap-3 sm:grid-cols-2">
        <TextField label="邮箱" name="email" type="email" required autoComplete="off" />
        <TextField label="姓名" name="name" />
        <RoleSelect />
        <TextField
          label={`初始密码（至少 ${MIN_PASSWORD_LENGTH} 位）`}
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
        <TextField
          label="限定地区（仅填报员；地区代码，逗号分隔，留空为不限）"
          name="regions"
          placeholder="如 530303, 500106"
        />
        <CheckboxField
          label="允许导出（督查员）"
          name="canExport"
          className="flex items-center gap-2 self-end pb-2 text-sm"
        />
        <div className="sm:col-span-2">
          <button type="submit" className={BUTTON}>
            创建用户
          </button>
        </div>
      </ActionForm>
    </section>
  );
}
