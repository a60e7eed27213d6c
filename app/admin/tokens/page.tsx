import type { Metadata } from "next";
import { PageHeading } from "@/components/page-heading";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePermission } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/auth/list-users";
import { db } from "@/lib/db";
import { ActionForm } from "../action-form";
import { createTokenAction } from "../actions";
import { AdminTabs } from "../admin-tabs";
import { BUTTON, Field, INPUT } from "../fields";
import { TokenTable } from "./token-table";

export const metadata: Metadata = { title: "API 令牌" };

export default async function TokensPage() {
  await requirePermission("manage_users");
  const [tokens, users] = await Promise.all([listApiTokens(db), listUsers(db)]);
  return (
    <section>
      <PageHeading title="系统管理">
        脚本以 <code>Authorization: Bearer &lt;令牌&gt;</code>{" "}
        调用接口，权限与令牌所属用户完全相同。令牌只在创建时显示一次。
      </PageHeading>
      <AdminTabs current="/admin/tokens" />
      <TokenTable tokens={tokens} showUser />

      <h2 className="mb-3 mt-10 text-lg font-semibold">新建令牌</h2>
      <ActionForm action={createTokenAction} label="新建令牌" className="flex max-w-3xl items-end gap-3">
        <Field label="用户">
          <select name="userId" required className={INPUT}>
            {users
              .filter((user) => user.active)
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.email}
                </option>
              ))}
          </select>
        </Field>
        <Field label="用途">
          <input name="name" required placeholder="如 每晚导出脚本" className={INPUT} />
        </Field>
        <button type="submit" className={BUTTON}>
          创建令牌
        </button>
      </ActionForm>
    </section>
  );
}
