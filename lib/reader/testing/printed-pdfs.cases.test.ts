// Printed PDFs that once failed the property test (printed-pdfs.property.test.ts), kept as fixed cases: the same
// generated report printed the same way by the same producer reads back with every cell exact or flagged — both
// as readReport reads it and line by line only, as it reads a PDF whose tables have no ruling lines. Needs
// Chromium; skipped, saying so, without.
import { beforeAll, describe, expect, it } from "vitest";
import { extractDocument } from "@/lib/reader/extract/extract-document";
import { readDocument } from "@/lib/reader/read-document";
import {
  describeCase,
  expectReadBack,
  makePrintCase,
  renderCaseHtml,
  type PrintVariant,
} from "@/lib/reader/testing/printed-case";
import { findChromium, printWithChromium } from "./print-pdf";

const CHROMIUM_CASES: { variant: PrintVariant; why: string }[] = [
  {
    variant: { seed: 10, blankZeros: false, narrowNumbers: true, groupLabels: "merged" },
    why:
      "表二 现行有效件数 18441 wrapped “18” / “44” / “1”, its middle line on the row's baseline: read as 44 " +
      "without a finding (the row looked complete, and 表二 has no sums to check it)",
  },
];

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)(
  `web pages printed to PDF by Chromium${chromiumPath ? "" : " — skipped: Chromium not installed; apt-get install chromium"}`,
  () => {
    const cases = CHROMIUM_CASES.map(({ variant, why }) => ({ ...makePrintCase(variant), why }));
    let pdfs = new Map<string, Uint8Array>();
    beforeAll(async () => {
      pdfs = await printWithChromium(
        cases.map((testCase, index) => ({ name: `case-${index}`, html: renderCaseHtml(testCase) })),
      );
    }, 120_000);

    it.each(cases.map((testCase, index) => [testCase.why, index, testCase] as const))(
      "%s: now every cell exact or flagged",
      async (_, index, testCase) => {
        await expectReadBack(testCase, pdfs.get(`case-${index}`));
      },
    );

    it.each(cases.map((testCase, index) => [describeCase(testCase), index, testCase] as const))(
      "read line by line only (%s): every cell exact or flagged",
      async (context, index, testCase) => {
        const extracted = await extractDocument(pdfs.get(`case-${index}`)!, "report.pdf");
        if ("ok" in extracted) throw new Error(`${context}: ${extracted.error.code}`);
        const reading = readDocument({ mediaType: extracted.mediaType, rows: extracted.rows });
        if (!reading.ok) throw new Error(`${context}: ${reading.error.code}`);
        const flagged = new Set(
          reading.findings
            .filter((finding) => finding.kind === "uncertain")
            .flatMap((finding) => finding.cells),
        );
        const silent = Object.entries(testCase.report.cells)
          .filter(([id, value]) => reading.cells[id] !== value && !flagged.has(id))
          .map(([id, value]) => `${id}: ${value} printed ${testCase.printed[id]}, read ${reading.cells[id]}`);
        expect(silent, context).toEqual([]);
      },
    );
  },
);
