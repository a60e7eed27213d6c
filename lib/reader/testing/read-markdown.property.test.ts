// Property: a random consistent report written out as OCR / converter Markdown — whole pipe tables, or one small
// table per row under a heading carrying its label, with generic headers (类别 | 数据1 … | 总计), header tables
// split apart, “-” for an empty cell and sentences with numbers beside the tables — reads back with every cell
// exact or flagged uncertain, no number taken from the prose, and no `inconsistent` finding.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateReport, seededRandom } from "@/lib/reader/testing/generate-report";
import { renderMarkdown, type MarkdownOptions } from "@/lib/reader/testing/render-markdown";
import { readReportStrictly } from "@/lib/reader/testing/read-report-strictly";

const optionsArbitrary: fc.Arbitrary<MarkdownOptions> = fc.record({
  style: fc.constantFrom<MarkdownOptions["style"]>("tables", "row-tables"),
  rowLabel: fc.constantFrom<MarkdownOptions["rowLabel"]>("数量", "", "repeat", "none"),
  prose: fc.boolean(),
});

describe("OCR and converter Markdown", () => {
  it("reads every cell exactly or flags it, and never calls a consistent report inconsistent", async () => {
    let exact = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        optionsArbitrary,
        fc.nat(),
        fc.boolean(),
        async (seed, options, pick, blank) => {
          const random = seededRandom(seed);
          const report = generateReport(random);
          const ids = Object.keys(report.cells).filter(
            (id) => id.startsWith("t3.") && report.cells[id] !== null && !/^t3\.other\.[a-z]+$/.test(id),
          );
          const blanked = blank ? ids[pick % ids.length]! : null;
          const printed = blanked ? { ...report, cells: { ...report.cells, [blanked]: null } } : report;
          const markdown = renderMarkdown(printed, options, random);
          const result = await readReportStrictly(new TextEncoder().encode(markdown), "report.md");
          if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
          expect({ year: result.year, template: result.template, agency: result.agency.as_printed }).toEqual({
            year: report.year,
            template: report.template,
            agency: report.agency,
          });
          const flagged = new Set(
            result.findings
              .filter((finding) => finding.kind === "uncertain")
              .flatMap((finding) => finding.cells),
          );
          const wrong = Object.keys(report.cells).filter(
            (id) => result.cells[id] !== report.cells[id] && !flagged.has(id),
          );
          expect(wrong.map((id) => `${id}: ${report.cells[id]} read as ${result.cells[id]}`)).toEqual([]);
          if (blanked) expect(flagged.has(blanked), blanked).toBe(true);
          const inconsistent = result.findings.filter((finding) => finding.kind === "inconsistent");
          expect(inconsistent.map((finding) => finding.message)).toEqual([]);
          const cells = Object.keys(report.cells);
          exact += cells.filter((id) => result.cells[id] === report.cells[id]).length;
          total += cells.length;
        },
      ),
      { numRuns: 60 },
    );
    expect(exact / total).toBeGreaterThan(0.97);
  }, 60_000);

  it("takes no number from a sentence beside a row table", async () => {
    const markdown = [
      "# 某某县某某镇2023年政府信息公开工作年度报告",
      "## 三、收到和处理政府信息公开申请情况",
      "### 一、本年新收政府信息公开申请数量",
      "本年新收申请数量13",
      "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      "| 数量 | 12 | 1 | - | - | - | - | 13 |",
      "其中自然人申请12件。",
    ].join("\n");
    const result = await readReportStrictly(new TextEncoder().encode(markdown), "report.txt");
    if (!result.ok) throw new Error(result.error.code);
    const row = ["natural", "commercial", "research", "social", "legal", "other", "total"].map(
      (column) => result.cells[`t3.new.${column}`],
    );
    expect(row).toEqual([12, 1, null, null, null, null, 13]);
  });
});
