"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS, type NavItem } from "@/components/nav-items";

/** Top navigation; the current section is marked for screen readers and visually. */
export function SiteNav({ items = NAV_ITEMS }: { items?: readonly NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="主导航" className="flex flex-wrap gap-1">
      {items.map((item) => {
        const isCurrent = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={isCurrent ? "page" : undefined}
            className={
              isCurrent
                ? "rounded-md bg-white/15 px-3 py-1.5 text-sm font-medium text-white"
                : "rounded-md px-3 py-1.5 text-sm text-slate-200 hover:bg-white/10 hover:text-white"
            }
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
