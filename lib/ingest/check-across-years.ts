// Rules 6–7 of spec/template.md between the same agency's consecutive years:
//   6. carried(y) = carry_forward(y−1), per applicant column of 表三;
//   7. (2021 template both years) in_force(y) = in_force(y−1) + issued(y) − repealed(y) for 规章 and
//      行政规范性文件 — a warning, since repeals of older documents make exceptions.
// The findings belong to the later year's report. (Kept here until the reader exports its own
// checkAcrossYears from lib/reader/checks; the call sites use this module only.)
import type { Finding, TemplateVersion } from "@/lib/reader/types";

export interface YearCells {
  year: number;
  template: TemplateVersion;
  cells: ReadonlyMap<string, number | null>;
}

const COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"] as const;
const IN_FORCE_ROWS = [
  ["t2.rules", "规章"],
  ["t2.normative", "行政规范性文件"],
] as const;

export function checkAcrossYears(prev: YearCells, cur: YearCells): Finding[] {
  if (prev.year !== cur.year - 1) return [];
  const findings: Finding[] = [];
  const carried = COLUMNS.filter((column) => {
    const now = cur.cells.get(`t3.carried.${column}`);
    const before = prev.cells.get(`t3.carry_forward.${column}`);
    return now != null && before != null && now !== before;
  });
  if (carried.length > 0) {
    const total = carried.includes("total") ? "total" : carried[0]!;
    findings.push({
      code: "RULE_CARRY_OVER",
      severity: "error",
      kind: "inconsistent",
      cells: carried.map((column) => `t3.carried.${column}`),
      message:
        `表三「二、上年结转」与 ${prev.year} 年度报告「四、结转下年度继续办理」不一致` +
        `（${total === "total" ? "总计" : total}：${cur.cells.get(`t3.carried.${total}`)} ≠ ${prev.cells.get(`t3.carry_forward.${total}`)}）。`,
    });
  }
  if (prev.template === "2021" && cur.template === "2021") {
    for (const [row, label] of IN_FORCE_ROWS) {
      const now = cur.cells.get(`${row}.in_force`);
      const before = prev.cells.get(`${row}.in_force`);
      const issued = cur.cells.get(`${row}.issued`);
      const repealed = cur.cells.get(`${row}.repealed`);
      if (now == null || before == null || issued == null || repealed == null) continue;
      const expected = before + issued - repealed;
      if (now === expected) continue;
      findings.push({
        code: "RULE_IN_FORCE",
        severity: "warning",
        kind: "inconsistent",
        cells: [`${row}.in_force`, `${row}.issued`, `${row}.repealed`],
        message: `${label}现行有效件数为 ${now}，而上年现行有效 ${before} 加本年制发 ${issued} 减本年废止 ${repealed} 为 ${expected}（废止往年文件时可能属正常）。`,
      });
    }
  }
  return findings;
}
