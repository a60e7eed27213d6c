// A generated report as the rows a real report prints — title, prose, headings, header rows, labelled rows
// of numbers — before any text layout is applied (render-text-layouts.ts). Labels may be misspelt, spaced
// or half-width the way real reports print them; chosen cells may be printed blank.
import { T3_COLUMNS, T4_COLUMNS, T4_GROUPS, T2_COLUMNS } from "@/lib/reader/template/row-catalogue";
import { listTableThreeRows, OTHER_SUB_ROWS } from "@/lib/reader/checks/list-equations";
import { pick, type GeneratedReport, type Random } from "./generate-report";

export interface PrintedValue {
  id: string;
  /** As printed; "" for a blank cell. */
  text: string;
}

export interface PrintedRow {
  labels: string[];
  values: PrintedValue[];
  /** Prose or a heading: one line of running text. */
  prose?: boolean;
}

export interface PrintOptions {
  misspell: boolean;
  spaced: boolean;
  halfWidth: boolean;
  /** Cell ids printed blank. */
  blanks: ReadonlySet<string>;
}

const T2_LABELS: Record<string, string> = {
  "t2.rules": "规章",
  "t2.licence": "行政许可",
  "t2.other_services": "其他对外管理服务事项",
  "t2.penalty": "行政处罚",
  "t2.enforcement": "行政强制",
  "t2.fees": "行政事业性收费",
  "t2.procurement": "政府集中采购",
};
const T2_HEADERS: Record<string, string> = {
  issued: "本年制发件数",
  repealed: "本年废止件数",
  in_force: "现行有效件数",
  made: "本年新制作数量",
  published: "本年新公开数量",
  total_public: "对外公开总数量",
  items_prev: "上一年项目数量",
  items_change: "本年增/减",
  amount: "本年收费金额（单位：万元）",
  items: "采购项目数量",
};
const T2_GROUPS: [string, string[]][] = [
  ["第二十条第（一）项", ["t2.rules", "t2.normative"]],
  ["第二十条第（五）项", ["t2.licence", "t2.other_services"]],
  ["第二十条第（六）项", ["t2.penalty", "t2.enforcement"]],
  ["第二十条第（八）项", ["t2.fees"]],
  ["第二十条第（九）项", ["t2.procurement"]],
];
const T3_LABELS: Record<string, [string, string]> = {
  "t3.new": ["", "一、本年新收政府信息公开申请数量"],
  "t3.carried": ["", "二、上年结转政府信息公开申请数量"],
  "t3.granted": ["三、本年度办理结果", "（一）予以公开"],
  "t3.partial": ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
  "t3.denied.state_secret": ["（三）不予公开", "1.属于国家秘密"],
  "t3.denied.law_forbidden": ["", "2.其他法律行政法规禁止公开"],
  "t3.denied.three_safety": ["", "3.危及“三安全一稳定”"],
  "t3.denied.third_party": ["", "4.保护第三方合法权益"],
  "t3.denied.internal_affairs": ["", "5.属于三类内部事务信息"],
  "t3.denied.process_info": ["", "6.属于四类过程性信息"],
  "t3.denied.enforcement_file": ["", "7.属于行政执法案卷"],
  "t3.denied.query_matter": ["", "8.属于行政查询事项"],
  "t3.unable.not_held": ["（四）无法提供", "1.本机关不掌握相关政府信息"],
  "t3.unable.needs_creation": ["", "2.没有现成信息需要另行制作"],
  "t3.unable.unclear": ["", "3.补正后申请内容仍不明确"],
  "t3.rejected.petition": ["（五）不予处理", "1.信访举报投诉类申请"],
  "t3.rejected.duplicate": ["", "2.重复申请"],
  "t3.rejected.publication": ["", "3.要求提供公开出版物"],
  "t3.rejected.mass_repeat": ["", "4.无正当理由大量反复申请"],
  "t3.rejected.confirm_info": ["", "5.要求行政机关确认或重新出具已获取信息"],
  "t3.other": ["", "（六）其他处理"],
  "t3.other.no_correction": [
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  ],
  "t3.other.no_fee": ["", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
  "t3.other.misc": ["", "3.其他"],
  "t3.outcome_total": ["", "（七）总计"],
  "t3.carry_forward": ["", "四、结转下年度继续办理"],
};
const MISSPELLINGS: Record<string, string> = {
  "一、本年新收政府信息公开申请数量": "一、本年度新收政府信息公开申请数量",
  "二、上年结转政府信息公开申请数量": "二、上年度结转政府信息公开申请数量",
  "三、本年度办理结果": "三、上半年办理结果",
  "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
    "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
};

export function printReport(report: GeneratedReport, options: PrintOptions, random: Random): PrintedRow[] {
  const label = (text: string): string => styleLabel(text, options, random);
  const value = (id: string): PrintedValue => ({
    id,
    text: options.blanks.has(id) ? "" : formatNumber(report.cells[id] ?? 0),
  });
  const prose = (text: string): PrintedRow => ({ labels: [text], values: [], prose: true });
  const rows: PrintedRow[] = [
    prose(`${report.agency}${report.year}${pick(random, ["年度", "年"])}政府信息公开工作年度报告`),
    prose(`发布时间：${report.year + 1}-01-${10 + Math.floor(random() * 18)}`),
    prose("一、总体情况"),
    prose(
      `${report.year}年，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息${Math.floor(random() * 500)}条。`,
    ),
    prose("二、主动公开政府信息情况"),
  ];
  const columns = T2_COLUMNS[report.template];
  for (const [group, groupRows] of T2_GROUPS) {
    const printed = groupRows.filter((row) => columns[row]);
    const first = printed[0];
    if (!first) continue;
    rows.push({ labels: [label(group)], values: [] });
    rows.push({
      labels: ["信息内容", ...(columns[first] ?? []).map((column) => headerOf(column, report.template))],
      values: [],
    });
    for (const row of printed) {
      const name =
        row === "t2.normative"
          ? report.template === "2021"
            ? "行政规范性文件"
            : "规范性文件"
          : T2_LABELS[row];
      const header = report.template === "2019" && row === "t2.procurement" ? "采购总金额" : null;
      if (header) rows.at(-1)?.labels.splice(-1, 1, header);
      rows.push({
        labels: [label(name ?? row)],
        values: (columns[row] ?? []).map((column) => value(`${row}.${column}`)),
      });
    }
  }
  rows.push(prose("三、收到和处理政府信息公开申请情况"));
  rows.push({
    labels: ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
    values: [],
  });
  rows.push({ labels: ["自然人", "法人或其他组织", "总计"], values: [] });
  rows.push({ labels: ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], values: [] });
  const subRows = report.template === "2021" && !report.otherAsOneRow;
  for (const row of listTableThreeRows(report.template)) {
    if (row === "t3.other" && subRows) continue;
    if ((OTHER_SUB_ROWS as readonly string[]).includes(row) && !subRows) continue;
    const [group, name] = T3_LABELS[row] ?? ["", row];
    rows.push({
      labels: [group, name].filter((text) => text !== "").map(label),
      values: T3_COLUMNS.map((column) => value(`${row}.${column}`)),
    });
  }
  rows.push(prose("四、政府信息公开行政复议、行政诉讼情况"));
  rows.push({ labels: ["行政复议", "行政诉讼"], values: [] });
  rows.push({
    labels: ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
    values: [],
  });
  rows.push({
    labels: Array.from({ length: 2 }, () => ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]).flat(),
    values: [],
  });
  rows.push({
    labels: [],
    values: T4_GROUPS.flatMap((group) => T4_COLUMNS.map((column) => value(`t4.${group}.${column}`))),
  });
  rows.push(prose("五、存在的主要问题及改进情况"));
  rows.push(
    prose(`${report.year}年，我单位政府信息公开工作仍存在一些不足，将在${report.year + 1}年加以改进。`),
  );
  rows.push(prose("六、其他需要报告的事项"));
  rows.push(prose("本年度未收取信息处理费。"));
  return rows;
}

function headerOf(column: string, template: string): string {
  if (column === "decisions") return template === "2021" ? "本年处理决定数量" : "处理决定数量";
  return T2_HEADERS[column] ?? column;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}

function styleLabel(text: string, options: PrintOptions, random: Random): string {
  let styled = options.misspell && random() < 0.5 ? (MISSPELLINGS[text] ?? text) : text;
  if (options.halfWidth) styled = styled.replace(/（/g, "(").replace(/）/g, ")").replace(/，/g, ",");
  if (options.spaced && random() < 0.3)
    styled = [...styled]
      .map((char) => (random() < 0.2 ? `${char} ` : char))
      .join("")
      .trim();
  return styled;
}
