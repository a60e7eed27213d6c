import { describe, expect, it } from "vitest";
import type { TextRow } from "@/lib/reader/types";
import { T2_ROWS, T3_ROWS } from "@/lib/reader/template/row-catalogue";
import { buildItems } from "./build-items";
import { bandOf, findColumnBands } from "./find-column-bands";
import { fitRowValues } from "./fit-row-values";

/** A PDF text row from [text, left, right] cells (12 pt type). */
function row(...cells: [string, number, number][]): TextRow {
  return {
    cells: cells.map(([text]) => text),
    xs: cells.map(([, x]) => x),
    rights: cells.map(([, , right]) => right),
    fontSize: 12,
    source: cells.length > 1 ? "table" : "line",
  };
}

describe("findColumnBands", () => {
  it("takes the headings right of the row's label, one band per column", () => {
    const rows = [
      row(["第二十条第（九）项", 6, 114]),
      row(["信息内容", 6, 54], ["采购项目数量", 80, 152], ["采购总金额", 200, 260]),
      row(["政府集中采购", 6, 78], ["98", 80, 92]),
    ];
    expect(findColumnBands({ rows, at: 2, n: 2, specs: T2_ROWS })).toEqual([
      { left: 80, right: 152 },
      { left: 200, right: 260 },
    ]);
  });

  it("splits headings pdf.js gave as one item by their characters' widths", () => {
    // 7 + 7 CJK characters of 12 pt and one gap: 68–152 and 188–272.
    const rows = [row(["信息内容", 6, 54], ["本年新制作数量 本年新公开数量", 68, 272]), row(["规章", 6, 30])];
    expect(findColumnBands({ rows, at: 1, n: 2, specs: T2_ROWS })).toEqual([
      { left: 68, right: 152 },
      { left: 188, right: 272 },
    ]);
  });

  it("stacks a heading wrapped over lines into one column and skips a heading spanning several", () => {
    const rows = [
      row(["申请人情况", 300, 360]),
      row(["法人或其他组织", 330, 414]),
      row(["自然", 300, 324], ["商业", 330, 354], ["科研", 370, 394], ["总计", 420, 444]),
      row(["人", 300, 312], ["企业", 330, 354], ["机构", 370, 394]),
      row(["一、本年新收政府信息公开申请数量", 6, 198], ["5", 300, 306]),
    ];
    expect(findColumnBands({ rows, at: 4, n: 4, specs: T3_ROWS })).toEqual([
      { left: 300, right: 324 },
      { left: 330, right: 354 },
      { left: 370, right: 394 },
      { left: 420, right: 444 },
    ]);
  });

  it.each([
    ["fewer headings than columns", [row(["信息内容", 6, 54], ["采购项目数量", 80, 152])], 2],
    ["numbers above the headings (the table before)", [row(["规章", 6, 30], ["3", 80, 86])], 1],
  ])("finds none: %s", (_, rows, n) => {
    expect(
      findColumnBands({ rows: [...rows, row(["政府集中采购", 6, 78])], at: rows.length, n, specs: T2_ROWS }),
    ).toBeNull();
  });
});

describe("bandOf", () => {
  const bands = [
    { left: 80, right: 152 },
    { left: 200, right: 260 },
  ];
  it.each([
    ["under one heading", { left: 80, right: 92 }, 0],
    ["under the other", { left: 230, right: 242 }, 1],
    ["between the headings", { left: 160, right: 190 }, null],
    ["across both", { left: 140, right: 210 }, null],
  ])("%s", (_, extent, expected) => {
    expect(bandOf(extent, bands)).toBe(expected);
  });
});

describe("fitRowValues against column bands", () => {
  const bands = [
    { left: 80, right: 152 },
    { left: 200, right: 260 },
  ];
  const itemOf = (...cells: [string, number, number][]) =>
    buildItems([row(["政府集中采购", 6, 78], ...cells)])[0]!;

  it("places a short row's number in the column it is printed under, certain", () => {
    const fit = fitRowValues(itemOf(["98", 80, 92]), 2, bands);
    expect(fit.issue).toBeNull();
    expect(fit.options.map((option) => option.map((cell) => cell.value))).toEqual([[98, null]]);
  });

  it("lists every reading when a number sits between two headings (two digits may be two cells, too)", () => {
    const fit = fitRowValues(itemOf(["98", 160, 190]), 2, bands);
    expect(fit.issue).toBe("ROW_SHORT");
    expect(fit.options.map((option) => option.map((cell) => cell.value))).toEqual([
      [9, 8],
      [98, null],
      [null, 98],
    ]);
  });
});
