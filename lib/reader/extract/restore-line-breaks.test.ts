import { describe, expect, it } from "vitest";
import { textToRows } from "@/lib/reader/testing/text-to-rows";
import { restoreLineBreaks } from "./restore-line-breaks";

const restored = (text: string) => restoreLineBreaks(textToRows(text)).map((row) => row.cells[0]);

describe("restoreLineBreaks", () => {
  it("leaves text with its line breaks as it is (the same rows)", () => {
    const rows = textToRows(
      "某镇2023年政府信息公开工作年度报告\n一、总体情况\n本年度共受理申请3件，其中予以公开2件，部分公开1件，不予公开0件，结转下年度0件。\n（一）予以公开 2 0 0 0 0 0 2",
    );
    expect(restoreLineBreaks(rows)).toBe(rows);
  });

  it("puts the breaks back at headings, sentence ends and row labels, setting a row's digits apart", () => {
    expect(
      restored(
        "某镇2023年政府信息公开工作年度报告发布时间：2024-01-20一、总体情况本镇认真落实条例。三、收到和处理政府信息公开申请情况" +
          "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开1000001五、存在的主要问题及改进情况无。",
      ),
    ).toEqual([
      "某镇2023年政府信息公开工作年度报告",
      "发布时间：2024-01-20",
      "一、总体情况",
      "本镇认真落实条例。",
      "三、收到和处理政府信息公开申请情况",
      "（三）不予公开",
      "1.属于国家秘密 0000000",
      "2.其他法律行政法规禁止公开 1000001",
      "五、存在的主要问题及改进情况",
      "无。",
    ]);
  });

  it("keeps 第二十条第（一）项 whole and a minus sign with its number", () => {
    expect(
      restored(
        "二、主动公开政府信息情况第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可5-30三、收到和处理政府信息公开申请情况",
      ),
    ).toEqual([
      "二、主动公开政府信息情况",
      "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量",
      "行政许可 5 -30",
      "三、收到和处理政府信息公开申请情况",
    ]);
  });
});
