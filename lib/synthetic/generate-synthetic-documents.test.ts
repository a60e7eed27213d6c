import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import { encodeDocumentCopyFields } from "@/lib/ingest/document-copy-row";
import { getCellId } from "@/lib/ingest/cell-numbers";
import { checkAcrossYears } from "@/lib/reader/checks/check-across-years";
import { checkReportRules } from "@/lib/reader/checks/check-report-rules";
import { encodeCellCopyLines } from "@/lib/ingest/cell-copy-rows";
import { prepareDocument } from "@/lib/ingest/prepare-document";
import {
  generateSyntheticDocuments,
  generateSyntheticReadings,
} from "@/lib/synthetic/generate-synthetic-documents";
import { listCellIds } from "@/lib/reader/template/cell-catalogue";
import { fillCells, generateCells, keysOf, seededRandom } from "@/lib/synthetic/generate-cells";
import { prepareGeneratedDocument } from "@/lib/synthetic/prepare-synthetic-document";

const documents = [
  ...generateSyntheticDocuments({ reports: 1400, years: { from: 2019, to: 2025 }, seed: 5 }),
];
const cellsOf = (document: (typeof documents)[number]) =>
  new Map(
    document.cells.map((cell) => [getCellId(cell.cellNo), cell.value === null ? null : Number(cell.value)]),
  );

test("the same options give the same documents; each has the template of its year", () => {
  const again = [...generateSyntheticDocuments({ reports: 1400, years: { from: 2019, to: 2025 }, seed: 5 })];
  expect(again.map((d) => d.sha256)).toEqual(documents.map((d) => d.sha256));
  expect(new Set(documents.map((d) => d.sha256)).size).toBe(1400);
  for (const document of documents) expect(document.template).toBe(document.year! <= 2020 ? "2019" : "2021");
});

test("the 勾稽 rules hold except in a few percent, and those carry the rules' own findings", () => {
  let failing = 0;
  for (const document of documents) {
    const found = checkReportRules(cellsOf(document), document.template!).map((f) => f.code);
    const flagged = document.findings.filter((f) => f.kind === "inconsistent").map((f) => f.code);
    expect(found).toEqual(flagged);
    if (found.length > 0) failing += 1;
  }
  expect(failing / documents.length).toBeGreaterThan(0.01);
  expect(failing / documents.length).toBeLessThan(0.06);
});

test("consecutive years of an agency agree (上年结转, 现行有效) in nearly every case", () => {
  let pairs = 0;
  let disagreeing = 0;
  for (let i = 1; i < documents.length; i += 1) {
    const [previous, current] = [documents[i - 1]!, documents[i]!];
    if (previous.agency!.name !== current.agency!.name) continue;
    pairs += 1;
    const findings = checkAcrossYears(
      { year: previous.year!, template: previous.template!, cells: Object.fromEntries(cellsOf(previous)) },
      { year: current.year!, template: current.template!, cells: Object.fromEntries(cellsOf(current)) },
    );
    if (findings.length > 0) disagreeing += 1;
  }
  expect(pairs).toBeGreaterThan(1000);
  expect(disagreeing / pairs).toBeLessThan(0.05);
});

test("agencies span the kinds and the real region tree, with skewed sizes", () => {
  const kinds = new Set(documents.map((d) => d.agency!.kind));
  expect([...kinds].sort()).toEqual(["乡镇", "区县政府", "街道", "部门"].sort());
  for (const document of documents)
    expect(document.regionCodes!.county ?? document.regionCodes!.city).not.toBeNull();
  const totals = documents
    .map((d) => Number(d.cells.find((c) => getCellId(c.cellNo) === "t3.new.total")!.value))
    .sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)]!;
  expect(totals.at(-1)!).toBeGreaterThan(20 * Math.max(median, 1));
});

