// The supervision brief as a plain document — headings, sentences from fixed templates, tables of strings —
// built once from the numbers of getSupervisionBrief, so the printable page and the DOCX print the same words
// and the same figures. Pure: no database, no framework. Every number comes from the brief; nothing here
// computes a figure other than a difference or a rate of numbers it was given (with MIN_RATE_N).
//   const document = buildBriefDocument(brief, { generatedAt: new Date() });
import {
  TABLE_FOUR_ROWS,
  TABLE_THREE_COLUMNS,
  TABLE_THREE_ROWS,
  TABLE_TWO_ROWS,
} from "@/components/agency/template-rows";
import {
  formatChange,
  formatMetricValue,
  formatN,
  formatValue,
  NO_VALUE,
} from "@/components/ui/format-number";
import { getMetric, METRICS, type MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { describeRollUpCheck, describeRollUpMismatch } from "@/lib/queries/describe-roll-up";
import type { SupervisionBrief } from "@/lib/queries/get-supervision-brief";
import { toMetricValue } from "@/lib/queries/metric-sql";
import { FINDING_CODES } from "@/lib/reader/checks/finding-codes";
import { AMOUNT_CELLS } from "@/lib/reader/template/row-catalogue";

export interface BriefTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface BriefSection {
  heading: string;
  paragraphs: string[];
  tables: BriefTable[];
}

export interface BriefDocument {
  title: string;
  /** Data date, filters, when it was generated: printed under the title. */
  facts: string[];
  sections: BriefSection[];
}

const APPLICATIONS = getMetric("applications_new");
const DISCLOSURE = getMetric("disclosure_rate");
const DATE = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatBriefDate(date: Date): string {
  return DATE.format(date);
}

export function buildBriefDocument(brief: SupervisionBrief, options: { generatedAt: Date }): BriefDocument {
  const place = brief.region?.name ?? "全国";
  return {
    title: `${place}${brief.year}年政府信息公开工作年度报告督查简报`,
    facts: [
      `数据截至：${brief.dataDate ? formatBriefDate(brief.dataDate) : "（所选范围内尚无报告）"}`,
      `范围：${place}（含下辖各级），${brief.year} 年度；机关类型：${brief.kinds && brief.kinds.length > 0 ? brief.kinds.join("、") : "全部"}`,
      `比率在分母 n 少于 ${brief.minN} 时不计算；较上年只比较两年均报送的机关。`,
      `生成时间：${formatBriefDate(options.generatedAt)}；所有数字由系统按数据库中的当前版本报告（含人工更正）计算。`,
    ],
    sections: [
      overviewSection(brief, place),
      metricsSection(brief),
      childrenSection(brief),
      tablesSection(brief),
      findingsSection(brief),
      missingSection(brief),
    ],
  };
}

function overviewSection(brief: SupervisionBrief, place: string): BriefSection {
  const { summary, breakdown } = brief;
  const values = summary.values;
  const paragraphs = [
    `${place}${brief.year}年共有 ${count(summary.reports)} 份政府信息公开工作年度报告入库（上年 ${count(summary.previousReports)} 份）。`,
  ];
  if (breakdown.coverage.expected > 0)
    paragraphs.push(
      `辖区内应报送年报的各级政府（乡镇街道、区县、市）共 ${count(breakdown.coverage.expected)} 个，已报送 ${count(breakdown.coverage.covered)} 个，未报送 ${count(breakdown.coverage.expected - breakdown.coverage.covered)} 个。`,
    );
  paragraphs.push(
    `本年新收政府信息公开申请 ${metricText(APPLICATIONS, values.applications_new)} 件，办结 ${metricText(getMetric("processed"), values.processed)} 件；公开率 ${rateText(DISCLOSURE, values.disclosure_rate, brief.minN)}；行政复议 ${metricText(getMetric("reviews"), values.reviews)} 件，行政诉讼 ${metricText(getMetric("lawsuits"), values.lawsuits)} 件。`,
  );
  return { heading: "一、总体情况", paragraphs, tables: [] };
}

function metricsSection(brief: SupervisionBrief): BriefSection {
  const { summary } = brief;
  return {
    heading: "二、主要指标与上年比较",
    paragraphs: [
      `较上年的变化只比较 ${brief.year - 1} 年和 ${brief.year} 年均报送的 ${count(summary.matchedAgencies)} 个机关。`,
    ],
    tables: [
      {
        title: "主要指标",
        columns: ["指标", `${brief.year}年`, "n", "同口径上年", "同口径本年", "变化"],
        rows: METRICS.map((metric) => {
          const current = summary.values[metric.id];
          const before = summary.matchedPrevious[metric.id];
          const after = summary.matchedCurrent[metric.id];
          const change = before.value !== null && after.value !== null ? after.value - before.value : null;
          return [
            metric.label,
            formatMetricValue(metric, current.value),
            formatN(current.n),
            formatMetricValue(metric, before.value),
            formatMetricValue(metric, after.value),
            formatChange(metric, change),
          ];
        }),
      },
    ],
  };
}

function childrenSection(brief: SupervisionBrief): BriefSection {
  const { breakdown, minN } = brief;
  const rate = (totals: Parameters<typeof toMetricValue>[1]) => toMetricValue(DISCLOSURE, totals, minN);
  const children = [...breakdown.children].sort(
    (a, b) =>
      (b.totals.applicationsNew ?? -1) - (a.totals.applicationsNew ?? -1) ||
      a.name.localeCompare(b.name, "zh"),
  );
  const change = (current: number | null, previous: number | null) =>
    current !== null && previous !== null ? formatChange(APPLICATIONS, current - previous) : NO_VALUE;
  const tables: BriefTable[] = [];
  if (children.length > 0)
    tables.push({
      title: "下级地区（按本年新收申请排序）",
      columns: ["排名", "地区", "报告数", "已报送/应报送政府", "本年新收申请", "较上年", "公开率", "n"],
      rows: children.map((child, index) => {
        const disclosure = rate(child.totals);
        return [
          String(index + 1),
          child.name,
          count(child.reports),
          `${count(child.coverage.covered)} / ${count(child.coverage.expected)}`,
          formatMetricValue(APPLICATIONS, child.totals.applicationsNew),
          change(child.matchedCurrent.applicationsNew, child.matchedPrevious.applicationsNew),
          formatMetricValue(DISCLOSURE, disclosure.value),
          formatN(disclosure.n),
        ];
      }),
    });
  const agencies = [...breakdown.localAgencies].sort(
    (a, b) =>
      (b.totals.applicationsNew ?? -1) - (a.totals.applicationsNew ?? -1) ||
      a.name.localeCompare(b.name, "zh"),
  );
  if (agencies.length > 0)
    tables.push({
      title: "本级机关（按本年新收申请排序）",
      columns: ["排名", "机关", "类型", "本年新收申请", "较上年", "公开率", "n"],
      rows: agencies.map((agency, index) => {
        const disclosure = rate(agency.totals);
        return [
          String(index + 1),
          agency.name,
          agency.kind,
          formatMetricValue(APPLICATIONS, agency.totals.applicationsNew),
          change(agency.totals.applicationsNew, agency.previous?.applicationsNew ?? null),
          formatMetricValue(DISCLOSURE, disclosure.value),
          formatN(disclosure.n),
        ];
      }),
    });
  return {
    heading: "三、下级地区与本级机关排名",
    paragraphs: tables.length === 0 ? ["所选范围内没有下级地区或本级机关的报告。"] : [],
    tables,
  };
}

function tablesSection(brief: SupervisionBrief): BriefSection {
  const sums = new Map(brief.cells.map((cell) => [cell.cellId, cell]));
  const value = (cellId: string) =>
    formatValue(sums.get(cellId)?.sum ?? null, AMOUNT_CELLS.has(cellId) ? "amount" : "count");
  return {
    heading: "四、年报表格合计（表二至表四）",
    paragraphs: [
      `以下为所选范围内 ${count(brief.summary.reports)} 份当前版本报告逐格相加之和；“—”表示没有报告填写该项。`,
    ],
    tables: [
      {
        title: "表二 主动公开政府信息情况",
        columns: ["项目", "合计", "填写的报告数"],
        rows: TABLE_TWO_ROWS.map((row) => [
          row.label,
          value(row.cellId!),
          count(sums.get(row.cellId!)?.reports ?? 0),
        ]),
      },
      {
        title: "表三 收到和处理政府信息公开申请情况",
        columns: ["项目", ...TABLE_THREE_COLUMNS.map((column) => column.label)],
        // Group headings (三、本年度办理结果 …) stay as rows of their own, so numbered rows keep their context.
        rows: TABLE_THREE_ROWS.map((row) =>
          row.heading
            ? [row.label, ...TABLE_THREE_COLUMNS.map(() => "")]
            : [row.label, ...TABLE_THREE_COLUMNS.map((column) => value(`${row.key}.${column.key}`))],
        ),
      },
      {
        title: "表四 政府信息公开行政复议、行政诉讼情况",
        columns: ["项目", "合计", "填写的报告数"],
        rows: TABLE_FOUR_ROWS.map((row) => [
          row.label,
          value(row.cellId!),
          count(sums.get(row.cellId!)?.reports ?? 0),
        ]),
      },
    ],
  };
}

function findingsSection(brief: SupervisionBrief): BriefSection {
  const total = brief.findings.reduce((sum, row) => sum + row.findings, 0);
  const paragraphs = [
    total === 0
      ? "所选范围内的当前版本报告没有待处理的问题。"
      : `所选范围内的当前版本报告尚有 ${count(total)} 个待处理问题。`,
    brief.rollUp.length === 0
      ? "汇总核对：各区县、市政府的本级报告与下级合计一致，或无可核对的本级报告。"
      : `汇总核对：${brief.rollUp.length} 个区县、市政府的本级报告与下级合计不符或下级报告不全。`,
  ];
  const tables: BriefTable[] = [];
  if (brief.findings.length > 0)
    tables.push({
      title: "待处理问题（按代码）",
      columns: ["代码", "含义", "来源", "问题数", "涉及报告"],
      rows: brief.findings.map((row) => [
        row.code,
        FINDING_CODES[row.code]?.meaning.replace(/\s*\(rule \d+\)$/, "") ?? "",
        row.origin === "across_years" ? "跨年度核对" : "报告本身",
        count(row.findings),
        count(row.reports),
      ]),
    });
  for (const check of brief.rollUp) {
    paragraphs.push(`${check.government.name}：${describeRollUpCheck(check)}`);
    if (check.mismatches.length > 0)
      tables.push({
        title: `${check.government.name} 汇总核对不符的单元格`,
        columns: ["单元格", "本级报告", "下级合计", "差额", "说明"],
        rows: check.mismatches.map((row) => [
          `${row.tableNo === 3 ? "表三" : "表四"} ${row.label}`,
          formatValue(row.parentValue, "count"),
          formatValue(row.childrenSum, "count"),
          formatValue(row.parentValue - row.childrenSum, "count"),
          describeRollUpMismatch(row, check),
        ]),
      });
  }
  return { heading: "五、待处理问题与汇总核对", paragraphs, tables };
}

function missingSection(brief: SupervisionBrief): BriefSection {
  const { gaps } = brief;
  const paragraphs = [
    gaps.townsExpected === 0
      ? "所选范围内没有乡镇（街道）区划。"
      : `${count(gaps.townsExpected)} 个乡镇（街道）中，${count(gaps.townsTotal)} 个没有任何 ${brief.year} 年报告。`,
    `上年报送而本年未报送的机关 ${count(gaps.lapsedTotal)} 个。`,
  ];
  const named = (shown: number, total: number) =>
    total > shown ? `（列出前 ${shown} 个，共 ${total} 个）` : "";
  const tables: BriefTable[] = [];
  if (gaps.towns.length > 0)
    tables.push({
      title: `未报送的乡镇（街道）${named(gaps.towns.length, gaps.townsTotal)}`,
      columns: ["乡镇（街道）", "所属地区"],
      rows: gaps.towns.map((town) => [town.name, town.parentNames.join(" · ")]),
    });
  if (gaps.lapsed.length > 0)
    tables.push({
      title: `上年报送、本年未报送的机关${named(gaps.lapsed.length, gaps.lapsedTotal)}`,
      columns: ["机关", "类型", "所属地区"],
      rows: gaps.lapsed.map((agency) => [agency.name, agency.kind, agency.regionNames.join(" · ")]),
    });
  for (const check of brief.rollUp.filter((c) => c.missing.length > 0))
    paragraphs.push(
      `${check.government.name}的下级中未报送 ${brief.year} 年报告的：${check.missing.map((child) => child.name).join("、")}。`,
    );
  return { heading: "六、未报送情况", paragraphs, tables };
}

function count(value: number): string {
  return formatValue(value, "count");
}

function metricText(metric: MetricDefinition, value: { value: number | null }): string {
  return formatMetricValue(metric, value.value);
}

function rateText(
  metric: MetricDefinition,
  rate: { value: number | null; n: number | null },
  minN: number,
): string {
  if (rate.value === null) return rate.n === null ? "无法计算" : `不计算（${formatN(rate.n)}，少于 ${minN}）`;
  return `${formatMetricValue(metric, rate.value)}（${formatN(rate.n)}）`;
}
