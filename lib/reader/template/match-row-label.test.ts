import { describe, expect, it } from "vitest";
import { matchRowLabel, matchRowLabelParts } from "./match-row-label";
import { T2_ROWS, T3_ROWS } from "./row-catalogue";

describe("matchRowLabel — table 三 labels and their variants", () => {
  it.each([
    ["一、本年新收政府信息公开申请数量", "t3.new"],
    ["一、本年度新收政府信息公开申请数量", "t3.new"],
    ["二、上年度结转政府信息公开申请数量", "t3.carried"],
    ["(一)予以公开", "t3.granted"],
    ["（一） 予以公开", "t3.granted"],
    ["(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "t3.partial"],
    ["（二）部分公开", "t3.partial"],
    ["1.属于国家秘密", "t3.denied.state_secret"],
    ["2.其他法律行政止公开", "t3.denied.law_forbidden"],
    ['3.危及"三安全一稳定"', "t3.denied.three_safety"],
    ["4.无正当理由大量反复 申请", "t3.rejected.mass_repeat"],
    ["1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "t3.other.no_correction"],
    ["3.其他", "t3.other.misc"],
    ["（三）其他", "t3.other.misc"],
    ["七、总计", "t3.outcome_total"],
    ["（六）其他处理", "t3.other"],
    ["(七) 总计", "t3.outcome_total"],
    ["四、结转下年度继续办理", "t3.carry_forward"],
    ["三 、本 年 度办 理 结果", "t3.results.*"],
    ["三、上半年办理结果", "t3.results.*"],
  ])("%s → %s", (label, key) => {
    expect(matchRowLabel(label, T3_ROWS)?.spec.key).toBe(key);
  });

  it.each([
    "其他",
    "总计",
    "自然人",
    "申请人情况",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "公开",
  ])("does not take the header or fragment %s for a row", (label) => {
    const match = matchRowLabel(label, T3_ROWS);
    expect(match === null || match.spec.heading === true).toBe(true);
  });

  it("reads the row label after a group label printed in the same cell", () => {
    expect(matchRowLabelParts(["三、本年度办理结果 （一）予以公开"], T3_ROWS)?.spec.key).toBe("t3.granted");
    expect(matchRowLabelParts(["（三）不予公开", "1.属于国家秘密"], T3_ROWS)?.spec.key).toBe(
      "t3.denied.state_secret",
    );
    expect(matchRowLabelParts(["4.无正当理由大量反复", "申请"], T3_ROWS)?.spec.key).toBe(
      "t3.rejected.mass_repeat",
    );
  });
});

describe("matchRowLabel — table 二", () => {
  it.each([
    ["规章", "t2.rules"],
    ["行政规范性文件", "t2.normative"],
    ["规范性文件", "t2.normative"],
    ["行政 许可", "t2.licence"],
    ["其他对外管理服务事项", "t2.other_services"],
    ["行政事业性收费", "t2.fees"],
    ["政府集中采购", "t2.procurement"],
  ])("%s → %s", (label, key) => {
    expect(matchRowLabel(label, T2_ROWS)?.spec.key).toBe(key);
  });

  it("ignores prose that mentions a row name", () => {
    expect(
      matchRowLabel("2023年以来，我局主动公开各类信息共计14条，其中行政处罚3条，通知公告5条", T2_ROWS),
    ).toBeNull();
  });
});
