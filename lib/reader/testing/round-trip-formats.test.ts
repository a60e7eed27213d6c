// The five seeds' verified cells rendered as a web page with merged cells, a Word file and a PDF, and the
// real sample PDF: each must read back to the truth files exactly.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult, ReadSuccess, TemplateVersion } from "@/lib/reader/types";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { renderPdf } from "@/lib/reader/testing/render-pdf";
import { encodeText } from "@/lib/reader/testing/encode-text";
import { renderMhtml } from "@/lib/reader/testing/render-mhtml";
import type { ReportToRender } from "@/lib/reader/testing/report-document";

const fixture = (name: string) => path.join(import.meta.dirname, "../fixtures", name);

interface TruthReport {
  file: string;
  agency: Record<string, string | null> & { as_printed: string };
  year: number;
  template: TemplateVersion;
  cells: Record<string, number | null>;
  also_ok?: Record<string, number> | null;
}

const seeds = (JSON.parse(fs.readFileSync(fixture("seed-truth.json"), "utf8")) as { reports: TruthReport[] })
  .reports;
const sampleTruth = JSON.parse(
  fs.readFileSync(fixture("samples/hongze_district_2024.truth.json"), "utf8"),
) as TruthReport;

function expectOk(result: ReadResult): ReadSuccess {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

/** Exact cells; a blank truth cell may come back as its forced value only when marked inferred. */
function expectTruthCells(result: ReadSuccess, truth: TruthReport): void {
  expect(Object.keys(result.cells).sort()).toEqual(Object.keys(truth.cells).sort());
  const wrong = Object.entries(truth.cells).filter(([id, expected]) => {
    const actual = result.cells[id];
    if (actual === expected) return false;
    const alsoOk = truth.also_ok?.[id];
    return !(expected === null && alsoOk !== undefined && actual === alsoOk && result.inferred.includes(id));
  });
  expect(wrong.map(([id, expected]) => `${id}: expected ${expected}, got ${result.cells[id]}`)).toEqual([]);
}

const toReport = (truth: TruthReport): ReportToRender => ({
  template: truth.template,
  agency: truth.agency.as_printed,
  year: truth.year,
  cells: truth.cells,
});

const FORMATS: [string, string, (report: ReportToRender) => Promise<Uint8Array> | Uint8Array][] = [
  ["HTML with merged cells", "report.html", (report) => encodeText(renderHtml(report), "utf-8")],
  [
    "GBK HTML in a layout table",
    "report.htm",
    (report) => encodeText(renderHtml(report, { charset: "gb2312", layoutTable: true }), "gbk"),
  ],
  ["a GBK web archive (.mht)", "report.mht", renderMhtml],
  ["DOCX", "report.docx", renderDocx],
  ["PDF", "report.pdf", renderPdf],
];

describe.each(FORMATS)("seeds rendered as %s read back to their truth", (_format, fileName, render) => {
  it.each(seeds.map((truth) => [truth.file, truth] as const))("%s", async (_file, truth) => {
    const result = expectOk(await readReport(await render(toReport(truth)), fileName));
    expect({ year: result.year, template: result.template, as_printed: result.agency.as_printed }).toEqual({
      year: truth.year,
      template: truth.template,
      as_printed: truth.agency.as_printed,
    });
    expectTruthCells(result, truth);
  });
});

describe("seed texts re-encoded read exactly like the originals", () => {
  const encodings = ["gbk", "utf-8-bom", "utf-16le", "utf-16be-bom"] as const;
  it.each(seeds.flatMap((truth) => encodings.map((encoding) => [truth.file, encoding] as const)))(
    "%s as %s",
    async (file, encoding) => {
      // GBK has no no-break space: a GBK file would carry a plain space there.
      const utf8 = fs.readFileSync(fixture(`seeds/${file}`), "utf8");
      const text = encoding === "gbk" ? utf8.replace(/\u00a0/g, " ") : utf8;
      const original = await readReport(encodeText(text, "utf-8"), file);
      const { mediaType: _mediaType, ...reencoded } = expectOk(
        await readReport(encodeText(text, encoding), file),
      );
      const { mediaType: _originalType, ...expected } = expectOk(original);
      expect(reencoded).toEqual(expected);
    },
  );
});

describe("the real sample PDF", () => {
  it("reads to its truth: every cell, agency, year and template", async () => {
    const bytes = new Uint8Array(fs.readFileSync(fixture("samples/hongze_district_2024.pdf")));
    const result = expectOk(await readReport(bytes, "hongze_district_2024.pdf"));
    expect({ agency: result.agency, year: result.year, template: result.template }).toEqual({
      agency: sampleTruth.agency,
      year: sampleTruth.year,
      template: sampleTruth.template,
    });
    expectTruthCells(result, sampleTruth);
  });
});
