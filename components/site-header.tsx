import Link from "next/link";
import { NAV_ITEMS } from "@/components/nav-items";
import { SiteNav } from "@/components/site-nav";
import { UserMenu } from "@/components/user-menu";
import type { AuthUser } from "@/lib/auth/auth-user";
import { getPagePermission } from "@/lib/auth/page-permissions";
import { can } from "@/lib/auth/permissions";

/** The header on every page: product name, the sections this user may open, and the user menu. */
export function SiteHeader({ user }: { user: AuthUser | null }) {
  const items = user ? NAV_ITEMS.filter((item) => can(user, getPagePermission(item.href))) : [];
  return (
    <header className="bg-slate-800 text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-wide">
          年报 Dashboard
        </Link>
        {user ? <SiteNav items={items} /> : null}
        {user ? <UserMenu user={user} /> : null}
      </div>
    </header>
  );
}
