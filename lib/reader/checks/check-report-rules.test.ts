// Each 勾稽 rule against tables written out by hand (their sums checked by hand, not by the reader's rules, so a
// wrong rule cannot pass on both sides): the consistent tables give no finding; each hand-made break gives exactly
// the findings worked out by hand beside it.
import { describe, expect, it } from "vitest";
import { listCellIds } from "@/lib/reader/template/cell-catalogue";
import type { TemplateVersion } from "@/lib/reader/types";
import { checkReportRules } from "./check-report-rules";

const APPLICANTS = ["natural", "commercial", "research", "social", "legal", "other", "total"];

/** 2021 表三, by hand. Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. */
const TABLE_THREE: Record<string, number[]> = {
  "t3.new": [11, 2, 0, 1, 0, 1, 15],
  "t3.carried": [2, 1, 0, 0, 0, 0, 3],
  "t3.granted": [4, 1, 0, 0, 0, 0, 5],
  "t3.partial": [1, 0, 0, 0, 0, 0, 1],
  "t3.denied.state_secret": [0, 0, 0, 0, 0, 0, 0],
  "t3.denied.law_forbidden": [0, 0, 0, 0, 0, 0, 0],
  "t3.denied.three_safety": [1, 0, 0, 0, 0, 0, 1],
  "t3.denied.third_party": [0, 0, 0, 0, 0, 0, 0],
  "t3.denied.internal_affairs": [0, 0, 0, 0, 0, 0, 0],
  "t3.denied.process_info": [1, 0, 0, 0, 0, 0, 1],
  "t3.denied.enforcement_file": [0, 0, 0, 0, 0, 0, 0],
  "t3.denied.query_matter": [0, 0, 0, 0, 0, 0, 0],
  "t3.unable.not_held": [2, 1, 0, 0, 0, 0, 3],
  "t3.unable.needs_creation": [0, 0, 0, 0, 0, 0, 0],
  "t3.unable.unclear": [1, 0, 0, 0, 0, 0, 1],
  "t3.rejected.petition": [0, 0, 0, 1, 0, 0, 1],
  "t3.rejected.duplicate": [1, 0, 0, 0, 0, 0, 1],
  "t3.rejected.publication": [0, 0, 0, 0, 0, 0, 0],
  "t3.rejected.mass_repeat": [0, 0, 0, 0, 0, 0, 0],
  "t3.rejected.confirm_info": [0, 0, 0, 0, 0, 0, 0],
  "t3.other.no_correction": [1, 0, 0, 0, 0, 0, 1],
  "t3.other.no_fee": [0, 0, 0, 0, 0, 0, 0],
  "t3.other.misc": [0, 1, 0, 0, 0, 1, 2],
  // （六） = its sub-rows: 1+0+0 | 0+0+1 | 0 | 0 | 0 | 0+0+1 | 1+0+2
  "t3.other": [1, 1, 0, 0, 0, 1, 3],
  // （七）: 自然人 4+1+1+1+2+1+1+1 = 12; 商业企业 1+1+1 = 3; 社会公益组织 1; 其他 1; 总计 5+1+1+1+3+1+1+1+3 = 17
  "t3.outcome_total": [12, 3, 0, 1, 0, 1, 17],
  // 一+二 = 三+四: 自然人 11+2 = 12+1; 商业企业 2+1 = 3+0; 社会公益组织 1 = 1; 其他 1 = 1; 总计 15+3 = 17+1
  "t3.carry_forward": [1, 0, 0, 0, 0, 0, 1],
};

/** 表四, by hand: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 per group. */
const TABLE_FOUR: Record<string, number[]> = {
  "t4.review": [1, 0, 1, 0, 2],
  "t4.litigation_direct": [0, 1, 0, 1, 2],
  "t4.litigation_after_review": [0, 0, 0, 0, 0],
};

function handWrittenReport(template: TemplateVersion): Map<string, number | null> {
  const values = new Map<string, number | null>();
  for (const id of listCellIds(template)) values.set(id, id.startsWith("t2.") ? 3 : null);
  for (const [row, numbers] of Object.entries(TABLE_THREE)) {
    if (template === "2019" && row.startsWith("t3.other.")) continue;
    numbers.forEach((value, index) => values.set(`${row}.${APPLICANTS[index]}`, value));
  }
  const t4Columns = ["upheld", "corrected", "other", "pending", "total"];
  for (const [group, numbers] of Object.entries(TABLE_FOUR))
    numbers.forEach((value, index) => values.set(`${group}.${t4Columns[index]}`, value));
  return values;
}