test("the documents are what prepareDocument makes of the same readings: same fields, same cells, same COPY lines", () => {
  const options = { reports: 700, years: { from: 2019, to: 2025 }, seed: 7 };
  const generated = [...generateSyntheticDocuments(options)];
  const readings = [...generateSyntheticReadings(options)];
  expect(generated).toHaveLength(700);
  let blank = 0;
  let inYuan = 0;
  let inconsistent = 0;
  readings.forEach(({ upload, reading, sha256 }, index) => {
    const expected = prepareDocument(upload, reading, sha256);
    const document = generated[index]!;
    // Both templates, a blank cell, fees in 元 and a broken rule are among them.
    if (expected.cells.some((cell) => cell.value === null)) blank += 1;
    if (expected.cells.some((cell) => cell.unit === "元")) inYuan += 1;
    if (expected.findings.some((finding) => finding.kind === "inconsistent")) inconsistent += 1;
    expect(document.copyLines!.cells).toEqual(encodeCellCopyLines(expected.cells));
    expect({ ...document, cells: document.cells }).toEqual(expected);
  });
  expect(new Set(readings.map((r) => r.reading.template))).toEqual(new Set(["2019", "2021"]));
  expect(blank).toBeGreaterThan(0);
  expect(inYuan).toBeGreaterThan(0);
  expect(inconsistent).toBeGreaterThan(0);
});

test("the same bytes as before the generator wrote its cells into an array: a second seed of a database finds its duplicates", () => {
  // Pinned from the generator as it was (main d5571e1, cells as a record of ids): the documents' COPY fields
  // and cell lines, byte for byte. A change here makes a re-run of an old seed store new documents.
  const hash = createHash("sha256");
  for (const document of generateSyntheticDocuments({
    reports: 2000,
    years: { from: 2019, to: 2025 },
    seed: 29,
  })) {
    hash.update(encodeDocumentCopyFields(document));
    hash.update(document.copyLines!.cells.bytes);
  }
  expect(hash.digest("hex")).toBe("403836fa5b3002f824e337c3b5a6197aa25555664156dead664e8831ab2439c6");
});

test("generateCells gives the numbers fillCells writes, as a record in catalogue order", () => {
  const keys = keysOf("2021");
  const values = new Float64Array(keys.ids.length);
  fillCells(seededRandom(9), values, { template: "2021", scale: 3, carried: null, inForce: null });
  const cells = generateCells(seededRandom(9), { template: "2021", scale: 3 });
  expect(Object.keys(cells)).toEqual(listCellIds("2021"));
  expect(Object.values(cells)).toEqual([...values]);
  // Table 三's totals are the sums of their applicant columns.
  const applicants = ["natural", "commercial", "research", "social", "legal", "other"];
  for (const row of ["t3.new", "t3.granted", "t3.carry_forward"])
    expect(cells[`${row}.total`]).toBe(applicants.reduce((sum, a) => sum + cells[`${row}.${a}`]!, 0));
});

test("a generated document's lines stay as they were while later documents are generated", () => {
  const [first, ...rest] = generateSyntheticDocuments({
    reports: 3000,
    years: { from: 2019, to: 2025 },
    seed: 41,
  });
  const before = Uint8Array.from(first!.copyLines!.cells.bytes);
  for (const document of rest) expect(document.copyLines!.cells.count).toBeGreaterThan(0);
  expect(first!.copyLines!.cells.bytes).toEqual(before);
  expect(encodeCellCopyLines(first!.cells)).toEqual({ bytes: before, count: first!.copyLines!.cells.count });
});

test("generated numbers the shortcut does not cover go through prepareDocument: a value out of range keeps its finding", () => {
  const [first] = [...generateSyntheticReadings({ reports: 1, years: { from: 2021, to: 2021 }, seed: 3 })];
  const { upload, reading, sha256 } = first!;
  const keys = keysOf("2021");
  const values = Float64Array.from(keys.ids, (id) => reading.cells[id] ?? NaN);
  values[keys.position.get("t3.new.total")!] = 1e17;
  const document = prepareGeneratedDocument(upload, { ...reading, cells: {} }, sha256, { keys, values });
  const expected = prepareDocument(
    upload,
    { ...reading, cells: { ...reading.cells, "t3.new.total": 1e17 } },
    sha256,
  );
  expect(document).toEqual(expected);
  expect(document.findings.map((f) => f.code)).toContain("VALUE_OUT_OF_RANGE");
});

test("a generated document keeps its cells behind a getter, its lines hidden from a spread copy", () => {
  const [document] = generateSyntheticDocuments({ reports: 1, years: { from: 2021, to: 2021 }, seed: 8 });
  const descriptor = Object.getOwnPropertyDescriptor(document, "cells")!;
  expect(descriptor.get).toBeTypeOf("function");
  expect(descriptor.enumerable).toBe(true);
  expect(Object.keys(document!)).not.toContain("copyLines");
  const copy = { ...document!, cells: document!.cells.slice(0, 3) };
  expect(copy.copyLines).toBeUndefined();
  expect(copy.cells).toHaveLength(3);
});
