// 表三 and 表四 of a rendered test report: merged group labels over their sub-rows, nested headers.
import type { ReportTable, ReportToRender, TableCell } from "@/lib/reader/testing/report-document";
import { header, label, values } from "@/lib/reader/testing/report-cells";

export const APPLICANT_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"];

const OUTCOME_GROUPS: { label: string; row: string; subRows: [string, string][] }[] = [
  {
    label: "（三）不予公开",
    row: "t3.denied",
    subRows: [
      ["state_secret", "1.属于国家秘密"],
      ["law_forbidden", "2.其他法律行政法规禁止公开"],
      ["three_safety", "3.危及“三安全一稳定”"],
      ["third_party", "4.保护第三方合法权益"],
      ["internal_affairs", "5.属于三类内部事务信息"],
      ["process_info", "6.属于四类过程性信息"],
      ["enforcement_file", "7.属于行政执法案卷"],
      ["query_matter", "8.属于行政查询事项"],
    ],
  },
  {
    label: "（四）无法提供",
    row: "t3.unable",
    subRows: [
      ["not_held", "1.本机关不掌握相关政府信息"],
      ["needs_creation", "2.没有现成信息需要另行制作"],
      ["unclear", "3.补正后申请内容仍不明确"],
    ],
  },
  {
    label: "（五）不予处理",
    row: "t3.rejected",
    subRows: [
      ["petition", "1.信访举报投诉类申请"],
      ["duplicate", "2.重复申请"],
      ["publication", "3.要求提供公开出版物"],
      ["mass_repeat", "4.无正当理由大量反复申请"],
      ["confirm_info", "5.要求行政机关确认或重新出具已获取信息"],
    ],
  },
  {
    label: "（六）其他处理",
    row: "t3.other",
    subRows: [
      ["no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
      ["no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
      ["misc", "3.其他"],
    ],
  },
];

/** 表三: three label columns (group, item, sub-item) and seven applicant columns. */
export function buildTableThree(report: ReportToRender): ReportTable {
  const rowValues = (row: string) =>
    values(
      report,
      APPLICANT_COLUMNS.map((column) => `${row}.${column}`),
    );
  const printsOtherSubRows =
    report.template === "2021" &&
    OUTCOME_GROUPS[3]!.subRows.some(([key]) =>
      APPLICANT_COLUMNS.some((column) => report.cells[`t3.other.${key}.${column}`] != null),
    );
  const outcome: TableCell[][] = [
    [label("（一）予以公开", 2), ...rowValues("t3.granted")],
    [label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2), ...rowValues("t3.partial")],
  ];
  for (const group of OUTCOME_GROUPS) {
    if (group.row === "t3.other" && !printsOtherSubRows) {
      outcome.push([label(group.label, 2), ...rowValues("t3.other")]);
      continue;
    }
    group.subRows.forEach(([key, text], index) => {
      const lead = index === 0 ? [label(group.label, 1, group.subRows.length)] : [];
      outcome.push([...lead, label(text), ...rowValues(`${group.row}.${key}`)]);
    });
  }
  outcome.push([label("（七）总计", 2), ...rowValues("t3.outcome_total")]);
  outcome[0]!.unshift(label("三、本年度办理结果", 1, outcome.length));
  return {
    widths: [2, 2.4, 5.6, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3],
    rows: [
      [
        header("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
        header("申请人情况", 7),
      ],
      [header("自然人", 1, 2), header("法人或其他组织", 5), header("总计", 1, 2)],
      ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map((text) => header(text)),
      [label("一、本年新收政府信息公开申请数量", 3), ...rowValues("t3.new")],
      [label("二、上年结转政府信息公开申请数量", 3), ...rowValues("t3.carried")],
      ...outcome,
      [label("四、结转下年度继续办理", 3), ...rowValues("t3.carry_forward")],
    ],
  };
}

const T4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"];
const T4_HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/** 表四: nested headers (行政复议 | 行政诉讼 {未经复议直接起诉, 复议后起诉}) over one row of 15 numbers. */
export function buildTableFour(report: ReportToRender): ReportTable {
  const groups = ["t4.review", "t4.litigation_direct", "t4.litigation_after_review"];
  return {
    widths: Array.from({ length: 15 }, () => 1),
    rows: [
      [header("行政复议", 5), header("行政诉讼", 10)],
      [...T4_HEADS.map((text) => header(text, 1, 2)), header("未经复议直接起诉", 5), header("复议后起诉", 5)],
      [...T4_HEADS, ...T4_HEADS].map((text) => header(text)),
      values(
        report,
        groups.flatMap((group) => T4_COLUMNS.map((column) => `${group}.${column}`)),
      ),
    ],
  };
}