function findingsAfter(template: TemplateVersion, changes: Record<string, number>) {
  const values = handWrittenReport(template);
  for (const [id, value] of Object.entries(changes)) values.set(id, value);
  return checkReportRules(values, template)
    .map((finding) => ({ code: finding.code, kind: finding.kind, first: finding.cells[0] }))
    .sort((a, b) => `${a.code}${a.first}`.localeCompare(`${b.code}${b.first}`));
}

const inconsistent = (code: string, first: string) => ({ code, kind: "inconsistent", first });

describe("the 勾稽 rules on hand-written tables", () => {
  it.each<TemplateVersion>(["2021", "2019"])("find nothing in the consistent %s tables", (template) => {
    expect(findingsAfter(template, {})).toEqual([]);
  });

  it("rule 1: 本年新收 + 上年结转 ≠ 办理结果总计 + 结转下年度, in 自然人 and 总计", () => {
    // 结转下年度 自然人 1 → 2 (and its row total 1 → 2): 11 + 2 = 13 ≠ 12 + 2; 15 + 3 = 18 ≠ 17 + 2.
    expect(findingsAfter("2021", { "t3.carry_forward.natural": 2, "t3.carry_forward.total": 2 })).toEqual([
      inconsistent("RULE_BALANCE", "t3.new.natural"),
      inconsistent("RULE_BALANCE", "t3.new.total"),
    ]);
  });

  it("rule 2: （七）总计 ≠ the sum of the outcome rows", () => {
    // 予以公开 自然人 4 → 5 (row total 5 → 6): the outcome rows now sum to 13 and 18, （七） still prints 12 and 17.
    expect(findingsAfter("2021", { "t3.granted.natural": 5, "t3.granted.total": 6 })).toEqual([
      inconsistent("RULE_OUTCOME_SUM", "t3.outcome_total.natural"),
      inconsistent("RULE_OUTCOME_SUM", "t3.outcome_total.total"),
    ]);
  });

  it("rule 2 (2021): （六） ≠ the sum of its three sub-rows", () => {
    // 3.其他 自然人 0 → 1 (row total 2 → 3): the sub-rows sum to 2 and 4 against （六）'s printed 1 and 3.
    expect(findingsAfter("2021", { "t3.other.misc.natural": 1, "t3.other.misc.total": 3 })).toEqual([
      inconsistent("RULE_OUTCOME_SUM", "t3.other.natural"),
      inconsistent("RULE_OUTCOME_SUM", "t3.other.total"),
    ]);
  });

  it("rule 3: a row's 总计 ≠ the sum of its applicants", () => {
    // 部分公开 总计 1 → 2: the row's applicants sum to 1; the 总计 column's outcome rows now sum to 18 ≠ 17.
    expect(findingsAfter("2021", { "t3.partial.total": 2 })).toEqual([
      inconsistent("RULE_OUTCOME_SUM", "t3.outcome_total.total"),
      inconsistent("RULE_ROW_TOTAL", "t3.partial.total"),
    ]);
  });

  it("rule 4: a 表四 group's 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结", () => {
    expect(findingsAfter("2021", { "t4.litigation_direct.total": 3 })).toEqual([
      inconsistent("RULE_T4_TOTAL", "t4.litigation_direct.total"),
    ]);
  });

  it("rule 5: a negative or fractional count, but not a 2019 本年增/减 or an amount", () => {
    expect(findingsAfter("2021", { "t2.rules.issued": -1, "t2.licence.decisions": 1.5 })).toEqual([
      inconsistent("RULE_NEGATIVE", "t2.licence.decisions"),
      inconsistent("RULE_NEGATIVE", "t2.rules.issued"),
    ]);
    expect(findingsAfter("2021", { "t2.fees.amount": 12.35 })).toEqual([]);
    expect(
      findingsAfter("2019", { "t2.licence.items_change": -4, "t2.procurement.amount": 59237.2449 }),
    ).toEqual([]);
  });

  it("leave a sum with a blank cell unchecked: a blank is not a zero", () => {
    const values = handWrittenReport("2021");
    values.set("t3.partial.natural", null);
    values.set("t4.review.total", null);
    expect(checkReportRules(values, "2021")).toEqual([]);
  });
});
