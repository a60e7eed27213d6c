// Property tests across formats: random reports that obey the template's sums, rendered as HTML (merged
// cells), DOCX and PDF, read back exactly; random and truncated bytes are rejected, never thrown.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReport } from "@/lib/reader/read-report";
import { READ_ERROR_CODES, type TemplateVersion } from "@/lib/reader/types";
import catalogue from "@/lib/reader/template/cells.json";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { renderPdf } from "@/lib/reader/testing/render-pdf";
import { encodeText } from "@/lib/reader/testing/encode-text";
import type { ReportToRender } from "@/lib/reader/testing/report-document";

const AGENCIES = [
  "淮安市洪泽区人民政府",
  "遂宁市安居区聚贤镇",
  "曲靖市沾益区发改局",
  "南京市玄武区人民政府",
  "郾城区裴城镇",
];
const APPLICANTS = ["natural", "commercial", "research", "social", "legal", "other"];
const OUTCOME_ROWS = [
  "t3.granted",
  "t3.partial",
  ...[
    "state_secret",
    "law_forbidden",
    "three_safety",
    "third_party",
    "internal_affairs",
    "process_info",
    "enforcement_file",
    "query_matter",
  ].map((key) => `t3.denied.${key}`),
  ...["not_held", "needs_creation", "unclear"].map((key) => `t3.unable.${key}`),
  ...["petition", "duplicate", "publication", "mass_repeat", "confirm_info"].map(
    (key) => `t3.rejected.${key}`,
  ),
];
const OTHER_SUB_ROWS = ["no_correction", "no_fee", "misc"].map((key) => `t3.other.${key}`);
const T4_GROUPS = ["t4.review", "t4.litigation_direct", "t4.litigation_after_review"];

/** Mostly zeros and small counts, sometimes large ones — the shape of real tables. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 31, max: 3000 }) },
);
const counts = (length: number) => fc.array(count, { minLength: length, maxLength: length });

const reportArbitrary = fc
  .record({
    year: fc.integer({ min: 2019, max: 2025 }),
    agency: fc.constantFrom(...AGENCIES),
    t2: counts(14),
    changes: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 5, maxLength: 5 }),
    amounts: fc.array(fc.integer({ min: 0, max: 999_999 }), { minLength: 2, maxLength: 2 }),
    outcome: fc.array(counts(6), { minLength: OUTCOME_ROWS.length, maxLength: OUTCOME_ROWS.length }),
    other: fc.array(counts(6), { minLength: 3, maxLength: 3 }),
    otherAsOneRow: fc.boolean(),
    carryForward: counts(6),
    carriedShare: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
    t4: fc.array(counts(4), { minLength: 3, maxLength: 3 }),
  })
  .map(buildReport);

type Draw = {
  year: number;
  agency: string;
  t2: number[];
  changes: number[];
  amounts: number[];
  outcome: number[][];
  other: number[][];
  otherAsOneRow: boolean;
  carryForward: number[];
  carriedShare: number[];
  t4: number[][];
};

/** A report obeying rules 1–4 of the template, with every cell id of its version present. */
function buildReport(draw: Draw): ReportToRender {
  const template: TemplateVersion = draw.year <= 2020 ? "2019" : "2021";
  const cells: Record<string, number | null> = Object.fromEntries(
    catalogue.cells.filter((cell) => cell.versions.includes(template)).map((cell) => [cell.id, null]),
  );
  const setRow = (row: string, values: number[]) => {
    values.forEach((value, index) => (cells[`${row}.${APPLICANTS[index]}`] = value));
    cells[`${row}.total`] = values.reduce((sum, value) => sum + value, 0);
  };
  OUTCOME_ROWS.forEach((row, index) => setRow(row, draw.outcome[index]!));
  const other = APPLICANTS.map((_, column) => draw.other.reduce((sum, row) => sum + row[column]!, 0));
  if (template === "2021" && !draw.otherAsOneRow)
    OTHER_SUB_ROWS.forEach((row, index) => setRow(row, draw.other[index]!));
  setRow("t3.other", other);
  const outcomeTotal = APPLICANTS.map(
    (_, column) => draw.outcome.reduce((sum, row) => sum + row[column]!, 0) + other[column]!,
  );
  setRow("t3.outcome_total", outcomeTotal);
  setRow("t3.carry_forward", draw.carryForward);
  const available = outcomeTotal.map((total, column) => total + draw.carryForward[column]!);
  const carried = available.map((sum, column) => Math.floor((sum * draw.carriedShare[column]!) / 100));
  setRow("t3.carried", carried);
  setRow(
    "t3.new",
    available.map((sum, column) => sum - carried[column]!),
  );
  T4_GROUPS.forEach((group, index) => {
    const [upheld, corrected, otherResult, pending] = draw.t4[index]!;
    Object.assign(cells, {
      [`${group}.upheld`]: upheld,
      [`${group}.corrected`]: corrected,
      [`${group}.other`]: otherResult,
      [`${group}.pending`]: pending,
      [`${group}.total`]: upheld! + corrected! + otherResult! + pending!,
    });
  });
  const t2Ids = Object.keys(cells).filter((id) => id.startsWith("t2.") && !/amount|change/.test(id));
  t2Ids.forEach((id, index) => (cells[id] = draw.t2[index % draw.t2.length]!));
  Object.keys(cells)
    .filter((id) => id.endsWith("items_change"))
    .forEach((id, index) => (cells[id] = draw.changes[index]!));
  Object.keys(cells)
    .filter((id) => id.endsWith(".amount"))
    .forEach((id, index) => (cells[id] = draw.amounts[index]! / 100));
  return { template, agency: draw.agency, year: draw.year, cells };
}

