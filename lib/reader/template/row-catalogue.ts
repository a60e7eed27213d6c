// Row labels of tables 二, 三 and 四 as the template prints them, with the key phrases that survive the
// variants seen in real reports (本年度新收, 上年度结转, 行政止公开, labels wrapped or spaced).
// Built from the template and its documented variations, never from any report's values or names.
import type { TemplateVersion } from "@/lib/reader/types";

export interface RowSpec {
  /** Cell id prefix of the row, e.g. "t3.denied.state_secret"; group headings end in ".*". */
  key: string;
  /** Ordinal the template prints before the label (一, 三, 1 …). */
  ordinal: string;
  /** The canonical label without its ordinal, normalised (see normalizeLabel). */
  full: string;
  /** Normalised phrases that identify the row on their own (any one). */
  cores: string[];
  /** A group heading: prints no numbers of its own. */
  heading?: boolean;
  /** Only accepted with its ordinal (the bare label is too common, e.g. 其他, 总计). */
  needsOrdinal?: boolean;
  /** A heading, not a row of its own, when any of these rows is printed (（六） over its sub-rows). */
  headingIf?: readonly string[];
}

export const T3_ROWS: readonly RowSpec[] = [
  { key: "t3.new", ordinal: "一", full: "本年新收政府信息公开申请数量", cores: ["新收"] },
  {
    key: "t3.carried",
    ordinal: "二",
    full: "上年结转政府信息公开申请数量",
    cores: ["上年结转", "上年度结转"],
  },
  { key: "t3.results.*", ordinal: "三", full: "本年度办理结果", cores: ["办理结果"], heading: true },
  { key: "t3.granted", ordinal: "一", full: "予以公开", cores: ["予以公开"] },
  {
    key: "t3.partial",
    ordinal: "二",
    full: "部分公开区分处理的只计这一情形不计其他情形",
    cores: ["部分公开"],
  },
  { key: "t3.denied.*", ordinal: "三", full: "不予公开", cores: ["不予公开"], heading: true },
  { key: "t3.denied.state_secret", ordinal: "1", full: "属于国家秘密", cores: ["国家秘密"] },
  { key: "t3.denied.law_forbidden", ordinal: "2", full: "其他法律行政法规禁止公开", cores: ["禁止公开"] },
  { key: "t3.denied.three_safety", ordinal: "3", full: "危及三安全一稳定", cores: ["三安全", "一稳定"] },
  { key: "t3.denied.third_party", ordinal: "4", full: "保护第三方合法权益", cores: ["第三方"] },
  { key: "t3.denied.internal_affairs", ordinal: "5", full: "属于三类内部事务信息", cores: ["内部事务"] },
  { key: "t3.denied.process_info", ordinal: "6", full: "属于四类过程性信息", cores: ["过程性"] },
  { key: "t3.denied.enforcement_file", ordinal: "7", full: "属于行政执法案卷", cores: ["执法案卷"] },
  { key: "t3.denied.query_matter", ordinal: "8", full: "属于行政查询事项", cores: ["查询事项"] },
  { key: "t3.unable.*", ordinal: "四", full: "无法提供", cores: ["无法提供"], heading: true },
  { key: "t3.unable.not_held", ordinal: "1", full: "本机关不掌握相关政府信息", cores: ["不掌握"] },
  { key: "t3.unable.needs_creation", ordinal: "2", full: "没有现成信息需要另行制作", cores: ["另行制作"] },
  { key: "t3.unable.unclear", ordinal: "3", full: "补正后申请内容仍不明确", cores: ["仍不明确"] },
  { key: "t3.rejected.*", ordinal: "五", full: "不予处理", cores: ["不予处理"], heading: true },
  { key: "t3.rejected.petition", ordinal: "1", full: "信访举报投诉类申请", cores: ["信访", "举报投诉"] },
  { key: "t3.rejected.duplicate", ordinal: "2", full: "重复申请", cores: ["重复申请"] },
  { key: "t3.rejected.publication", ordinal: "3", full: "要求提供公开出版物", cores: ["出版物"] },
  { key: "t3.rejected.mass_repeat", ordinal: "4", full: "无正当理由大量反复申请", cores: ["大量反复"] },
  {
    key: "t3.rejected.confirm_info",
    ordinal: "5",
    full: "要求行政机关确认或重新出具已获取信息",
    cores: ["重新出具"],
  },
  {
    key: "t3.other",
    ordinal: "六",
    full: "其他处理",
    cores: ["其他处理"],
    headingIf: ["t3.other.no_correction", "t3.other.no_fee", "t3.other.misc"],
  },
  {
    key: "t3.other.no_correction",
    ordinal: "1",
    full: "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
    cores: ["不补正"],
  },
  {
    key: "t3.other.no_fee",
    ordinal: "2",
    full: "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
    cores: ["缴纳费用", "收费通知"],
  },
  { key: "t3.other.misc", ordinal: "3", full: "其他", cores: [], needsOrdinal: true },
  { key: "t3.outcome_total", ordinal: "七", full: "总计", cores: [], needsOrdinal: true },
  { key: "t3.carry_forward", ordinal: "四", full: "结转下年度继续办理", cores: ["结转下年"] },
];

