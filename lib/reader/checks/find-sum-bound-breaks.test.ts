// Sums through blank cells, written out by hand: a side read in full that is smaller than what was read on the
// other side is flagged (every cell of the rule, as uncertain); a sum the blanks can still make hold is not, nor
// one with unknowns on both sides, nor one read in full (rules 1–4 check those).
import { describe, expect, it } from "vitest";
import { findSumBoundBreaks } from "./find-sum-bound-breaks";

const APPLICANTS = ["natural", "commercial", "research", "social", "legal", "other", "total"];

/** Table 三 rows by hand (null: printed blank), every other cell of the report unknown. */
function tableThree(rows: Record<string, (number | null)[]>): Map<string, number | null> {
  const values = new Map<string, number | null>();
  for (const [row, numbers] of Object.entries(rows))
    numbers.forEach((value, index) => values.set(`${row}.${APPLICANTS[index]}`, value));
  return values;
}

const rowCells = (row: string) => APPLICANTS.map((column) => `${row}.${column}`);

describe("findSumBoundBreaks", () => {
  it("a row total read smaller than a number printed in its row, blanks beside them: the row's cells", () => {
    // （一）予以公开: 自然人 12, 其他 blank…, 总计 9 — 12 > 9 whatever the blanks are.
    const values = tableThree({ "t3.granted": [12, null, null, null, null, null, 9] });
    const findings = findSumBoundBreaks({ values, template: "2021", unsure: new Set() });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: "SUM_BOUND_BROKEN",
      kind: "uncertain",
      severity: "warning",
      cells: ["t3.granted.total", ...rowCells("t3.granted").slice(0, 6)],
    });
    expect(findings[0]!.message).toContain("总计为 9");
    expect(findings[0]!.message).toContain("之和为 12");
  });

  it("parts adding up past their total (5 + 6 > 10), a blank among them", () => {
    const values = tableThree({ "t3.new": [5, 6, null, null, null, null, 10] });
    const findings = findSumBoundBreaks({ values, template: "2019", unsure: new Set() });
    expect(findings.map((finding) => finding.code)).toEqual(["SUM_BOUND_BROKEN"]);
  });

  it("a total larger than its parts with a blank among them: the blank can make it hold", () => {
    const values = tableThree({ "t3.new": [5, 4, null, null, null, null, 10] });
    expect(findSumBoundBreaks({ values, template: "2021", unsure: new Set() })).toEqual([]);
  });

  it("a total printed blank under parts read in full: the total side is unknown, its bound is the parts", () => {
    // 总计 blank, 自然人 … 其他 all read: the blank total can be anything ≥ 0 — no break in the row.
    const values = tableThree({ "t3.new": [5, 4, 0, 0, 0, 0, null] });
    expect(findSumBoundBreaks({ values, template: "2021", unsure: new Set() })).toEqual([]);
  });

  it("rule 1 through blanks: 办理结果总计 alone larger than 新收 + 结转 read in full", () => {
    // 自然人: 一 4 + 二 1 = 5, but （七）总计 read 7 with 四 结转下年度 blank: 7 > 5.
    const values = tableThree({
      "t3.new": [4, null, null, null, null, null, 4],
      "t3.carried": [1, null, null, null, null, null, 1],
      "t3.outcome_total": [7, null, null, null, null, null, 7],
      "t3.carry_forward": [null, null, null, null, null, null, null],
    });
    const findings = findSumBoundBreaks({ values, template: "2021", unsure: new Set() });
    const balance = findings.filter((finding) => finding.message.includes("不平衡"));
    expect(balance.map((finding) => finding.cells)).toEqual([
      ["t3.new.natural", "t3.carried.natural", "t3.outcome_total.natural", "t3.carry_forward.natural"],
      ["t3.new.total", "t3.carried.total", "t3.outcome_total.total", "t3.carry_forward.total"],
    ]);
  });

  it("表四: a group's total smaller than one of its results", () => {
    const values = new Map<string, number | null>([
      ["t4.review.upheld", 3],
      ["t4.review.corrected", null],
      ["t4.review.other", null],
      ["t4.review.pending", null],
      ["t4.review.total", 2],
    ]);
    const findings = findSumBoundBreaks({ values, template: "2021", unsure: new Set() });
    expect(findings.map((finding) => finding.cells)).toEqual([
      ["t4.review.total", "t4.review.upheld", "t4.review.corrected", "t4.review.other", "t4.review.pending"],
    ]);
  });

  it("a cell already in doubt proves nothing: read as unknown, on either side", () => {
    const values = tableThree({ "t3.granted": [12, null, null, null, null, null, 9] });
    expect(findSumBoundBreaks({ values, template: "2021", unsure: new Set(["t3.granted.natural"]) })).toEqual(
      [],
    );
    expect(findSumBoundBreaks({ values, template: "2021", unsure: new Set(["t3.granted.total"]) })).toEqual(
      [],
    );
  });

  it("a rule read in full is left to rules 1–4, even when broken", () => {
    const values = tableThree({ "t3.granted": [12, 0, 0, 0, 0, 0, 9] });
    expect(findSumBoundBreaks({ values, template: "2021", unsure: new Set() })).toEqual([]);
  });
});
