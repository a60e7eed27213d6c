// A report printed to PDF the way agencies print them, for tests: which generated report, how it is printed, and
// what reading it back must give — every printed number exact, every cell that is not flagged uncertain, and no
// `inconsistent` finding. Shared by the property test (random cases) and the fixed cases that once failed it.
import { expect } from "vitest";
import { z } from "zod";
import { generateReport, seededRandom, type GeneratedReport } from "@/lib/reader/testing/generate-report";
import type { GroupLabelStyle } from "@/lib/reader/testing/layout-table-grid";
import { readReportStrictly } from "@/lib/reader/testing/read-report-strictly";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { printWithChromium, printWithLibreOffice } from "./print-pdf";

/**
 * The seed the printed-PDF property tests draw their cases from. Fixed unless READER_PROPERTY_SEED names another:
 * the sweep (printed-pdfs.sweep.test.ts) still finds about one misread in several hundred cases, and fresh cases
 * each run would turn CI red at random, on changes that did not cause it. To look for new failures, run the
 * property tests with other seeds or the sweep; a case found failing is kept in printed-pdfs.cases.test.ts.
 */
export function propertySeed(env: Record<string, string | undefined> = process.env): number {
  return z.coerce.number().int().default(20_261_204).parse(env.READER_PROPERTY_SEED);
}

/** Everything a printed case is made from: the same variant always prints the same report the same way. */
export interface PrintVariant {
  seed: number;
  /** Zeros printed as blank cells. */
  blankZeros: boolean;
  /** Number columns so narrow that numbers wrap inside their cells. */
  narrowNumbers: boolean;
  groupLabels: GroupLabelStyle;
  /** Tables printed without ruling lines (borders switched off): only the text's positions place its numbers. */
  noBorders?: boolean;
}

export interface PrintCase extends PrintVariant {
  report: GeneratedReport;
  /** The cells as printed: zeros blank when `blankZeros`. */
  printed: Record<string, number | null>;
}

/** `cells`: values set by hand over the generated ones (表二's, which no sum ties to the rest). */
export function makePrintCase(variant: PrintVariant, cells: Record<string, number> = {}): PrintCase {
  const generated = generateReport(seededRandom(variant.seed));
  const report = { ...generated, cells: { ...generated.cells, ...cells } };
  const printed = Object.fromEntries(
    Object.entries(report.cells).map(([id, value]) => [id, variant.blankZeros && value === 0 ? null : value]),
  );
  return { ...variant, report, printed };
}

/** The case as a web page, for Chromium's print to PDF. */
export function renderCaseHtml(testCase: PrintCase): string {
  return renderHtml(
    { ...testCase.report, cells: testCase.printed },
    {
      groupLabels: testCase.groupLabels,
      narrowNumbers: testCase.narrowNumbers,
      noBorders: testCase.noBorders === true,
    },
  );
}

/** The case as a Word file, for LibreOffice's print to PDF. */
export function renderCaseDocx(testCase: PrintCase): Promise<Uint8Array> {
  return renderDocx({ ...testCase.report, cells: testCase.printed }, testCase.groupLabels, {
    narrowNumbers: testCase.narrowNumbers,
    noBorders: testCase.noBorders === true,
  });
}

/** How a failure names its case: all it takes to print the same PDF again (printed-pdfs.cases.test.ts). */
export function describeCase(testCase: PrintVariant): string {
  const { seed, blankZeros, narrowNumbers, groupLabels } = testCase;
  const noBorders = testCase.noBorders === true;
  const keep = `{ seed: ${seed}, blankZeros: ${blankZeros}, narrowNumbers: ${narrowNumbers}, groupLabels: "${groupLabels}"${noBorders ? ", noBorders: true" : ""} }`;
  return `seed ${seed}, blank zeros ${blankZeros}, narrow ${narrowNumbers}, ${groupLabels}${noBorders ? ", no borders" : ""} — to keep it as a fixed case: ${keep}`;
}

