// An audit entry in Chinese words for 系统管理 → 审计日志: its object ("用户 li@…", "令牌 nbt_AbC…（li@…）",
// "报告 12") and its details as lines ("角色：分析员 → 填报员"), the stored before → after of a change showing
// only what differs. Entries keep their stored shape (English keys, for scripts reading /api/admin/audit);
// this is how people read them. Pure: no database, no React.
import { ROLE_LABELS, type Role } from "./permissions";
import { toDisplayEmail } from "./to-stored-email";

export type AuditEntryText = { target: string | null; details: string[] };

const TARGET_PATTERNS: Array<[RegExp, (...parts: string[]) => string]> = [
  [/^user (.+)$/s, (email) => `用户 ${toDisplayEmail(email)}`],
  [/^token (\S+) of (.+)$/s, (prefix, email) => `令牌 ${prefix}（${toDisplayEmail(email)}）`],
  [/^report (\d+)$/, (id) => `报告 ${id}`],
  [/^document (\d+)$/, (id) => `文件 ${id}`],
];

const KEY_LABELS: Record<string, string> = {
  name: "姓名",
  role: "角色",
  canExport: "导出",
  regions: "限定地区",
  revokedTokens: "同时吊销的令牌",
  endedSessions: "结束的其他会话",
  tokenId: "令牌编号",
  code: "代码",
  reason: "原因",
  key: "锁定对象",
  lockedUntil: "锁定至",
  count: "次数",
  lastAt: "最近一次",
  lastIp: "最近 IP",
  file: "文件",
  status: "结果",
  reportId: "报告",
  error: "错误码",
  cell: "单元格",
  finding: "问题编号",
  agency: "机关",
  year: "年度",
  template: "模板",
  newReport: "新报告",
  fromAgency: "原机关",
  fromYear: "原年度",
  toAgency: "新机关",
  toYear: "新年度",
  truncated: "已截断",
  preview: "内容",
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  reason: {
    wrong_password: "密码错误",
    unknown_email: "邮箱不存在",
    account_disabled: "账号已停用",
    invalid_request: "请求无效",
    throttled: "请求过于频繁",
  },
  key: { account: "账号", ip: "IP 地址" },
  status: {
    accepted: "已入库",
    duplicate: "重复文件",
    needs_agency: "待补充机关",
    needs_year: "待补充年度",
    rejected: "未通过",
  },
};

export function describeAuditEntry(entry: {
  action: string;
  target: string | null;
  details: unknown;
}): AuditEntryText {
  return { target: describeTarget(entry.target), details: describeDetails(entry.action, entry.details) };
}

function describeTarget(target: string | null): string | null {
  if (target === null) return null;
  for (const [pattern, say] of TARGET_PATTERNS) {
    const match = pattern.exec(target);
    if (match) return say(...match.slice(1));
  }
  return target;
}

function describeDetails(action: string, details: unknown): string[] {
  if (!isRecord(details)) return details == null ? [] : [String(details)];
  if (action === "user_update" && isRecord(details.before) && isRecord(details.after)) {
    const { before, after } = details;
    // Older entries hold every field; only the ones that changed are news.
    return Object.keys(after)
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `${label(key)}：${formatValue(key, before[key])} → ${formatValue(key, after[key])}`);
  }
  if (action === "correction" && "old" in details) {
    const lines = [
      `单元格 ${String(details.cell)}：${formatValue("", details.old)} → ${formatValue("", details.new)}`,
    ];
    if (details.reason) lines.push(`理由：${String(details.reason)}`);
    return lines;
  }
  return Object.entries(details)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${label(key, action)}：${formatValue(key, value)}`);
}

function label(key: string, action = ""): string {
  if (key === "name" && action.startsWith("token_")) return "用途";
  return KEY_LABELS[key] ?? key;
}

function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "空";
  if (key === "role" && typeof value === "string" && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if (key === "canExport") return value ? "可导出" : "不可导出";
  if (key === "regions" && Array.isArray(value)) return value.length > 0 ? value.join("、") : "不限";
  if (key === "lockedUntil" || key === "lastAt") return formatTime(String(value));
  if (typeof value === "boolean") return value ? "是" : "否";
  if (Array.isArray(value)) return value.map((item) => formatValue("", item)).join("、");
  if (isRecord(value)) return JSON.stringify(value);
  const text = String(value);
  return VALUE_LABELS[key]?.[text] ?? text;
}

const TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : TIME.format(date);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
