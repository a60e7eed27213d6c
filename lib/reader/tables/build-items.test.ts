// Tab rows of text are read straight from their cells (readTabCells), every other row through its tokens
// (readRowTokens). The same cells separated by pipes always take the tokens' way: both must give the same items.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TextRow } from "@/lib/reader/types";
import { buildItems } from "./build-items";
import { isNoiseLine } from "./is-noise-line";

/** Cells of every kind readTabCells tells apart or leaves to the tokens: counts, blank marks, units, labels with
 * and without digits, spaced and glued numbers, amounts, cells with spaces around them, Word's bookmark marker.
 * Noise (page numbers, site chrome) is told of the whole line, whose separators differ here: such lines are left
 * out (“-2” and “—” make the page number “-2\t—”). */
const CELLS = [
  "",
  " ",
  "0",
  "12",
  " 7 ",
  "123456789",
  "1234567890",
  "行政许可",
  "其他",
  "规章",
  "1.属于国家秘密",
  "（一）予以公开",
  "二、主动公开政府信息情况",
  "/",
  "—",
  "无",
  "元",
  "万元",
  "12万元",
  "3.5",
  "1,234",
  "零",
  "0 0 0",
  "行政许可 3 0 1",
  "行政许可3960181",
  "规章 0 0 0 行政规范性文件 1 2 3",
  "-2",
  "[bookmark: _GoBack]",
];

const line = fc.array(fc.constantFrom(...CELLS), { minLength: 1, maxLength: 9 });
const rowsOf = (lines: readonly (readonly string[])[], wrapDoubts: boolean[], separator: string): TextRow[] =>
  lines.map((cells, i) => {
    const row: TextRow = { cells: [separator + cells.join(separator)], source: "line" };
    if (wrapDoubts[i]) row.wrapDoubt = true;
    return row;
  });

describe("buildItems on tab rows", () => {
  it("gives the items the same cells give between pipes (read through their tokens)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(line, fc.constant(["12"]), fc.constant(["行政处罚"])), { maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        (drawn, wrapDoubts) => {
          const lines = drawn.filter(
            (cells) => !isNoiseLine(`\t${cells.join("\t")}`) && !isNoiseLine(`|${cells.join("|")}`),
          );
          const tabs = buildItems(rowsOf(lines, wrapDoubts, "\t"));
          const pipes = buildItems(rowsOf(lines, wrapDoubts, "|"));
          expect(tabs).toEqual(pipes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads a table row, a label alone, a count alone and two rows side by side", () => {
    const rows: TextRow[] = [
      "\t行政许可\t\t0\t12\t",
      "第二十条第（一）项\t",
      "\t5\t",
      "规章\t0\t行政处罚\t/\t3",
    ].map((text) => ({ cells: [text], source: "line" }));
    const items = buildItems(rows);
    expect(
      items.map((item) => [
        item.labelParts,
        item.values.map((value) => value.value),
        item.leadBlanks,
        item.trailBlanks,
      ]),
    ).toEqual([
      [["行政许可"], [0, 12], 1, 1],
      [["第二十条第（一）项"], [5], 0, 0],
      [["规章"], [0], 0, 0],
      [["行政处罚"], [null, 3], 0, 0],
    ]);
    expect(items[1]?.values[0]).toMatchObject({ text: "5", gap: 0, row: 2 });
  });
});
