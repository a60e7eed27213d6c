import Link from "next/link";

const TABS = [
  { href: "/admin/users", label: "用户" },
  { href: "/admin/tokens", label: "API 令牌" },
  { href: "/admin/audit", label: "审计日志" },
] as const;

/** The admin area's sections; `current` marks the one shown. */
export function AdminTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="系统管理" className="mb-6 flex gap-2 border-b border-slate-200">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={
            tab.href === current
              ? "border-b-2 border-slate-800 px-3 py-2 text-sm font-medium"
              : "px-3 py-2 text-sm text-slate-600 hover:text-slate-900"
          }
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
