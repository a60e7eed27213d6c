import { expect, test } from "vitest";
import {
  countCellRows,
  formatCellCopyRows,
  parseCellCopyRows,
  prefixCellCopyRows,
} from "@/lib/ingest/cell-copy-rows";
import type { PreparedCell } from "@/lib/ingest/prepare-document";
import { packPreparedDocument, unpackPreparedDocument } from "@/lib/ingest/prepare-in-thread";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";

const cells: PreparedCell[] = [
  { cellNo: 30, value: "12.5", rawText: "12.50", inferred: false, unit: "万元" },
  { cellNo: 7, value: null, rawText: "a\tb\\c\nd\re", inferred: true, unit: null },
  { cellNo: 19, value: "-3", rawText: "\\N", inferred: false, unit: "元" },
];

test("the cells' COPY lines are in cell-number order, escaped as COPY's text format", () => {
  expect(formatCellCopyRows(cells)).toBe(
    "7\tt\t\\N\ta\\tb\\\\c\\nd\\re\t\\N\n" + "19\tf\t-3\t\\\\N\t元\n" + "30\tf\t12.5\t12.50\t万元\n",
  );
});

test("parsing the lines gives the cells back, sorted; counting and prefixing them", () => {
  const rows = formatCellCopyRows(cells);
  expect(parseCellCopyRows(rows)).toEqual([cells[1], cells[2], cells[0]]);
  expect(countCellRows(rows)).toBe(3);
  expect(countCellRows("")).toBe(0);
  expect(prefixCellCopyRows("7\tt\n19\tf\n", "42\t")).toBe("42\t7\tt\n42\t19\tf\n");
  expect(prefixCellCopyRows("", "42\t")).toBe("");
});

test("a document packed in a reader thread unpacks to the same prepared document", () => {
  const documents = [
    ...generateSyntheticDocuments({ reports: 30, years: { from: 2019, to: 2025 }, seed: 7 }),
  ];
  for (const document of documents) {
    const packed = structuredClone(packPreparedDocument(document));
    expect(packed).not.toHaveProperty("bytes");
    expect(packed).not.toHaveProperty("cells");
    const unpacked = unpackPreparedDocument(packed, document.bytes);
    const sorted = [...document.cells].sort((a, b) => a.cellNo - b.cellNo);
    expect({ ...unpacked, cellRows: undefined }).toEqual({ ...document, cells: sorted, cellRows: undefined });
    expect(unpacked.cellRows).toBe(formatCellCopyRows(document.cells));
  }
});
