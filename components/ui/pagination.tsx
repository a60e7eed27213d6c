// Previous / next page links that keep every other filter in the URL.
import Link from "next/link";
import { buildFilterQuery, type DashboardFilters } from "@/lib/queries/filters";

export function Pagination({
  pathname,
  filters,
  page,
  pageSize,
  total,
  label = "分页",
}: {
  pathname: string;
  filters: DashboardFilters;
  page: number;
  pageSize: number;
  total: number;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = (target: number) =>
    `${pathname}${buildFilterQuery(filters, { page: target > 1 ? target : null })}`;
  const linkClass = "rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100";
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-3 text-sm text-slate-600 print:hidden">
      {page > 1 ? (
        <Link href={link(page - 1)} className={linkClass} rel="prev">
          上一页
        </Link>
      ) : null}
      <span>
        第 {page} / {pages} 页，共 {total.toLocaleString("zh-CN")} 条
      </span>
      {page < pages ? (
        <Link href={link(page + 1)} className={linkClass} rel="next">
          下一页
        </Link>
      ) : null}
    </nav>
  );
}
