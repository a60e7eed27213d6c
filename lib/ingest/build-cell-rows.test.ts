import { expect, test } from "vitest";
import { buildCellRows } from "@/lib/ingest/build-cell-rows";

test("every cell becomes a row with its text, inferred flag and unit; null stays null", () => {
  const rows = buildCellRows({
    cells: { "t3.new.total": 17, "t3.partial.total": 0, "t2.fees.amount": 1.5, "t3.carried.total": null },
    rawText: { "t3.new.total": "１７", "t2.fees.amount": "1.5" },
    inferred: ["t3.partial.total"],
    units: { "t2.fees.amount": "万元" },
  });
  expect(rows).toEqual([
    { cellId: "t3.new.total", value: 17, rawText: "１７", inferred: false, unit: null },
    { cellId: "t3.partial.total", value: 0, rawText: null, inferred: true, unit: null },
    { cellId: "t2.fees.amount", value: 1.5, rawText: "1.5", inferred: false, unit: "万元" },
    { cellId: "t3.carried.total", value: null, rawText: null, inferred: false, unit: null },
  ]);
});

test("an id outside spec/cells.json is refused", () => {
  expect(() => buildCellRows({ cells: { "t3.new.totl": 1 }, rawText: {}, inferred: [], units: {} })).toThrow(
    /t3\.new\.totl/,
  );
});

test("a non-finite value is stored as not printed", () => {
  expect(
    buildCellRows({ cells: { "t3.new.total": Number.NaN }, rawText: {}, inferred: [], units: {} })[0]!.value,
  ).toBeNull();
});