const OTHER_SUB_ROW = /^t3\.other\.(?:no_correction|no_fee|misc)\./;

/** What reading a printed case back gave: its silent misreads and `inconsistent` findings (both must be none),
 * and how many printed numbers it read, how many exactly. */
export interface ReadBack {
  printed: number;
  exact: number;
  /** Cells read wrong without an `uncertain` flag, as `id: value printed …, read …`. */
  silent: string[];
  /** Messages of `inconsistent` findings: the case is consistent, so each is a misreading's. */
  inconsistent: string[];
}

/** Reads the PDF back and compares it with the case; throws only when the PDF is not read as a report. */
export async function checkReadBack(testCase: PrintCase, pdf: Uint8Array | undefined): Promise<ReadBack> {
  const context = describeCase(testCase);
  if (!pdf) throw new Error(`${context}: the producer printed no PDF`);
  const result = await readReportStrictly(pdf, "report.pdf");
  if (!result.ok) throw new Error(`${context}: ${result.error.code} ${result.error.message}`);
  const { report, printed } = testCase;
  const meta = { year: result.year, template: result.template, agency: result.agency.as_printed };
  expect(meta, context).toEqual({ year: report.year, template: report.template, agency: report.agency });
  const flagged = new Set(
    result.findings.filter((finding) => finding.kind === "uncertain").flatMap((finding) => finding.cells),
  );
  // （六） is not printed when its sub-rows are: it is their sum, unknown (and flagged) when one is blank. The
  // renderers print the sub-rows only when one of them prints a number: all zero and zeros blank, （六） is one
  // row, and the sub-rows' cells are in no document to be read.
  const subRowsPrinted = Object.keys(printed).some((id) => OTHER_SUB_ROW.test(id) && printed[id] !== null);
  const derivedOther = (id: string) => subRowsPrinted && /^t3\.other\.[a-z]+$/.test(id);
  const notPrinted = (id: string) => !subRowsPrinted && OTHER_SUB_ROW.test(id);
  const printedIds = Object.keys(report.cells).filter((id) => printed[id] !== null && !derivedOther(id));
  const misread = printedIds.filter((id) => result.cells[id] !== report.cells[id]);
  const silent = Object.keys(report.cells).filter((id) => {
    if (notPrinted(id)) return false;
    const actual = result.cells[id];
    // A cell printed blank comes back null or as the value the sums force — flagged either way, as is any
    // cell the reading is unsure of.
    return actual !== report.cells[id] && !flagged.has(id);
  });
  return {
    printed: printedIds.length,
    exact: printedIds.length - misread.length,
    silent: silent.map((id) => `${id}: ${report.cells[id]} printed ${printed[id]}, read ${result.cells[id]}`),
    inconsistent: result.findings
      .filter((finding) => finding.kind === "inconsistent")
      .map((finding) => finding.message),
  };
}

/** Reads the PDF back and checks it; returns how many printed numbers it read, and how many exactly. */
export async function expectReadBack(
  testCase: PrintCase,
  pdf: Uint8Array | undefined,
): Promise<{ printed: number; exact: number }> {
  const context = describeCase(testCase);
  const { printed, exact, silent, inconsistent } = await checkReadBack(testCase, pdf);
  expect(silent, context).toEqual([]);
  expect(inconsistent, context).toEqual([]);
  return { printed, exact };
}

/** Every case printed by one producer in one run — Chromium from its HTML, LibreOffice from its Word file —
 * as PDFs under `case-<index>`. */
export async function printEachCase(
  producer: "Chromium" | "LibreOffice",
  cases: readonly PrintCase[],
): Promise<Map<string, Uint8Array>> {
  if (producer === "Chromium")
    return printWithChromium(
      cases.map((testCase, index) => ({ name: `case-${index}`, html: renderCaseHtml(testCase) })),
    );
  return printWithLibreOffice(
    await Promise.all(
      cases.map(async (testCase, index) => ({
        name: `case-${index}.docx`,
        bytes: await renderCaseDocx(testCase),
      })),
    ),
  );
}
