import type { Metadata } from "next";
import { PageHeading } from "@/components/page-heading";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePermission } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/auth/list-users";
import { db } from "@/lib/db";
import { AdminTabs } from "../admin-tabs";
import { CreateTokenForm } from "./create-token-form";
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
      <CreateTokenForm
        users={users.filter((user) => user.active)}
        className="flex max-w-3xl flex-wrap items-end gap-3"
      />
    </section>
  );
}
