import { describe, expect, it } from "vitest";
import { buildCellRecord, listCellIds } from "./cell-catalogue";

describe("buildCellRecord", () => {
  it.each(["2019", "2021"] as const)(
    "gives every %s cell in catalogue order, its value or null, and nothing else",
    (template) => {
      const ids = listCellIds(template);
      const values = new Map<string, number | null>([
        [ids[0]!, 0],
        [ids[5]!, 12.5],
        [ids[9]!, null],
        [ids.at(-1)!, -3],
        ["t9.not.a.cell", 7],
      ]);
      const record = buildCellRecord(template, values);
      expect(Object.keys(record)).toEqual(ids);
      const expected = ids.map((id, index) =>
        index === 0 ? 0 : index === 5 ? 12.5 : index === ids.length - 1 ? -3 : null,
      );
      expect(Object.values(record)).toEqual(expected);
      // A fresh object each time: callers may change their copy.
      expect(buildCellRecord(template, values)).not.toBe(record);
    },
  );
});
