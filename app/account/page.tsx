import type { Metadata } from "next";
import { PageHeading } from "@/components/page-heading";
import { requireUser } from "@/lib/auth/current-user";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ACTIONS, ROLE_LABELS, can, type Action } from "@/lib/auth/permissions";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "我的账号" };

const ACTION_LABELS: Record<Action, string> = {
  browse: "浏览",
  upload: "上传",
  correct: "更正",
  confirm: "确认",
  export: "导出",
  manage_users: "用户管理",
  view_audit: "查看审计日志",
};

type SearchParams = Promise<{ changed?: string | string[] }>;

export default async function AccountPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const { changed } = await searchParams;
  const allowed = ACTIONS.filter((action) => can(user, action)).map((action) => ACTION_LABELS[action]);
  return (
    <section>
      <PageHeading title="我的账号">
        {toDisplayEmail(user.email)} · {ROLE_LABELS[user.role]} · 可以：{allowed.join("、")}
        {user.role === "staff" && user.regions.length > 0
          ? `（更正、确认限于地区 ${user.regions.join("、")}）`
          : ""}
      </PageHeading>
      <h2 className="mb-3 text-lg font-semibold">修改密码</h2>
      <p className="mb-3 text-sm text-slate-600">
        新密码至少 {MIN_PASSWORD_LENGTH} 个字符。修改后，其他设备上的登录将退出。
      </p>
      {changed === "1" ? (
        <p role="status" className="mb-3 text-sm text-green-800">
          密码已修改，其他设备上的登录已退出。
        </p>
      ) : null}
      <ChangePasswordForm />
    </section>
  );
}
