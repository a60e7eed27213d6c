import { expect, test } from "vitest";
import { prepareDocument } from "@/lib/ingest/prepare-document";
import { packPreparedDocument, prepareAndPackDocument } from "@/lib/ingest/prepare-in-thread";
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult, ReadSuccess } from "@/lib/reader/types";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";

// A reader thread writes the cells' lines straight from the reading (prepareAndPackDocument); the rows must
// be what packing prepareDocument's document gives, byte for byte, whatever the reading holds.
function expectSamePacking(reading: ReadResult, fileName = "report.txt"): void {
  const upload = { bytes: new TextEncoder().encode("bytes\u0000 of the file"), fileName, uploadedById: null };
  const sha256 = "ab".repeat(32);
  expect(prepareAndPackDocument(upload, reading, sha256)).toEqual(
    packPreparedDocument(prepareDocument(upload, reading, sha256)),
  );
}

async function readSynthetic(reports: number): Promise<ReadSuccess[]> {
  const readings: ReadSuccess[] = [];
  let index = 0;
  for (const document of generateSyntheticDocuments({ reports, years: { from: 2019, to: 2025 }, seed: 5 })) {
    const text = renderSyntheticText(document, index);
    const reading = await readReport(new TextEncoder().encode(text), `${index++}.txt`);
    if (!reading.ok) throw new Error(`a synthetic report not read: ${reading.error.message}`);
    readings.push(reading);
  }
  return readings;
}

test("the cells written straight from readings: the same packed document as prepareDocument's", async () => {
  const readings = await readSynthetic(12);
  expect(new Set(readings.map((reading) => reading.template))).toEqual(new Set(["2019", "2021"]));
  for (const reading of readings) expectSamePacking(reading);
});

test("the same packing for cells out of range, texts to clean or escape, inferred cells, any key order", async () => {
  const [reading] = await readSynthetic(1);
  const ids = Object.keys(reading!.cells);
  const [a, b, c, d, e, f] = ids as [string, string, string, string, string, string];
  const edited: ReadSuccess = {
    ...reading!,
    cells: { ...reading!.cells, [a]: 1e17, [b]: -2.5, [c]: null, [d]: Number.NaN, [e]: 12 },
    rawText: {
      ...reading!.rawText,
      [a]: "100000000000000000",
      [b]: "-2.50",
      [c]: "\u0000",
      [d]: "a\tb\\c\nd\u0000\ud800",
      [e]: "12",
      [f]: "１２",
    },
    units: { ...reading!.units, [a]: "万元", [b]: "元\u0000", [c]: "\udc00", [e]: null },
    inferred: [b, e],
    findings: [{ code: "X", severity: "info", kind: "uncertain", cells: [], message: "m\u0000" }],
  };
  expectSamePacking(edited, "名\u0000称\t.txt");
  // Keys out of catalogue order: the lines still sorted by cell number.
  const reversed: ReadSuccess = {
    ...edited,
    cells: Object.fromEntries(Object.entries(edited.cells).reverse()),
  };
  expectSamePacking(reversed);
  expect(prepareAndPackDocument({ bytes: new Uint8Array(1), fileName: "x" }, reversed, "0").copy).toEqual(
    prepareAndPackDocument({ bytes: new Uint8Array(1), fileName: "x" }, edited, "0").copy,
  );
  // A refusal: no cells.
  expectSamePacking({ ok: false, error: { code: "NOT_A_REPORT", message: "不是年报" }, mediaType: null });
});

test("a cell id outside the catalogue throws, as prepareDocument does", async () => {
  const [reading] = await readSynthetic(1);
  const invented: ReadSuccess = { ...reading!, cells: { ...reading!.cells, "t9.invented": 1 } };
  const upload = { bytes: new Uint8Array(1), fileName: "x.txt" };
  expect(() => prepareDocument(upload, invented, "0")).toThrow("t9.invented");
  expect(() => prepareAndPackDocument(upload, invented, "0")).toThrow("t9.invented");
});
