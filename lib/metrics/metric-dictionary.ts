// The metric dictionary of spec/metrics.md: one definition per metric, as formulas over canonical cell ids.
// The read model (ReportMetrics) stores each metric's inputs in the columns named here — a count's value,
// a rate's numerator and denominator — so rankings, tooltips and the export all share these definitions.
import type { ReportMetrics } from "@/lib/generated/prisma/client";
import { DENIED_ROWS, REJECTED_ROWS, UNABLE_ROWS } from "@/lib/reader/template/row-catalogue";

/** Sum of `plus` minus sum of `minus`; null when any input cell is null (a metric is never guessed). */
export interface Formula {
  plus: readonly string[];
  minus?: readonly string[];
}

export type MetricColumn = Exclude<
  keyof ReportMetrics,
  "reportId" | "agencyId" | "year" | "agencyKind" | "regionCode" | "regionPath" | "template" | "updatedAt"
>;

interface MetricBase {
  id: string;
  label: string;
  /** The formula as spec/metrics.md writes it, for tooltips. */
  formulaText: string;
}

export interface CountMetric extends MetricBase {
  kind: "count";
  unit: "件" | "万元";
  value: Formula;
  column: MetricColumn;
}

export interface RateMetric extends MetricBase {
  kind: "rate";
  /** 100 for a percentage and for "per 100 processed" alike: the displayed number is scale × num / den. */
  scale: 100;
  unit: "%" | "件/百件";
  numerator: Formula;
  denominator: Formula;
  numeratorColumn: MetricColumn;
  denominatorColumn: MetricColumn;
}

export type MetricDefinition = CountMetric | RateMetric;

/** "disclosureRate" for the columns disclosureRateNum / disclosureRateDen. */
type RateColumnStem = { [K in MetricColumn]: K extends `${infer Stem}Num` ? Stem : never }[MetricColumn];

const total = (row: string) => `${row}.total`;
const DENIED = DENIED_ROWS.map(total);
const UNABLE = UNABLE_ROWS.map(total);
const REJECTED = REJECTED_ROWS.map(total);

const N = total("t3.new");
const C = total("t3.carried");
const T = total("t3.outcome_total");
const F = total("t3.carry_forward");
const G = total("t3.granted");
const P = total("t3.partial");
const RV = "t4.review";
const LD = "t4.litigation_direct";
const LR = "t4.litigation_after_review";

export const METRICS = [
  count("applications_new", "本年新收申请", "N", [N], "applicationsNew"),
  count("applications_total", "申请总量", "N + C", [N, C], "applicationsTotal"),
  count("processed", "办结量", "T", [T], "processed"),
  count("carried_forward", "结转下年度", "F", [F], "carriedForward"),
  rate("disclosure_rate", "公开率", "(G + P) / T", { plus: [G, P] }, { plus: [T] }, "disclosureRate"),
  rate(
    "substantive_disclosure_rate",
    "实质公开率",
    "(G + P) / (G + P + D)",
    { plus: [G, P] },
    { plus: [G, P, ...DENIED] },
    "substantiveDisclosureRate",
  ),
  rate("denial_rate", "不予公开率", "D / T", { plus: DENIED }, { plus: [T] }, "denialRate"),
  rate("unable_rate", "无法提供率", "U / T", { plus: UNABLE }, { plus: [T] }, "unableRate"),
  rate("rejection_rate", "不予处理率", "X / T", { plus: REJECTED }, { plus: [T] }, "rejectionRate"),
  rate("completion_rate", "办结率", "T / (N + C)", { plus: [T] }, { plus: [N, C] }, "completionRate"),
  rate(
    "natural_person_share",
    "自然人申请占比",
    "t3.new.natural / N",
    { plus: ["t3.new.natural"] },
    { plus: [N] },
    "naturalPersonShare",
  ),
  count("reviews", "行政复议", "RV.total", [`${RV}.total`], "reviews"),
  rate(
    "review_correction_rate",
    "复议纠错率",
    "RV.corrected / (RV.total − RV.pending)",
    { plus: [`${RV}.corrected`] },
    { plus: [`${RV}.total`], minus: [`${RV}.pending`] },
    "reviewCorrectionRate",
  ),
  count("lawsuits", "行政诉讼", "LD.total + LR.total", [`${LD}.total`, `${LR}.total`], "lawsuits"),
  rate(
    "litigation_correction_rate",
    "诉讼纠错率",
    "(LD.corrected + LR.corrected) / (LD.total + LR.total − LD.pending − LR.pending)",
    { plus: [`${LD}.corrected`, `${LR}.corrected`] },
    { plus: [`${LD}.total`, `${LR}.total`], minus: [`${LD}.pending`, `${LR}.pending`] },
    "litigationCorrectionRate",
  ),
  {
    ...rate(
      "remedy_rate_per_100",
      "复议诉讼发生率（每百件办结）",
      "100 × (RV.total + LD.total + LR.total) / T",
      { plus: [`${RV}.total`, `${LD}.total`, `${LR}.total`] },
      { plus: [T] },
      "remedyRatePer100",
    ),
    unit: "件/百件",
  },
  count("licences", "行政许可", "t2.licence.decisions", ["t2.licence.decisions"], "licences"),
  count("penalties", "行政处罚", "t2.penalty.decisions", ["t2.penalty.decisions"], "penalties"),
  count("enforcements", "行政强制", "t2.enforcement.decisions", ["t2.enforcement.decisions"], "enforcements"),
  {
    ...count(
      "fees_wan",
      "行政事业性收费（万元）",
      "t2.fees.amount（2021 模板）",
      ["t2.fees.amount"],
      "feesWan",
    ),
    unit: "万元",
  },
] as const satisfies readonly MetricDefinition[];

export type MetricId = (typeof METRICS)[number]["id"];

export function getMetric(id: MetricId): MetricDefinition {
  const metric = METRICS.find((candidate) => candidate.id === id);
  if (!metric) throw new Error(`Unknown metric ${id}`);
  return metric;
}

function count<const Id extends string>(
  id: Id,
  label: string,
  formulaText: string,
  cells: readonly string[],
  column: MetricColumn,
) {
  return { id, label, formulaText, kind: "count", unit: "件", value: { plus: cells }, column } as const;
}

function rate<const Id extends string>(
  id: Id,
  label: string,
  formulaText: string,
  numerator: Formula,
  denominator: Formula,
  columnStem: RateColumnStem,
) {
  return {
    id,
    label,
    formulaText,
    kind: "rate",
    scale: 100,
    unit: "%",
    numerator,
    denominator,
    numeratorColumn: `${columnStem}Num`,
    denominatorColumn: `${columnStem}Den`,
  } as const;
}
