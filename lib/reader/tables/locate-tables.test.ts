import { describe, expect, it } from "vitest";
import { locateTables } from "./locate-tables";
import type { Item } from "./build-items";

function item(index: number, labelParts: string[], values = 0): Item {
  const cells = Array.from({ length: values }, () => ({ text: "0", value: 0, digits: false, unit: null }));
  return { labelParts, values: cells, leadBlanks: 0, trailBlanks: 0, fromLines: false, index };
}

describe("locateTables", () => {
  // locateTables normalises only the label parts that hold one of 收条主复问项 (each heading holds one): sound
  // only if NFKC never makes one of them out of another character (a Kangxi radical, a compatibility or
  // enclosed ideograph). Checked over every code point, so an ICU upgrade that changed it would fail here.
  it("no other character normalises to a heading's key character", () => {
    const keys = [..."收条主复问项"];
    const makers: string[] = [];
    for (let code = 0; code < 0x110000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (keys.includes(char)) continue;
      // normalizeLabel is NFKC with characters dropped, never added.
      const normal = char.normalize("NFKC");
      if (keys.some((key) => normal.includes(key))) makers.push(char);
    }
    expect(makers).toEqual([]);
  });

  it("finds headings printed with spaces, full-width marks and ordinals", () => {
    const items = [
      item(0, ["某某县人民政府2023年政府信息公开工作年度报告"]),
      item(1, ["二、 主动公开政府信息情况"]),
      item(2, ["规章"], 3),
      item(3, ["三、收到和处理政府信息公开申请情况"]),
      item(4, ["一、本年新收政府信息公开申请数量"], 7),
      item(5, ["四、政府信息公开行政复议、行政诉讼情况"]),
      item(6, [], 15),
      item(7, ["五、存在的主要问题及改进情况"]),
    ];
    expect(locateTables(items)).toEqual({ t2: [1, 3], t3: [3, 5], t4: [5, 7] });
    const spaced = items.map((entry) => ({
      ...entry,
      labelParts: entry.labelParts.map((part) => part.split("").join(" ")),
    }));
    expect(locateTables(spaced)).toEqual({ t2: [1, 3], t3: [3, 5], t4: [5, 7] });
  });
});
