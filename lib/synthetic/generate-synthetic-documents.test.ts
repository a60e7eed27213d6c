import { expect, test } from "vitest";
import { getCellId } from "@/lib/ingest/cell-numbers";
import { checkAcrossYears } from "@/lib/reader/checks/check-across-years";
import { checkReportRules } from "@/lib/reader/checks/check-report-rules";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";

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
