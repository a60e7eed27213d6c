import { expect, test } from "vitest";
import { encodeCellCopyLines } from "@/lib/ingest/cell-copy-rows";
import { collectCellValues, collectMetricInputs } from "@/lib/ingest/collect-metric-inputs";
import type { PreparedCell } from "@/lib/ingest/prepare-document";
import { METRIC_CELL_NOS, METRIC_WAN_CELL_NOS } from "@/lib/metrics/build-metrics-sql";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";

const [firstInput, secondInput] = METRIC_CELL_NOS as [number, number];
const wanInput = METRIC_WAN_CELL_NOS[0]!;

test("the inputs are the values and 万元 units of the metric cells, null where a report lacks one", () => {
  // Fields around them that COPY escapes (tabs, backslashes, line breaks), a unit with one, a cell not an input.
  const cells: PreparedCell[] = [
    { cellNo: firstInput, value: "12.5", rawText: "a\tb\\c\nd", inferred: true, unit: "x\ty" },
    { cellNo: wanInput, value: "-3.25", rawText: "\\N", inferred: false, unit: "元\\" },
    { cellNo: 999, value: "7", rawText: null, inferred: false, unit: null },
  ];
  const other: PreparedCell[] = [
    { cellNo: secondInput, value: null, rawText: "—", inferred: false, unit: null },
    { cellNo: wanInput, value: "100", rawText: null, inferred: false, unit: null },
  ];
  const fromLines = collectMetricInputs(
    [
      { cells: [], cellLines: encodeCellCopyLines(cells) },
      { cells: [], cellLines: encodeCellCopyLines(other) },
    ],
    [41, 42],
  );
  expect(fromLines.reportIds).toEqual([41, 42]);
  const column = (cellNo: number) => fromLines.values[METRIC_CELL_NOS.indexOf(cellNo)]!;
  expect(column(firstInput)).toEqual(["12.5", null]);
  expect(column(secondInput)).toEqual([null, null]);
  expect(column(wanInput)).toEqual(["-3.25", "100"]);
  expect(fromLines.units[0]).toEqual(["元\\", null]);
  expect(fromLines.values).toHaveLength(METRIC_CELL_NOS.length);
  expect(fromLines).toEqual(collectMetricInputs([{ cells }, { cells: other }], [41, 42]));
});

test("read from a document's COPY lines, the inputs equal those of its cells", () => {
  const documents = [
    ...generateSyntheticDocuments({ reports: 300, years: { from: 2019, to: 2025 }, seed: 19 }),
  ];
  const ids = documents.map((_, index) => 1000 + index);
  const fromLines = collectMetricInputs(
    documents.map((document) => ({ cells: [], cellLines: document.copyLines!.cells })),
    ids,
  );
  const fromCells = collectMetricInputs(
    documents.map((document) => ({ cells: document.cells })),
    ids,
  );
  expect(fromLines).toEqual(fromCells);
  // Fees in 元 and blank cells are among them.
  expect(fromLines.units.flat()).toContain("元");
  expect(fromLines.values.flat()).toContain(null);
});

test("the chosen cells' values, read from COPY lines, equal those of the cells; a cell not held is absent", () => {
  const cells: PreparedCell[] = [
    { cellNo: 3, value: "1.5", rawText: "a\tb\\c", inferred: true, unit: "x\ty" },
    { cellNo: 7, value: null, rawText: "—", inferred: false, unit: null },
    { cellNo: 12, value: "-0.00001", rawText: null, inferred: false, unit: null },
    { cellNo: 1200, value: "9", rawText: null, inferred: false, unit: null },
  ];
  const fromLines = collectCellValues([{ cells: [], cellLines: encodeCellCopyLines(cells) }], [7, 12, 3, 99]);
  expect(fromLines).toEqual([
    new Map<number, string | null>([
      [3, "1.5"],
      [7, null],
      [12, "-0.00001"],
    ]),
  ]);
  expect(fromLines).toEqual(collectCellValues([{ cells }], [7, 12, 3, 99]));
  const documents = [
    ...generateSyntheticDocuments({ reports: 100, years: { from: 2019, to: 2025 }, seed: 23 }),
  ];
  const wanted = [...new Set(documents.flatMap((d) => d.cells.map((c) => c.cellNo)))].filter(
    (_, index) => index % 5 === 0,
  );
  expect(
    collectCellValues(
      documents.map((document) => ({ cells: [], cellLines: document.copyLines!.cells })),
      wanted,
    ),
  ).toEqual(
    collectCellValues(
      documents.map((document) => ({ cells: document.cells })),
      wanted,
    ),
  );
});
