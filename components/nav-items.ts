// The sections of the dashboard, in navigation order. One list so the header, the home page and the
// end-to-end tests agree on labels and paths.
export interface NavItem {
  href: string;
  label: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "总览" },
  { href: "/rankings", label: "排名" },
  { href: "/regions", label: "地区" },
  { href: "/compare", label: "对比" },
  { href: "/upload", label: "上传" },
  { href: "/review", label: "待核对" },
  { href: "/export", label: "导出" },
  { href: "/quality", label: "数据质量" },
  { href: "/metrics", label: "指标说明" },
];
