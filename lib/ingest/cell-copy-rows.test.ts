import { expect, test } from "vitest";
import {
  encodeCellCopyLines,
  formatCellCopyRows,
  parseCellCopyLines,
  parseCellCopyRows,
  prefixCellCopyRows,
  writeCellCopyLines,
} from "@/lib/ingest/cell-copy-rows";
import { encodeDocumentCopyFields } from "@/lib/ingest/document-copy-row";
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

test("parsing the lines gives the cells back, sorted; prefixing them", () => {
  const rows = formatCellCopyRows(cells);
  expect(parseCellCopyRows(rows)).toEqual([cells[1], cells[2], cells[0]]);
  expect(prefixCellCopyRows("7\tt\n19\tf\n", "42\t")).toBe("42\t7\tt\n42\t19\tf\n");
  expect(prefixCellCopyRows("", "42\t")).toBe("");
});

test("encoded lines carry a zero report id, written over with the report's id when copied", () => {
  const tricky: PreparedCell[] = [
    ...cells,
    { cellNo: 40, value: "0", rawText: "0000000000", inferred: false, unit: "0000000000\t" },
  ];
  const lines = encodeCellCopyLines(tricky);
  expect(lines.count).toBe(4);
  const text = new TextDecoder().decode(lines.bytes);
  expect(text).toBe(prefixCellCopyRows(formatCellCopyRows(tricky), "0000000000\t"));
  expect(parseCellCopyLines(lines)).toEqual([cells[1], cells[2], cells[0], tricky[3]]);

  const target = new Uint8Array(3 + lines.bytes.byteLength + 2).fill(0x2a);
  expect(writeCellCopyLines(target, 3, lines, 2_147_483_647)).toBe(3 + lines.bytes.byteLength);
  expect(new TextDecoder().decode(target)).toBe(
    `***${prefixCellCopyRows(formatCellCopyRows(tricky), "2147483647\t")}**`,
  );
  writeCellCopyLines(target, 3, lines, 42);
  expect(new TextDecoder().decode(target.subarray(3, -2))).toBe(
    prefixCellCopyRows(formatCellCopyRows(tricky), "0000000042\t"),
  );
  expect(() => writeCellCopyLines(target, 3, lines, 2_147_483_648)).toThrow();
  expect(() => writeCellCopyLines(target, 3, lines, -1)).toThrow();
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
    const { copyLines, ...rest } = unpacked;
    expect(rest).toEqual({ ...document, cells: sorted });
    expect(copyLines!.document).toEqual(encodeDocumentCopyFields(document));
    expect(copyLines!.cells).toEqual(encodeCellCopyLines(document.cells));
  }
});

test("a document's COPY fields: every column but the agency's, escaped, the bytes in hex", () => {
  const [document] = generateSyntheticDocuments({ reports: 1, years: { from: 2019, to: 2019 }, seed: 3 });
  const named = { ...document!, fileName: "a\tb\\c.txt", bytes: new Uint8Array([0, 0xff, 0x10]) };
  const fields = new TextDecoder().decode(encodeDocumentCopyFields(named)).split("\t");
  expect(fields).toHaveLength(16);
  expect(fields[0]).toBe(named.sha256);
  expect(fields[1]).toBe("a\\tb\\\\c.txt");
  expect(fields[4]).toBe("\\\\x00ff10");
  expect(fields[9]).toBe(String(named.year));
  expect(JSON.parse(fields[13]!)).toEqual(named.reading);
  expect(fields[15]).toBe("\\N\n");
});
