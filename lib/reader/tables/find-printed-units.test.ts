import { describe, expect, it } from "vitest";
import type { Item } from "./build-items";
import { AMOUNT_HEADINGS, findPrintedUnits } from "./find-printed-units";
import { AMOUNT_HEADING_MARK } from "./read-table-two";

function item(index: number, labelParts: string[]): Item {
  return { labelParts, values: [], leadBlanks: 0, trailBlanks: 0, fromLines: false, index };
}

describe("findPrintedUnits", () => {
  // findPrintedUnit normalises only the label parts that hold 额: sound only if every amount heading needs it and
  // NFKC never makes it out of another character (a Kangxi radical, a compatibility ideograph). Checked over every
  // code point, so an ICU upgrade that changed it would fail here.
  it("every amount heading holds the mark, and no other character normalises to it", () => {
    for (const headings of Object.values(AMOUNT_HEADINGS))
      for (const pattern of Object.values(headings))
        for (const alternative of pattern.source.split("|"))
          expect(alternative).toContain(AMOUNT_HEADING_MARK);
    const makers: string[] = [];
    for (let code = 0; code < 0x110000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (char === AMOUNT_HEADING_MARK) continue;
      if (char.normalize("NFKC").includes(AMOUNT_HEADING_MARK)) makers.push(char);
    }
    expect(makers).toEqual([]);
  });

  it("reads the unit from the amount column's heading, printed half- or full-width", () => {
    const cells = { "t2.fees.amount": 12 };
    const read = (heading: string) =>
      findPrintedUnits(
        [item(0, ["规章"]), item(1, [heading]), item(2, ["行政事业性收费"])],
        [0, 3],
        "2021",
        new Map(),
        cells,
      ).units["t2.fees.amount"];
    expect(read("本年收费金额（单位：万元）")).toBe("万元");
    expect(read("本年收费金额(单位:元)")).toBe("元");
    // 金 printed as the Kangxi radical ⾦ (U+2FA6): NFKC folds it before the heading is matched.
    expect(read("本年收费\u2fa6额（单位：万元）")).toBe("万元");
    expect(read("本年收费总数（单位：万元）")).toBeNull();
  });
});
