// A report as the tests render it: the template's tables laid out the way agencies print them (merged
// group labels, spanning headers), plus title and prose — one model shared by the HTML, DOCX and PDF renderers.
import type { TemplateVersion } from "@/lib/reader/types";

export interface ReportToRender {
  template: TemplateVersion;
  /** The agency name as printed in the title. */
  agency: string;
  year: number;
  /** Cell id → value; null or absent renders as an empty cell. */
  cells: Record<string, number | null>;
  /** Paragraphs of 一、总体情况 (optional). */
  prose?: string[];
}

export interface TableCell {
  text: string;
  role: "header" | "label" | "value";
  rowspan?: number;
  colspan?: number;
}

export interface ReportTable {
  /** Relative column widths (the PDF renderer scales them to the page). */
  widths: number[];
  rows: TableCell[][];
}

export type ReportBlock =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; table: ReportTable };

export function formatCellValue(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

export function buildReportDocument(report: ReportToRender): ReportBlock[] {
  const prose = report.prose ?? [
    `本报告根据《中华人民共和国政府信息公开条例》要求编制，数据统计期限自${report.year}年1月1日起至${report.year}年12月31日止。`,
  ];
  return [
    { kind: "title", text: `${report.agency}${report.year}年政府信息公开工作年度报告` },
    { kind: "heading", text: "一、总体情况" },
    ...prose.map((text) => ({ kind: "paragraph" as const, text })),
    { kind: "heading", text: "二、主动公开政府信息情况" },
    ...buildTableTwo(report).map((table) => ({ kind: "table" as const, table })),
    { kind: "heading", text: "三、收到和处理政府信息公开申请情况" },
    { kind: "table", table: buildTableThree(report) },
    { kind: "heading", text: "四、政府信息公开行政复议、行政诉讼情况" },
    { kind: "table", table: buildTableFour(report) },
    { kind: "heading", text: "五、存在的主要问题及改进情况" },
    { kind: "paragraph", text: "信息公开工作仍存在一些不足，下一步将持续改进。" },
    { kind: "heading", text: "六、其他需要报告的事项" },
    { kind: "paragraph", text: "本年度无其他需要报告的事项。" },
  ];
}

const header = (text: string, colspan = 1, rowspan = 1): TableCell => ({
  text,
  role: "header",
  colspan,
  rowspan,
});
const label = (text: string, colspan = 1, rowspan = 1): TableCell => ({
  text,
  role: "label",
  colspan,
  rowspan,
});

function values(report: ReportToRender, ids: string[], lastSpan = 1): TableCell[] {
  return ids.map((id, index) => ({
    text: formatCellValue(report.cells[id]),
    role: "value" as const,
    colspan: index === ids.length - 1 ? lastSpan : 1,
  }));
}

/** 表二: one small table per 第二十条 item, each with its own header row (as the template prints it). */
function buildTableTwo(report: ReportToRender): ReportTable[] {
  const v = (ids: string[], lastSpan = 1) => values(report, ids, lastSpan);
  const section = (title: string, heads: TableCell[], body: TableCell[][]): ReportTable => ({
    widths: [3, 2, 2, 2],
    rows: [[header(title, 4)], [header("信息内容"), ...heads], ...body],
  });
  if (report.template === "2021") {
    const decisions = header("本年处理决定数量", 3);
    return [
      section(
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"].map((text) => header(text)),
        [
          [label("规章"), ...v(["t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"])],
          [
            label("行政规范性文件"),
            ...v(["t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"]),
          ],
        ],
      ),
      section("第二十条第（五）项", [decisions], [[label("行政许可"), ...v(["t2.licence.decisions"], 3)]]),
      section(
        "第二十条第（六）项",
        [decisions],
        [
          [label("行政处罚"), ...v(["t2.penalty.decisions"], 3)],
          [label("行政强制"), ...v(["t2.enforcement.decisions"], 3)],
        ],
      ),
      section(
        "第二十条第（八）项",
        [header("本年收费金额（单位：万元）", 3)],
        [[label("行政事业性收费"), ...v(["t2.fees.amount"], 3)]],
      ),
    ];
  }
  const items = ["上一年项目数量", "本年增/减", "处理决定数量"].map((text) => header(text));
  const itemRow = (name: string, row: string) => [
    label(name),
    ...v([`${row}.items_prev`, `${row}.items_change`, `${row}.decisions`]),
  ];
  return [
    section(
      "第二十条第（一）项",
      ["本年新制作数量", "本年新公开数量", "对外公开总数量"].map((text) => header(text)),
      [
        [label("规章"), ...v(["t2.rules.made", "t2.rules.published", "t2.rules.total_public"])],
        [
          label("规范性文件"),
          ...v(["t2.normative.made", "t2.normative.published", "t2.normative.total_public"]),
        ],
      ],
    ),
    section("第二十条第（五）项", items, [
      itemRow("行政许可", "t2.licence"),
      itemRow("其他对外管理服务事项", "t2.other_services"),
    ]),
    section("第二十条第（六）项", items, [
      itemRow("行政处罚", "t2.penalty"),
      itemRow("行政强制", "t2.enforcement"),
    ]),
    section(
      "第二十条第（八）项",
      [header("上一年项目数量"), header("本年增/减", 2)],
      [[label("行政事业性收费"), ...v(["t2.fees.items_prev", "t2.fees.items_change"], 2)]],
    ),
    section(
      "第二十条第（九）项",
      [header("采购项目数量"), header("采购总金额", 2)],
      [[label("政府集中采购"), ...v(["t2.procurement.items", "t2.procurement.amount"], 2)]],
    ),
  ];
}

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
function buildTableThree(report: ReportToRender): ReportTable {
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
function buildTableFour(report: ReportToRender): ReportTable {
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
