import { describe, expect, it } from "vitest";
import { expandTableGrid, type SpannedCell } from "@/lib/reader/extract/expand-table-grid";

const c = (text: string, rowspan = 1, colspan = 1): SpannedCell => ({ text, rowspan, colspan });

describe("expandTableGrid", () => {
  it("puts each merged cell's text at its origin and null over the rest", () => {
    const grid = expandTableGrid([
      [c("head", 2, 2), c("申请人情况", 1, 2)],
      [c("自然人"), c("法人")],
      [c("三、本年度办理结果", 3), c("（三）不予公开", 2), c("1.国家秘密"), c("0")],
      [c("2.法律禁止"), c("1")],
      [c("（七）总计", 1, 2), c("5")],
    ]);
    expect(grid).toEqual([
      ["head", null, "申请人情况", null],
      [null, null, "自然人", "法人"],
      ["三、本年度办理结果", "（三）不予公开", "1.国家秘密", "0"],
      [null, null, "2.法律禁止", "1"],
      [null, "（七）总计", null, "5"],
    ]);
  });

  it("clips spans that run past the table and reads rowspan=0 as to the end", () => {
    expect(expandTableGrid([[c("a", 5), c("b")], [c("c")]])).toEqual([
      ["a", "b"],
      [null, "c"],
    ]);
    expect(expandTableGrid([[c("a", 0), c("b")], [c("c")], [c("d")]])).toEqual([
      ["a", "b"],
      [null, "c"],
      [null, "d"],
    ]);
  });

  it("keeps the first cell where bad markup makes spans overlap, and fills holes with empty cells", () => {
    expect(expandTableGrid([[c("a"), c("b", 2)], [c("c", 1, 3)], [c("x"), c("y"), c("z")]])).toEqual([
      ["a", "b"],
      ["c", null, null],
      ["x", "y", "z"],
    ]);
    expect(expandTableGrid([[c("a"), c("b"), c("c", 2)], [c("d")]])).toEqual([
      ["a", "b", "c"],
      ["d", "", null],
    ]);
  });

  it("survives absurd spans", () => {
    const grid = expandTableGrid([[c("a", 1, 1e9), c("b", Number.NaN, -3)]]);
    expect(grid[0]!.length).toBeLessThanOrEqual(101);
  });
});
