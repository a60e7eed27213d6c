import { describe, expect, it } from "vitest";
import type { TextRow } from "@/lib/reader/types";
import { joinRowsAcrossPages } from "./join-rows-across-pages";

const row = (cells: (string | null)[], page: number): TextRow => ({
  cells,
  source: "table",
  xs: cells.map((_, index) => index * 50),
  page,
  ruled: true,
});
const line = (text: string, page: number): TextRow => ({ cells: [text], source: "line", page });

describe("joinRowsAcrossPages", () => {
  it.each<[string, (string | null)[], (string | null)[], (string | null)[] | "apart"]>([
    ["the rest of a wrapped total", ["二、上年结转", "8", "2"], ["", "", "8"], ["二、上年结转", "8", "28"]],
    [
      "the rest of a group label",
      ["（五）不予", "3.要求提供公开出版物", "2"],
      ["处理", "", ""],
      ["（五）不予处理", "3.要求提供公开出版物", "2"],
    ],
    [
      "a row label cut in a bracket, with its numbers",
      ["（二）部分公开（区分处", "9", "1"],
      ["理的）", "", "1"],
      ["（二）部分公开（区分处理的）", "9", "11"],
    ],
    [
      "a row label cut anywhere, with its numbers",
      ["5.要求行政机关确认或重", "10", "10"],
      ["新出具已获取信息", "62", "63"],
      ["5.要求行政机关确认或重新出具已获取信息", "1062", "1063"],
    ],
    [
      "a row under a group label merged down from above",
      [null, "（二）部分公开（区分处理的，只计这一情", "6", "6"],
      ["果", "形，不计其他情形）", "978", "978"],
      [null, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "6978", "6978"],
    ],
    [
      "a row label that names its row only with its rest, whose words alone look like that row",
      ["2.申请人逾期未按收费通", "19", "20"],
      ["知要求缴纳费用、行政机关不再处理其政府信息公开申请", "7", "0"],
      ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "197", "200"],
    ],
    [
      "a row label whose rest only resembles another row",
      ["1.申请人无正当理由逾期不补正、行政机关不再处", "1434", "1435"],
      ["理其政府信息公开申请", "8", "0"],
      ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "14348", "14350"],
    ],
    ["a row of its own", ["行政处罚", "5", ""], ["行政强制", "3", ""], "apart"],
    ["a numbered row", ["1.属于国家秘密", "0", "0"], ["2.其他法律行政法规禁止公开", "", "1"], "apart"],
    ["a header row repeated", ["一、本年新收", "1", "1"], ["", "自然人", "总计"], "apart"],
  ])("%s", (_case, upper, lower, expected) => {
    const rows = joinRowsAcrossPages([[line("表三", 1), row(upper, 1), line("- 3 -", 1)], [row(lower, 2)]]);
    const tableRows = rows
      .filter((candidate) => candidate.source === "table")
      .map((candidate) => candidate.cells);
    expect(tableRows).toEqual(expected === "apart" ? [upper, lower] : [expected]);
  });

  it("joins past the rest of the row's labels, wrapped below its numbers at the foot of the page", () => {
    const rows = joinRowsAcrossPages([
      [
        row(["三、本年", "（五）不予", "3.要求提供公开出版物", "2", "3"], 1),
        row(["度办理结", "处理"], 1),
        line("- 3 -", 1),
      ],
      [row(["果", "", "", "8", "3"], 2)],
    ]);
    expect(
      rows.filter((candidate) => candidate.source === "table").map((candidate) => candidate.cells),
    ).toEqual([["三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物", "28", "33"]]);
  });

  it("keeps the rest of the labels as its own row when a part of it sits under the numbers", () => {
    const rows = joinRowsAcrossPages([
      [
        row(["三、本年", "（五）不予", "3.要求提供公开出版物", "2", "3"], 1),
        row(["度办理结", "处理", "", "其他"], 1),
        line("- 3 -", 1),
      ],
      [row(["果", "", "", "8", "3"], 2)],
    ]);
    expect(
      rows.filter((candidate) => candidate.source === "table").map((candidate) => candidate.cells),
    ).toEqual([
      ["三、本年果", "（五）不予", "3.要求提供公开出版物", "28", "33"],
      ["度办理结", "处理", "", "其他"],
    ]);
  });

  it("keeps a page's first row when text stands between it and the previous page's table", () => {
    const rows = joinRowsAcrossPages([
      [row(["规章", "0", ""], 1), line("下一页为表三。", 1)],
      [row(["", "", "5"], 2)],
    ]);
    expect(rows.filter((candidate) => candidate.source === "table")).toHaveLength(2);
  });
});
