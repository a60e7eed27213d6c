// A report as the tests render it: the template's tables laid out the way agencies print them (merged
// group labels, spanning headers), plus title and prose — one model shared by the HTML, DOCX and PDF renderers.
import type { TemplateVersion } from "@/lib/reader/types";
import { buildTableTwo } from "@/lib/reader/testing/report-table-two";
import { buildTableThree, buildTableFour } from "@/lib/reader/testing/report-table-three";

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
