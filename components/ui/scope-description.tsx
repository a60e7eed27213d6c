// "2023 年 · 重庆市 九龙坡区 · 乡镇、街道" — what the current filters select, in words.
import { collapseRegionChain } from "@/lib/queries/get-region-trail";
import type { ViewContext } from "@/lib/queries/get-view-context";

export function describeScope(view: ViewContext, options: { year?: boolean } = {}): string {
  const parts: string[] = [];
  if (options.year !== false && view.year !== null) parts.push(`${view.year} 年`);
  parts.push(
    view.region
      ? collapseRegionChain(view.region.chain)
          .map((region) => region.name)
          .join(" ")
      : "全国",
  );
  parts.push(view.filters.kind ? view.filters.kind.join("、") : "全部机构类型");
  return parts.join(" · ");
}

export function UnknownRegionNotice({ view }: { view: ViewContext }) {
  if (!view.regionUnknown) return null;
  return (
    <p
      role="status"
      className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      找不到地区代码 {view.filters.region}，已显示全国的数据。
    </p>
  );
}
