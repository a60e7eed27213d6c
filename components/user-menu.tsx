import Link from "next/link";
import { logout } from "@/app/logout/actions";
import type { AuthUser } from "@/lib/auth/auth-user";
import { ROLE_LABELS, can } from "@/lib/auth/permissions";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";

/** The signed-in user in the header: who, which role, the admin area for admins, and 退出登录. */
export function UserMenu({ user }: { user: AuthUser }) {
  return (
    <div className="ml-auto flex min-w-0 flex-wrap items-center gap-3 text-sm">
      {can(user, "manage_users") ? (
        <Link
          href="/admin/users"
          className="rounded-md px-3 py-1.5 text-slate-200 hover:bg-white/10 hover:text-white"
        >
          系统管理
        </Link>
      ) : null}
      <Link
        href="/account"
        className="min-w-0 break-all text-slate-300 hover:text-white"
        title={`${toDisplayEmail(user.email)} · 我的账号`}
      >
        {user.name}（{ROLE_LABELS[user.role]}）
      </Link>
      <form action={logout}>
        <button
          type="submit"
          className="rounded-md border border-white/30 px-3 py-1 text-slate-100 hover:bg-white/10"
        >
          退出登录
        </button>
      </form>
    </div>
  );
}
