// 勾稽 rules 6–7 across two consecutive reports of the same agency, run by ingestion against the previous
// year: 6. carried(y) = carry_forward(y−1) per applicant column; 7. (2021 template, both years)
// in_force(y) = in_force(y−1) + issued(y) − repealed(y) for 规章 and 行政规范性文件 — a warning only, since
// repeals of older documents and re-counts make honest exceptions.
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { describeCell } from "@/lib/reader/template/cell-catalogue";
import { T3_COLUMNS } from "@/lib/reader/template/row-catalogue";

export interface YearCells {
  year: number;
  template: TemplateVersion;
  cells: Readonly<Record<string, number | null>>;
}

export function checkAcrossYears(previous: YearCells, current: YearCells): Finding[] {
  if (current.year !== previous.year + 1) return [];
  const findings: Finding[] = [];
  for (const column of T3_COLUMNS) {
    const carried = current.cells[`t3.carried.${column}`];
    const forward = previous.cells[`t3.carry_forward.${column}`];
    if (carried === null || carried === undefined || forward === null || forward === undefined) continue;
    if (carried === forward) continue;
    findings.push({
      code: "RULE_CARRY_OVER",
      severity: "error",
      kind: "inconsistent",
      cells: [`t3.carried.${column}`],
      message: `${describeCell(`t3.carried.${column}`)}：${current.year} 年报告为 ${carried}，而 ${previous.year} 年报告“结转下年度继续办理”为 ${forward}。`,
    });
  }
  if (current.template !== "2021" || previous.template !== "2021") return findings;
  for (const row of ["t2.rules", "t2.normative"]) {
    const before = previous.cells[`${row}.in_force`];
    const now = current.cells[`${row}.in_force`];
    const issued = current.cells[`${row}.issued`];
    const repealed = current.cells[`${row}.repealed`];
    if ([before, now, issued, repealed].some((value) => value === null || value === undefined)) continue;
    const expected = (before as number) + (issued as number) - (repealed as number);
    if (expected === now) continue;
    findings.push({
      code: "RULE_IN_FORCE",
      severity: "warning",
      kind: "inconsistent",
      cells: [`${row}.in_force`, `${row}.issued`, `${row}.repealed`],
      message: `${describeCell(`${row}.in_force`)}：${current.year} 年为 ${now}，按上年现行有效 ${before} 加本年制发 ${issued} 减本年废止 ${repealed} 应为 ${expected}（废止往年文件等情况可能导致差异，请核实）。`,
    });
  }
  return findings;
}