/** The rows under a group heading of table 三, in template order: "t3.denied" → t3.denied.state_secret … */
function listRowsUnder(group: string): string[] {
  return T3_ROWS.filter((row) => row.key.startsWith(`${group}.`) && !row.heading).map((row) => row.key);
}

/** （三）不予公开, （四）无法提供, （五）不予处理: their reason rows add up in rule 2 and in the metrics. */
export const DENIED_ROWS = listRowsUnder("t3.denied");
export const UNABLE_ROWS = listRowsUnder("t3.unable");
export const REJECTED_ROWS = listRowsUnder("t3.rejected");

/** Table 三's applicant columns, in printed order (7 numbers a row). */
export const T3_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"] as const;

export const T2_ROWS: readonly RowSpec[] = [
  { key: "t2.rules", ordinal: "", full: "规章", cores: ["规章"] },
  { key: "t2.normative", ordinal: "", full: "行政规范性文件", cores: ["规范性文件"] },
  { key: "t2.licence", ordinal: "", full: "行政许可", cores: ["行政许可"] },
  { key: "t2.other_services", ordinal: "", full: "其他对外管理服务事项", cores: ["对外管理服务"] },
  { key: "t2.penalty", ordinal: "", full: "行政处罚", cores: ["行政处罚"] },
  { key: "t2.enforcement", ordinal: "", full: "行政强制", cores: ["行政强制"] },
  { key: "t2.fees", ordinal: "", full: "行政事业性收费", cores: ["事业性收费"] },
  { key: "t2.procurement", ordinal: "", full: "政府集中采购", cores: ["集中采购"] },
];

/** Table 二's columns per row and template version, in printed order. */
export const T2_COLUMNS: Record<TemplateVersion, Record<string, readonly string[]>> = {
  "2021": {
    "t2.rules": ["issued", "repealed", "in_force"],
    "t2.normative": ["issued", "repealed", "in_force"],
    "t2.licence": ["decisions"],
    "t2.penalty": ["decisions"],
    "t2.enforcement": ["decisions"],
    "t2.fees": ["amount"],
  },
  "2019": {
    "t2.rules": ["made", "published", "total_public"],
    "t2.normative": ["made", "published", "total_public"],
    "t2.licence": ["items_prev", "items_change", "decisions"],
    "t2.other_services": ["items_prev", "items_change", "decisions"],
    "t2.penalty": ["items_prev", "items_change", "decisions"],
    "t2.enforcement": ["items_prev", "items_change", "decisions"],
    "t2.fees": ["items_prev", "items_change"],
    "t2.procurement": ["items", "amount"],
  },
};

/** Table 四: three groups of five, mapped by position (headers repeat and wrap; seed labels can be wrong). */
export const T4_GROUPS = ["review", "litigation_direct", "litigation_after_review"] as const;
export const T4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"] as const;

/** Cells holding amounts (decimals allowed, unit as printed) rather than counts. */
export const AMOUNT_CELLS: ReadonlySet<string> = new Set(["t2.fees.amount", "t2.procurement.amount"]);

/** Cells that may be negative (2019 本年增/减). */
export function mayBeNegative(id: string): boolean {
  return id.endsWith(".items_change");
}
