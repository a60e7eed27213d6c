import { describe, expect, it } from "vitest";
import { groupPdfItems, type PdfItem } from "@/lib/reader/extract/group-pdf-items";

/** An item of `text` at (x, y) in a font of `size` points, one em wide per character. */
const item = (text: string, x: number, y: number, size = 10): PdfItem => ({
  text,
  x,
  y,
  width: text.length * size * (/^[\d.]+$/.test(text) ? 0.5 : 1),
  fontSize: size,
});
const numbers = (y: number, values: string[], size = 10, left = 300) =>
  values.map((value, index) => item(value, left + index * 30, y, size));
const cellsOf = (items: PdfItem[]) => groupPdfItems(items, 1).map((row) => row.cells);

describe("groupPdfItems", () => {
  it("builds rows by baseline (numbers in a larger font) and cells by gaps, top to bottom", () => {
    const rows = groupPdfItems(
      [...numbers(498.5, ["95", "0", "95"], 14), item("一、本年新收", 80, 500), item("标题", 200, 700, 18)],
      2,
    );
    expect(rows.map((row) => row.cells)).toEqual([["标题"], ["一、本年新收", "95", "0", "95"]]);
    expect(rows[1]).toMatchObject({ source: "table", page: 2, xs: [80, 300, 330, 360] });
    expect(rows[0]!.source).toBe("line");
  });

  it("joins items of one phrase, with a space only where the print leaves a gap", () => {
    expect(
      cellsOf([
        item("2024 年，", 100, 400),
        item("淮安市", 173, 400),
        item("5.", 100, 300),
        item("重复申请", 110, 300),
      ]),
    ).toEqual([["2024 年， 淮安市"], ["5.重复申请"]]);
  });

  it("joins a label wrapped around its vertically centred numbers", () => {
    const rows = [
      item("（二）部分公开（区分处理的，只计这一情", 100, 405, 9),
      ...numbers(398, ["9", "0", "9"], 12),
      item("形，不计其他情形）", 100, 392, 9),
      item("1.属于国家秘密", 180, 370, 9),
      ...numbers(370, ["0", "0", "0"], 12),
    ];
    expect(cellsOf(rows)).toEqual([
      ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "9", "0", "9"],
      ["1.属于国家秘密", "0", "0", "0"],
    ]);
  });

  it("joins a label's continuation below a labelled row, but never a group label of its own", () => {
    const rows = [
      item("1.申请人无正当理由逾期不补正、行政", 180, 500, 9),
      ...numbers(500, ["1", "0", "1"], 9, 400),
      item("机关不再处理其申请", 180, 490, 9),
      item("（六）其他处理", 100, 482, 9),
      item("2.其他", 180, 474, 9),
      ...numbers(474, ["0", "0", "0"], 9, 400),
    ];
    expect(cellsOf(rows)).toEqual([
      ["1.申请人无正当理由逾期不补正、行政机关不再处理其申请", "1", "0", "1"],
      ["（六）其他处理"],
      ["2.其他", "0", "0", "0"],
    ]);
  });

  it("joins group labels repeated beside a wrapped label, each into its own column", () => {
    const rows = [
      item("1.申请人无正当理由逾期不补正、", 180, 512, 9),
      item("三、本年度", 50, 506, 9),
      item("（六）其他处", 110, 506, 9),
      item("行政机关不再处理其", 180, 500, 9),
      ...numbers(500, ["1", "0", "1"], 9, 400),
      item("办理结果", 50, 494, 9),
      item("理", 110, 494, 9),
      item("申请", 180, 488, 9),
    ];
    expect(cellsOf(rows)).toEqual([
      [
        "三、本年度办理结果",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其申请",
        "1",
        "0",
        "1",
      ],
    ]);
  });

  describe("a number wrapped over lines in a narrow cell", () => {
    // Column x: 300, 330, 360; lines of a wrapped cell 11.5 apart (font 10), rows further apart.
    const rowsOf = (items: PdfItem[]) => groupPdfItems(items, 1);

    it("joins the lines above and below the row's own line, keeping that line as the unwrapped reading", () => {
      const rows = rowsOf([
        item("18", 360, 511.5),
        item("规章", 100, 500),
        ...numbers(500, ["0", "0", "44"]),
        item("1", 360, 488.5),
        item("行政规范性文件", 100, 470),
        ...numbers(470, ["0", "0", "5"]),
      ]);
      expect(rows.map((row) => row.cells)).toEqual([
        ["规章", "0", "0", "18441"],
        ["行政规范性文件", "0", "0", "5"],
      ]);
      expect(rows[0]!.unwrapped).toEqual([null, null, null, "44"]);
      expect(rows[1]!.unwrapped).toBeUndefined();
    });

    it("joins a top-aligned wrap, over several lines, in several cells, past a label's wrapped line", () => {
      const rows = rowsOf([
        item("1.属于国家秘", 100, 505.75),
        ...numbers(500, ["123", "9", "4"]),
        item("密", 100, 494.25),
        item("456", 300, 488.5),
        item("12", 360, 488.5),
        item("7", 300, 477),
      ]);
      expect(rows.map((row) => row.cells)).toEqual([["1.属于国家秘密", "1234567", "9", "412"]]);
      expect(rows[0]!.unwrapped).toEqual([null, "123", null, "4"]);
    });

    it("joins lines of digits that a group label further left is wrapped around", () => {
      const rows = rowsOf([
        item("三、本年度办理结", 20, 516.5),
        ...numbers(511.5, ["18", "", "18"]).filter((piece) => piece.text !== ""),
        item("果", 20, 506),
        item("（一）予以公开", 150, 500),
        ...numbers(500, ["90", "0", "90"]),
        ...numbers(488.5, ["2", "", "4"]).filter((piece) => piece.text !== ""),
      ]);
      expect(rows.at(-1)!.cells).toEqual(["（一）予以公开", "18902", "0", "18904"]);
      expect(rows.at(-1)!.unwrapped).toEqual([null, "90", null, "90"]);
    });

    it("joins digits wrapped onto the line the row's label wraps onto, leaving the label to its own join", () => {
      const rows = rowsOf([
        item("1.申请人无正当理由逾期不补正、行政机关不再处理其", 20, 500),
        ...numbers(500, ["14", "0", "14"]),
        item("政府信息公开申请", 20, 488.5),
        item("2", 300, 488.5),
        item("3", 360, 488.5),
      ]);
      expect(rows.map((row) => row.cells)).toEqual([
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "142", "0", "143"],
      ]);
      expect(rows[0]!.unwrapped).toEqual([null, "14", null, "14"]);
    });

    it("keeps the reading without a line that lies nearer the next row, and puts that row in doubt", () => {
      // 617 wrapped 6 / 1 / 7 about its row; the next row's 29 wrapped 2 / 9 about that row's baseline, its “2”
      // one line spacing under the “7” and half of one above the next row: as likely 6172 and 9 as 617 and 29.
      const rows = rowsOf([
        item("6", 360, 511.5),
        item("一、本年新收", 100, 500),
        ...numbers(500, ["5", "3"]),
        item("1", 360, 500),
        item("7", 360, 488.5),
        item("2", 360, 477),
        item("二、上年结转", 100, 471.25),
        ...numbers(471.25, ["1", "7"]),
        item("9", 360, 465.5),
      ]);
      expect(rows[0]!.cells).toEqual(["一、本年新收", "5", "3", "6172"]);
      expect(rows[0]!.unwrapped).toEqual([null, null, null, "1"]);
      expect(rows[0]!.unjoined).toEqual([null, null, null, "617"]);
      expect(rows[1]!.cells).toEqual(["二、上年结转", "1", "7"]);
      expect(rows[1]!.wrapDoubt).toBe(true);
      // A line one spacing under the number's last, the next row a spacing further: the number's own.
      const apart = rowsOf([
        item("6", 360, 511.5),
        item("一、本年新收", 100, 500),
        ...numbers(500, ["5", "3"]),
        item("1", 360, 500),
        item("7", 360, 488.5),
        item("2", 360, 477),
        item("二、上年结转", 100, 462),
        ...numbers(462, ["1", "7", "9"]),
      ]);
      expect(apart[0]!.cells).toEqual(["一、本年新收", "5", "3", "6172"]);
      expect(apart[0]!.unjoined).toBeUndefined();
    });

    it("keeps the reading without another row's line joined first to a bare line of digits", () => {
      // 193 and 201 wrapped over three lines about their row; over the “2” of 201, one spacing up, the second “1”
      // of the row above's 11 (wrapped about that row's middle, nearer it than 201's lines): first joined to the
      // bare line “1 2”, then with it to the row — 1201, whose reading without that line is 201.
      const rows = rowsOf([
        item("7.属于行政执法案卷", 200, 518.2, 10.5),
        ...numbers(516.9, ["1", "1"], 15, 385),
        item("4", 506, 516.9, 15),
        item("1", 506, 499.5, 15),
        item("8.属于行政查询事项", 200, 492, 10.5),
        ...numbers(490.8, ["9", "1"], 15, 360),
        item("1", 506, 482, 15),
        item("1", 360, 464.6, 15),
        item("2", 506, 464.6, 15),
        item("1.本机关不掌握相关政府信息", 200, 448.4, 10.5),
        item("9", 360, 447.1, 15),
        item("0", 506, 447.1, 15),
        item("3", 360, 429.7, 15),
        item("1", 506, 429.7, 15),
      ]);
      const row = rows.find((candidate) => candidate.cells[0] === "1.本机关不掌握相关政府信息")!;
      expect(row.cells).toEqual(["1.本机关不掌握相关政府信息", "193", "1201"]);
      expect(row.unjoined).toEqual([null, null, "201"]);
    });

    it("doubts a bare line of digits that took a label from above only, close to the next row's numbers", () => {
      // A row printed blank (its label, then nothing), and under it the “1” of the next row's 总计 14, wrapped
      // about that row's middle: the “1” takes the blank row's label as readily as it is the next row's.
      const rows = rowsOf([
        item("4.保护第三方合法权益", 200, 654),
        item("（三）不予", 130, 644),
        item("1", 506, 637),
        item("5.属于三类内部事务信息", 200, 629.5),
        ...numbers(628.5, ["9", "1", "2"], 10, 360),
        item("4", 506, 620),
      ]);
      expect(rows[0]!.cells).toEqual(["（三）不予", "4.保护第三方合法权益", "1"]);
      expect(rows[0]!.wrapDoubt).toBe(true);
      // Centred between its label's two lines, the numbers are that label's row, however close the next row.
      const centred = rowsOf([
        item("1.本机关不掌握", 200, 510),
        ...numbers(505, ["3", "4"], 10, 360),
        item("相关政府信息", 200, 500),
        item("2.没有现成信息", 200, 490),
        ...numbers(490, ["5", "6"], 10, 360),
      ]);
      expect(centred[0]!.cells).toEqual(["1.本机关不掌握相关政府信息", "3", "4"]);
      expect(centred[0]!.wrapDoubt).toBeUndefined();
    });

    it("joins a number wrapped about its row's middle, the row's other numbers on a line between its halves", () => {
      // Label and 142 / 143 on two lines each; the one-line numbers centred between them; gaps as printed.
      const rows = rowsOf([
        item("1.申请人无正当理由逾期不补正、行政机关不再处理其", 20, 506),
        item("14", 300, 505.75),
        item("14", 400, 505.75),
        ...numbers(500, ["1", "0", "0"], 10, 320),
        item("政府信息公开申请", 20, 494.5),
        item("2", 300, 494.25),
        item("3", 400, 494.25),
      ]);
      expect(rows.map((row) => row.cells)).toEqual([
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "142", "1", "0", "0", "143"],
      ]);
      expect(rows[0]!.unwrapped).toEqual([null, "14", null, null, null, "14"]);
    });

    it("joins digits under a number that pdf.js gave in one item with its neighbour's (“19 12”)", () => {
      const rows = rowsOf([
        item("行政许可", 100, 500),
        item("2", 300, 500),
        { ...item("19 12", 330, 500), width: 25 },
        item("57", 350, 488.5),
      ]);
      // Each number is a cell of its own, with its own position (placed against its column's heading).
      expect(rows.map((row) => row.cells)).toEqual([["行政许可", "2", "19", "1257"]]);
      expect(rows[0]!.unwrapped).toEqual([null, null, null, "12"]);
      expect(cellsOf([item("行政许可", 100, 500), { ...item("19 12", 330, 500), width: 25 }])).toEqual([
        ["行政许可", "19", "12"],
      ]);
    });

    it("joins digits under table 四's unlabelled numbers only when that line is the fuller one", () => {
      expect(cellsOf([...numbers(500, ["1", "2", "3"]), item("4", 330, 488.5)])).toEqual([["1", "24", "3"]]);
      // Two lines of numbers alike: two rows, never one.
      expect(cellsOf([...numbers(500, ["1", "2", "3"]), ...numbers(488.5, ["4", "5", "6"])])).toEqual([
        ["1", "2", "3"],
        ["4", "5", "6"],
      ]);
    });

    it("leaves rows of their own alone: labelled, too far, in another column or short of a number", () => {
      const cases: PdfItem[][] = [
        // A label of its own under the row: by its enumerator, or naming a row of the template.
        [
          item("1.属于国家秘密", 100, 500),
          ...numbers(500, ["0", "0", "4"]),
          item("2.其他法律行政法规禁止公开", 100, 488.5),
          ...numbers(488.5, ["1"], 10, 360),
        ],
        [
          item("规章", 100, 500),
          ...numbers(500, ["0", "0", "4"]),
          item("行政规范性文件", 100, 488.5),
          ...numbers(488.5, ["1"], 10, 360),
        ],
        // A row further than a wrapped line's distance.
        [item("规章", 100, 500), ...numbers(500, ["0", "0", "4"]), item("7", 360, 480)],
        // Digits in a column where the row prints nothing (its number wrapped about its baseline, or blank).
        [item("规章", 100, 500), ...numbers(500, ["0", "4"]), item("7", 360, 488.5)],
        // The next row of a dense table, its label wrapped around its numbers (blank cells not printed).
        [
          item("（一）予以公开", 100, 500),
          ...numbers(500, ["9", "0", "9"]),
          item("（二）部分公开（区分处理的，只计这一情", 100, 490),
          item("5", 330, 484),
          item("形，不计其他情形）", 100, 478),
        ],
      ];
      for (const items of cases) {
        const rows = rowsOf(items);
        expect(rows.length, JSON.stringify(rows.map((row) => row.cells))).toBe(2);
        expect(rows.every((row) => row.unwrapped === undefined)).toBe(true);
      }
    });
  });

  it("keeps vertical text as its own line at its middle", () => {
    const vertical = { ...item("三、本年度办理结果", 60, 520), vertical: { height: 90 } };
    const rows = [
      item("a", 180, 500),
      ...numbers(500, ["1"]),
      vertical,
      item("b", 180, 470),
      ...numbers(470, ["2"]),
    ];
    expect(cellsOf(rows)).toEqual([["a", "1"], ["三、本年度办理结果"], ["b", "2"]]);
  });
});
