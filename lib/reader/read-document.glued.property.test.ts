// Property: text whose line breaks were lost — every line glued to the next, or all whitespace stripped — still
// reads as the report it is: year, template and agency right, every cell exact or flagged uncertain, and no
// `inconsistent` finding on a report that is consistent.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDocument } from "./read-document";
import { generateReport, pick, seededRandom } from "./testing/generate-report";
import { printReport } from "./testing/render-text-rows";
import { renderTextLayout, type TextLayout } from "./testing/render-text-layouts";
import { textToRows } from "./testing/text-to-rows";

const LAYOUTS: TextLayout[] = ["lines", "spaced-lines", "pipes", "tabs", "pdf-text", "glued"];
type Form = "glue-lines" | "strip-whitespace";

function gluedCase(seed: number, form: Form) {
  const random = seededRandom(seed);
  const report = generateReport(random);
  const layout = pick(random, LAYOUTS);
  const ids = Object.keys(report.cells).filter((id) => report.cells[id] !== null && id.startsWith("t3."));
  const blanks = new Set<string>();
  if (random() < 0.3) blanks.add(pick(random, ids));
  const options = { misspell: random() < 0.5, spaced: false, halfWidth: random() < 0.5, blanks };
  // Page numbers are left out: glued to a row's digits (“5- 3 -”) they are digits and minus signs.
  const text = renderTextLayout(printReport(report, options, random), layout, random, false);
  const glued = form === "glue-lines" ? text.replace(/\n/g, "") : text.replace(/\s+/g, "");
  return { report, layout, text: glued };
}

function expectExactOrFlagged(seed: number, form: Form): { exact: number; total: number } {
  const { report, layout, text } = gluedCase(seed, form);
  const result = readDocument({ mediaType: "text/plain", rows: textToRows(text) });
  if (!result.ok) throw new Error(`${layout}: ${result.error.code}`);
  expect({ year: result.year, template: result.template, agency: result.agencyAsPrinted }, layout).toEqual({
    year: report.year,
    template: report.template,
    agency: report.agency,
  });
  const flagged = new Set(
    result.findings.filter((finding) => finding.kind === "uncertain").flatMap((finding) => finding.cells),
  );
  const wrong = Object.keys(report.cells).filter(
    (id) => result.cells[id] !== report.cells[id] && !flagged.has(id),
  );
  expect(
    wrong.map((id) => `${id}: ${report.cells[id]} read as ${result.cells[id]}`),
    layout,
  ).toEqual([]);
  const inconsistent = result.findings.filter((finding) => finding.kind === "inconsistent");
  expect(
    inconsistent.map((finding) => finding.message),
    layout,
  ).toEqual([]);
  expect(
    result.findings.map((finding) => finding.code),
    layout,
  ).not.toContain("TABLE_MISSING");
  const ids = Object.keys(report.cells);
  return { exact: ids.filter((id) => result.cells[id] === report.cells[id]).length, total: ids.length };
}

describe.each<Form>(["glue-lines", "strip-whitespace"])("a report with its line breaks lost (%s)", (form) => {
  it("reads every cell exactly or flags it, and never calls a consistent report inconsistent", () => {
    let exact = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const counts = expectExactOrFlagged(seed, form);
        exact += counts.exact;
        total += counts.total;
      }),
      { numRuns: 150 },
    );
    // Most cells come back exact: the flags are for the splits the sums cannot settle, not a blanket doubt.
    expect(exact / total).toBeGreaterThan(0.95);
  }, 60_000);
});

describe("the example of the issue", () => {
  it("splits “…数量121000013二、上年结转…” by the table's sums", () => {
    const text =
      "某某县某某镇2023年政府信息公开工作年度报告一、总体情况2023年，本镇认真落实条例。三、收到和处理政府信息公开申请情况" +
      "一、本年新收政府信息公开申请数量121000013二、上年结转政府信息公开申请数量2000002三、本年度办理结果（一）予以公开9000009" +
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000（七）总计9000009四、结转下年度继续办理5100006" +
      "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000000000000000五、存在的主要问题及改进情况无。";
    const result = readDocument({ mediaType: "text/plain", rows: textToRows(text) });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.year).toBe(2023);
    const row = (key: string) =>
      ["natural", "commercial", "research", "social", "legal", "other", "total"].map(
        (column) => result.cells[`${key}.${column}`],
      );
    expect(row("t3.new")).toEqual([12, 1, 0, 0, 0, 0, 13]);
    expect(row("t3.carried")).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(row("t3.granted")).toEqual([9, 0, 0, 0, 0, 0, 9]);
    expect(row("t3.carry_forward")).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(result.cells["t4.review.total"]).toBe(0);
  });
});
