// Says which URL parameters were not understood (and so left out), instead of failing the page.
const NAMES: Record<string, string> = {
  year: "年度",
  years: "年度列表",
  region: "地区",
  kind: "机构类型",
  metric: "指标",
  agencies: "对比机构",
  q: "搜索词",
  page: "页码",
  sort: "排序",
  code: "问题代码",
};

export function InvalidFiltersNotice({ invalid }: { invalid: readonly string[] }) {
  if (invalid.length === 0) return null;
  return (
    <p
      role="status"
      className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      网址中的筛选条件无效，已忽略：{invalid.map((name) => NAMES[name] ?? name).join("、")}。
    </p>
  );
}
