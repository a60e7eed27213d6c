// 勾稽 rules 1–5 within one report. Each violation is reported with the cells involved and a message naming
// them in words; the printed numbers are never changed.
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { describeCell, describeRow } from "@/lib/reader/template/cell-catalogue";
import { AMOUNT_CELLS, mayBeNegative } from "@/lib/reader/template/row-catalogue";
import { listEquations, sumOf, type Equation } from "./list-equations";

const COLUMN_NAMES: Record<string, string> = {
  natural: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  social: "社会公益组织",
  legal: "法律服务机构",
  other: "其他",
  total: "总计",
};
const T4_GROUP_NAMES: Record<string, string> = {
  review: "行政复议",
  litigation_direct: "行政诉讼（未经复议直接起诉）",
  litigation_after_review: "行政诉讼（复议后起诉）",
};

/**
 * `unsure`: cells whose reading could not be settled (flagged uncertain already). A sum through them that does
 * not hold may be our misreading rather than the report's error, so it is not reported as the report's.
 */
export function checkReportRules(
  values: ReadonlyMap<string, number | null>,
  template: TemplateVersion,
  unsure: ReadonlySet<string> = new Set(),
): Finding[] {
  const findings: Finding[] = [];
  for (const equation of listEquations(template)) {
    if (unsure.size > 0 && [...equation.left, ...equation.right].some((id) => unsure.has(id))) continue;
    const left = sumOf(equation.left, values);
    const right = sumOf(equation.right, values);
    if (left === null || right === null || Math.abs(left - right) < 1e-9) continue;
    findings.push({
      code: equation.code,
      severity: "error",
      kind: "inconsistent",
      cells: [...equation.left, ...equation.right],
      message: describeViolation(equation, left, right, template),
    });
  }
  // forEach, not for…of: no [id, value] pair built per cell (a few hundred per report).
  values.forEach((value, id) => {
    if (value === null || unsure.has(id)) return;
    const negative = value < 0 && !mayBeNegative(id);
    const fractional = !Number.isInteger(value) && !AMOUNT_CELLS.has(id);
    if (!negative && !fractional) return;
    findings.push({
      code: "RULE_NEGATIVE",
      severity: "error",
      kind: "inconsistent",
      cells: [id],
      message: `${describeCell(id)} 为 ${value}：件数应为非负整数。`,
    });
  });
  return findings;
}

/** The broken rule in words, its two sides' sums given. */
export function describeViolation(
  equation: Equation,
  left: number,
  right: number,
  template: TemplateVersion,
): string {
  const first = equation.left[0] ?? "";
  const column = first.split(".").at(-1) ?? "";
  const rowKey = first.split(".").slice(0, -1).join(".");
  switch (equation.code) {
    case "RULE_BALANCE":
      return `表三「${COLUMN_NAMES[column]}」列不平衡：本年新收加上年结转为 ${left}，而办理结果总计加结转下年度继续办理为 ${right}。`;
    case "RULE_OUTCOME_SUM":
      if (rowKey === "t3.other")
        return `表三「${COLUMN_NAMES[column]}」列：（六）其他处理为 ${left}，而其三个子项之和为 ${right}。`;
      return `表三「${COLUMN_NAMES[column]}」列：（七）总计为 ${left}，而（一）至（六）各项办理结果之和为 ${right}。`;
    case "RULE_ROW_TOTAL":
      return `${describeRow(rowKey, template)}：总计为 ${left}，而自然人与各类法人或其他组织之和为 ${right}。`;
    case "RULE_T4_TOTAL":
      return `表四「${T4_GROUP_NAMES[first.split(".")[1] ?? ""]}」：总计为 ${left}，而结果维持、结果纠正、其他结果、尚未审结之和为 ${right}。`;
  }
}
