import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPlainCount, parseCellValue } from "./parse-cell-value";
import { isNoiseLine, stripArtefacts } from "./is-noise-line";
import { splitCell } from "./split-cell";

describe("parseCellValue", () => {
  it.each([
    ["0", 0],
    ["17", 17],
    ["１７", 17],
    ["1,234", 1234],
    ["59237.2449", 59237.2449],
    ["12.6万元", 12.6],
    ["-3", -3],
    [" 8 ", 8],
    ["零", 0],
    ["12件", 12],
    ["3 项", 3],
    ["7次", 7],
  ])("%s is the number %d", (text, value) => {
    const parsed = parseCellValue(text);
    expect(parsed.kind).toBe("number");
    if (parsed.kind === "number") expect(parsed.value).toBe(value);
  });

  it.each(["", "/", "—", "——", "-", "无", "空", " 无 ", "－"])("%j is a blank cell", (text) => {
    expect(parseCellValue(text).kind).toBe("blank");
  });

  it.each(["1.", "（一）", "2023年", "结果维持", "第二十条第（一）项", "1.属于国家秘密", "12件以上", "无2"])(
    "%s is text",
    (text) => {
      expect(parseCellValue(text).kind).toBe("text");
    },
  );
});

describe("isNoiseLine", () => {
  it.each(["-3-", "— 5 —", "- 1 -", "第 2 页", "3/5", "扫一扫在手机打开当前页", "【打印】 【关闭】"])(
    "%s is noise",
    (line) => {
      expect(isNoiseLine(line)).toBe(true);
    },
  );

  it.each([
    "0",
    "12",
    "-12",
    "规章",
    "2023年,聚贤镇认真贯彻落实《条例》,扫一扫等方式便民服务方面做了很多工作且效果显著得到群众一致好评继续努力争取更大进步取得更好成绩保持良好势头推动工作再上新台阶",
  ])("%s is not noise", (line) => {
    expect(isNoiseLine(line)).toBe(false);
  });

  it("strips Word bookmark markers", () => {
    expect(stripArtefacts("[bookmark: _GoBack]2023年，白市驿镇")).toBe("2023年，白市驿镇");
  });
});

describe("splitCell", () => {
  it("splits numbers printed after a label with spaces", () => {
    expect(splitCell("行政许可 396 0 181").map((token) => token.text)).toEqual([
      "行政许可",
      "396",
      "0",
      "181",
    ]);
  });

  it("splits digits glued to a label", () => {
    expect(splitCell("行政许可3960181").map((token) => token.kind)).toEqual(["text", "number"]);
  });

  it("keeps prose ending in a number and labels with ordinals whole", () => {
    expect(splitCell("1.属于国家秘密").map((token) => token.kind)).toEqual(["text"]);
    expect(splitCell("2024 年政府信息公开工作年度报告").map((token) => token.kind)).toEqual(["text"]);
  });
});

describe("isPlainCount", () => {
  // The hand-written test stands for /^\d{1,9}$/ on nearly every cell: the two must agree on any text.
  it("agrees with /^\\d{1,9}$/", () => {
    const digitsAndMore = fc.array(fc.constantFrom("0", "5", "9", "１", "٣", " ", "-", ".", "a", "年"), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          digitsAndMore.map((chars) => chars.join("")),
          fc.string({ maxLength: 12 }),
        ),
        (text) => {
          expect(isPlainCount(text)).toBe(/^\d{1,9}$/.test(text));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
