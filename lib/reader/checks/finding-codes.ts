// Every finding code the reader emits, with its kind and severity — the one place that documents them.
// Severity: error = staff must act before the figures can be trusted (a broken 勾稽 rule, a table or the year
// not found); warning = the reading of some cells may be wrong and should be checked against the original;
// info = we filled or derived something the report implies (a value the sums force), shown for transparency.
import type { FindingKind, Severity } from "@/lib/reader/types";

export const FINDING_CODES: Record<
  string,
  { kind: FindingKind; severity: readonly Severity[]; meaning: string }
> = {
  RULE_BALANCE: {
    kind: "inconsistent",
    severity: ["error"],
    meaning: "表三 第一项加第二项之和不等于第三项加第四项之和 (rule 1)",
  },
  RULE_OUTCOME_SUM: {
    kind: "inconsistent",
    severity: ["error"],
    meaning: "表三 （七）总计不等于各项办理结果之和 (rule 2)",
  },
  RULE_ROW_TOTAL: {
    kind: "inconsistent",
    severity: ["error"],
    meaning: "表三 一行的总计不等于各类申请人之和 (rule 3)",
  },
  RULE_T4_TOTAL: {
    kind: "inconsistent",
    severity: ["error"],
    meaning: "表四 总计不等于维持、纠正、其他、未审结之和 (rule 4)",
  },
  RULE_NEGATIVE: { kind: "inconsistent", severity: ["error"], meaning: "件数为负数或小数 (rule 5)" },
  RULE_CARRY_OVER: {
    kind: "inconsistent",
    severity: ["error"],
    meaning: "上年结转不等于上一年报告的结转下年度 (rule 6, checkAcrossYears)",
  },
  RULE_IN_FORCE: {
    kind: "inconsistent",
    severity: ["warning"],
    meaning: "现行有效件数与上年、制发、废止不符 (rule 7, checkAcrossYears)",
  },
  TABLE_MISSING: { kind: "uncertain", severity: ["error"], meaning: "未找到表二、表三或表四" },
  YEAR_MISSING: { kind: "uncertain", severity: ["error"], meaning: "未识别报告年度" },
  LABEL_UNMATCHED: {
    kind: "uncertain",
    severity: ["warning"],
    meaning: "模板中的一行未找到，或一行数字未能对应到任何行",
  },
  ROW_SHORT: {
    kind: "uncertain",
    severity: ["warning"],
    meaning: "一行少印数字（或数字间夹有文字），空缺位置或各数字所在的列无法确定",
  },
  ROW_LONG: { kind: "uncertain", severity: ["warning"], meaning: "一行印出的数字多于列数" },
  ROW_EMPTY: {
    kind: "uncertain",
    severity: ["warning", "info"],
    meaning: "一行未印任何数字（info：已按勾稽关系推定）",
  },
  CELL_BLANK: { kind: "uncertain", severity: ["warning"], meaning: "单元格空白，读为 null" },
  DIGITS_AMBIGUOUS: {
    kind: "uncertain",
    severity: ["warning"],
    meaning: "数字粘连：多种拆分都符合勾稽关系、没有拆分符合，或拆分后与表内其他勾稽关系不符",
  },
  DIGITS_WRAPPED: {
    kind: "uncertain",
    severity: ["warning"],
    meaning:
      "PDF 中数字在窄单元格内折成多行：已上下拼接读取，但勾稽关系无法确认拼接（如表二）；或表格无框线，" +
      "一行数字与相邻行的数字上下紧挨，无法确定是否为同一数字折行",
  },
  SUM_BOUND_BROKEN: {
    kind: "uncertain",
    severity: ["warning"],
    meaning:
      "PDF 中含空白单元格的勾稽关系：一边已全部读出，另一边已读出的数之和却更大（如某项大于其总计），空白无论是什么数都不能" +
      "相符，可能有数字读错位置；该关系涉及的单元格都标为待核对",
  },
  VALUE_INFERRED: { kind: "uncertain", severity: ["info"], meaning: "空白单元格按勾稽关系推定" },
  UNIT_UNKNOWN: { kind: "uncertain", severity: ["warning"], meaning: "金额未注明单位" },
  VALUE_OUT_OF_RANGE: {
    kind: "uncertain",
    severity: ["warning"],
    meaning: "读出的数字超出可存储范围（|值| ≥ 10¹⁶），按未读出保存，原文保留 (lib/ingest)",
  },
  AGENCY_UNRESOLVED: {
    kind: "uncertain",
    severity: ["warning"],
    meaning: "机关名称无法对应到行政区划 (region resolver)",
  },
};
