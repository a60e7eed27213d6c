import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/page-heading";
import { userIdSchema } from "@/lib/auth/admin-schemas";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePermission } from "@/lib/auth/current-user";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { getUser } from "@/lib/auth/list-users";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { db } from "@/lib/db";
import { ActionForm, ConfirmSubmit } from "../../action-form";
import { resetPasswordAction, setActiveAction, updateUserAction } from "../../actions";
import { AdminTabs } from "../../admin-tabs";
import { BUTTON, SECONDARY_BUTTON } from "../../field-styles";
import { CheckboxField, RoleSelect, TextField } from "../../fields";
import { CreateTokenForm } from "../../tokens/create-token-form";
import { TokenTable } from "../../tokens/token-table";

export const metadata: Metadata = { title: "编辑用户" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("manage_users");
  const parsed = userIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const id = parsed.data;
  const [user, tokens] = await Promise.all([getUser(db, id), listApiTokens(db, { userId: id })]);
  if (!user) notFound();
  const role = user.role;

  return (
    <section>
      <PageHeading title={toDisplayEmail(user.email)}>
        {ROLE_LABELS[role]} · {user.active ? "在用" : "已停用"}
      </PageHeading>
      <AdminTabs current="/admin/users" />

      <div className="grid gap-10 md:grid-cols-2">
        <div>
          <h2 className="mb-3 text-lg font-semibold">角色与权限</h2>
          <ActionForm action={updateUserAction} label="角色与权限" className="space-y-3">
            <input type="hidden" name="userId" value={user.id} />
            <TextField label="姓名" name="name" defaultValue={user.name} />
            <RoleSelect defaultValue={role} />
            <TextField
              label="限定地区（仅填报员；地区代码，逗号分隔，留空为不限）"
              name="regions"
              defaultValue={user.regions.join(", ")}
            />
            <CheckboxField label="允许导出（督查员）" name="canExport" defaultChecked={user.canExport} />
            <button type="submit" className={BUTTON}>
              保存
            </button>
          </ActionForm>
        </div>

        <div className="space-y-8">
          <div>
            <h2 className="mb-3 text-lg font-semibold">重置密码</h2>
            <ActionForm action={resetPasswordAction} label="重置密码" className="space-y-3">
              <input type="hidden" name="userId" value={user.id} />
              <TextField
                label={`新密码（至少 ${MIN_PASSWORD_LENGTH} 位）`}
                name="password"
                type="password"
                autoComplete="new-password"
                required
              />
              <button type="submit" className={BUTTON}>
                重置密码
              </button>
            </ActionForm>
          </div>
          <div>
            <h2 className="mb-3 text-lg font-semibold">账号状态</h2>
            <ActionForm action={setActiveAction} label="账号状态" className="space-y-2">
              <input type="hidden" name="userId" value={user.id} />
              <input type="hidden" name="active" value={user.active ? "false" : "true"} />
              {user.active ? (
                <ConfirmSubmit
                  label="停用账号"
                  question={`停用后 ${toDisplayEmail(user.email)} 立即无法登录，其会话和 API 令牌立即失效。确定停用？`}
                  confirmLabel="确定停用"
                  className={SECONDARY_BUTTON}
                />
              ) : (
                <button type="submit" className={SECONDARY_BUTTON}>
                  启用账号
                </button>
              )}
            </ActionForm>
          </div>
        </div>
      </div>

      <h2 className="mb-3 mt-10 text-lg font-semibold">API 令牌</h2>
      <TokenTable tokens={tokens} showUser={false} />
      <CreateTokenForm userId={user.id} className="mt-4 flex max-w-2xl flex-wrap items-end gap-3" />
    </section>
  );
}