async function expectReadBack(report: ReportToRender, bytes: Uint8Array, fileName: string): Promise<void> {
  const result = await readReport(bytes, fileName);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect({ year: result.year, template: result.template, as_printed: result.agency.as_printed }).toEqual({
    year: report.year,
    template: report.template,
    as_printed: report.agency,
  });
  expect(result.cells).toEqual(report.cells);
  expect(result.findings.filter((finding) => finding.kind === "inconsistent")).toEqual([]);
}

const FORMATS: [string, string, number, (report: ReportToRender) => Promise<Uint8Array> | Uint8Array][] = [
  ["HTML with merged cells", "r.html", 25, (report) => encodeText(renderHtml(report), "utf-8")],
  [
    "GBK HTML",
    "r.htm",
    10,
    (report) => encodeText(renderHtml(report, { charset: "gbk", layoutTable: true }), "gbk"),
  ],
  ["DOCX", "r.docx", 8, renderDocx],
  ["PDF", "r.pdf", 5, renderPdf],
];

describe("random consistent reports read back exactly", () => {
  it.each(FORMATS)("as %s", { timeout: 60_000 }, async (_format, fileName, numRuns, render) => {
    await fc.assert(
      fc.asyncProperty(reportArbitrary, async (report) =>
        expectReadBack(report, await render(report), fileName),
      ),
      { numRuns },
    );
  });
});

/** A cut after a PDF's final end marker (only its trailing newline lost) leaves a complete file. */
function lastCompleteByte(bytes: Uint8Array, fileName: string): number {
  return fileName.endsWith(".pdf") ? Buffer.from(bytes).lastIndexOf("%%EOF") + 4 : bytes.length - 1;
}

describe("bad bytes are rejected with a code, never thrown", () => {
  const expectRejected = async (bytes: Uint8Array, fileName: string) => {
    const result = await readReport(bytes, fileName);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(READ_ERROR_CODES).toContain(result.error.code);
  };

  it("random bytes under any name", async () => {
    const names = fc.constantFrom("a.pdf", "a.docx", "a.doc", "a.html", "a.txt", "a");
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), names, (bytes, name) =>
        expectRejected(bytes, name),
      ),
      { numRuns: 200 },
    );
  });

  it.each(FORMATS.filter(([, fileName]) => /docx|pdf/.test(fileName)))(
    "%s cut short anywhere",
    { timeout: 60_000 },
    async (_format, fileName, _runs, render) => {
      const sample = fc.sample(reportArbitrary, { numRuns: 1, seed: 7 })[0]!;
      const bytes = await render(sample);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: lastCompleteByte(bytes, fileName) }), (length) =>
          expectRejected(bytes.subarray(0, length), fileName),
        ),
        { numRuns: 25 },
      );
    },
  );
});
