// Property: a random consistent report (either template), printed with label variants and blank cells and
// rendered in a random text layout, reads back exactly — except cells the layout makes ambiguous (blank
// cells, glued digits), which must then be flagged uncertain. Unflagged cells are always exact.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDocument } from "./read-document";
import { generateReport, pick, seededRandom } from "./testing/generate-report";
import { printReport } from "./testing/render-text-rows";
import { renderTextLayout, TEXT_LAYOUTS } from "./testing/render-text-layouts";
import { textToRows } from "./testing/text-to-rows";
import { readReportStrictly } from "./testing/read-report-strictly";
import { FINDING_CODES } from "./checks/finding-codes";

function caseFromSeed(seed: number) {
  const random = seededRandom(seed);
  const report = generateReport(random);
  const layout = pick(random, TEXT_LAYOUTS);
  const ids = Object.keys(report.cells).filter((id) => report.cells[id] !== null && id.startsWith("t3."));
  const blanks = new Set<string>();
  if (layout !== "glued" && random() < 0.5)
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) blanks.add(pick(random, ids));
  const options = { misspell: random() < 0.5, spaced: random() < 0.3, halfWidth: random() < 0.5, blanks };
  const rows = printReport(report, options, random);
  const text = renderTextLayout(rows, layout, random, random() < 0.5);
  const ambiguous = new Set<string>();
  for (const row of rows) {
    const rowIds = row.values.map((value) => value.id);
    const glued = layout === "glued" && row.values.some((value) => value.text.length > 1);
    if (glued || rowIds.some((id) => blanks.has(id))) rowIds.forEach((id) => ambiguous.add(id));
  }
  // （六） is the sum of its sub-rows: a blank sub-row cell leaves the sum open too.
  for (const id of [...ambiguous])
    if (id.startsWith("t3.other.") && id.split(".").length === 4)
      ambiguous.add(`t3.other.${id.split(".")[3]}`);
  return { report, layout, text, ambiguous };
}

describe("reading random reports in random text layouts", () => {
  it("is exact, or flags exactly the cells the layout leaves ambiguous", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { report, text, ambiguous, layout } = caseFromSeed(seed);
        const result = readDocument({ mediaType: "text/plain", rows: textToRows(text) });
        if (!result.ok) throw new Error(`${layout}: ${result.error.code}`);
        expect(result.template).toBe(report.template);
        expect(result.year).toBe(report.year);
        expect(result.agencyAsPrinted).toBe(report.agency);
        const flagged = new Set(
          result.findings
            .filter((finding) => finding.kind === "uncertain" && finding.code !== "UNIT_UNKNOWN")
            .flatMap((finding) => finding.cells),
        );
        for (const [id, expected] of Object.entries(report.cells)) {
          if (flagged.has(id))
            expect(ambiguous.has(id), `${layout}: ${id} flagged but not ambiguous`).toBe(true);
          else expect(result.cells[id], `${layout}: ${id}`).toBe(expected);
        }
        const unexpected = result.findings.filter(
          (finding) =>
            ["LABEL_UNMATCHED", "TABLE_MISSING", "ROW_LONG"].includes(finding.code) ||
            (finding.kind === "inconsistent" && !finding.cells.some((id) => ambiguous.has(id))),
        );
        expect(unexpected, layout).toEqual([]);
        for (const finding of result.findings) {
          const documented = FINDING_CODES[finding.code];
          expect(documented?.kind, finding.code).toBe(finding.kind);
          expect(documented?.severity, finding.code).toContain(finding.severity);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe("reading random or truncated bytes", () => {
  it("never throws and rejects with a code", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom("a.txt", "a.pdf", "a.docx", "a.html", "a"),
        async (bytes, name) => {
          const result = await readReportStrictly(bytes, name);
          if (!result.ok) expect(result.error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never throws on a report cut short anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), async (seed, cut) => {
        const { text } = caseFromSeed(seed);
        const bytes = new TextEncoder().encode(text);
        const result = await readReportStrictly(bytes.slice(0, Math.floor(bytes.length * cut)), "report.txt");
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok) expect(result.error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 100 },
    );
  });
});
