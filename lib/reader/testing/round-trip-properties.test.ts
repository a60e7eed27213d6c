// Property tests across formats: random reports that obey the template's sums, rendered as HTML, DOCX and
// PDF with group labels merged, repeated or blank below, read back exactly; bad bytes are rejected, never thrown.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReportStrictly } from "@/lib/reader/testing/read-report-strictly";
import { READ_ERROR_CODES } from "@/lib/reader/types";
import { generateReport, seededRandom } from "@/lib/reader/testing/generate-report";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { renderPdf } from "@/lib/reader/testing/render-pdf";
import { encodeText } from "@/lib/reader/testing/encode-text";
import type { ReportToRender } from "@/lib/reader/testing/report-document";
import type { GroupLabelStyle } from "@/lib/reader/testing/layout-table-grid";

/** The shared generator: every 勾稽 rule holds by construction; a failing case replays from its seed. */
const reportArbitrary = fc.integer().map((seed): ReportToRender => generateReport(seededRandom(seed)));

async function expectReadBack(report: ReportToRender, bytes: Uint8Array, fileName: string): Promise<void> {
  const result = await readReportStrictly(bytes, fileName);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect({ year: result.year, template: result.template, as_printed: result.agency.as_printed }).toEqual({
    year: report.year,
    template: report.template,
    as_printed: report.agency,
  });
  expect(result.cells).toEqual(report.cells);
  expect(result.findings.filter((finding) => finding.kind === "inconsistent")).toEqual([]);
}

/** Every layout choice the renderers offer; each format uses the ones it has. */
interface Layout {
  groupLabels: GroupLabelStyle;
  layoutTable: boolean;
  repeatHeader: boolean;
  verticalAlign: "top" | "middle";
  numberAlign: "center" | "right";
}
const layoutArbitrary: fc.Arbitrary<Layout> = fc.record({
  groupLabels: fc.constantFrom<GroupLabelStyle>("merged", "repeated", "blank"),
  layoutTable: fc.boolean(),
  repeatHeader: fc.boolean(),
  verticalAlign: fc.constantFrom<"top" | "middle">("top", "middle"),
  numberAlign: fc.constantFrom<"center" | "right">("center", "right"),
});
const PLAIN_LAYOUT: Layout = {
  groupLabels: "merged",
  layoutTable: false,
  repeatHeader: false,
  verticalAlign: "middle",
  numberAlign: "center",
};

type Render = (report: ReportToRender, layout: Layout) => Promise<Uint8Array> | Uint8Array;

const FORMATS: [string, string, number, Render][] = [
  ["HTML", "r.html", 25, (report, layout) => encodeText(renderHtml(report, layout), "utf-8")],
  [
    "GBK HTML",
    "r.htm",
    10,
    (report, layout) => encodeText(renderHtml(report, { ...layout, charset: "gbk" }), "gbk"),
  ],
  ["DOCX", "r.docx", 8, (report, layout) => renderDocx(report, layout.groupLabels)],
  ["PDF", "r.pdf", 8, (report, layout) => renderPdf(report, layout)],
];

describe("random consistent reports read back exactly", () => {
  it.each(FORMATS)("as %s", { timeout: 60_000 }, async (_format, fileName, numRuns, render) => {
    await fc.assert(
      fc.asyncProperty(reportArbitrary, layoutArbitrary, async (report, layout) =>
        expectReadBack(report, await render(report, layout), fileName),
      ),
      { numRuns },
    );
  });
});

describe("a blank cell is read as blank or as the value the sums force, and flagged uncertain", () => {
  const blanked = fc.tuple(reportArbitrary, fc.nat()).map(([report, index]) => {
    // When （六）'s sub-rows are printed, its own row is their sum and not printed: nothing to blank there.
    const derived = /^t3\.other\.[a-z]+$/;
    const subRowsPrinted = report.cells["t3.other.misc.total"] != null;
    const ids = Object.keys(report.cells).filter(
      (id) => id.startsWith("t3.") && report.cells[id] !== null && !(subRowsPrinted && derived.test(id)),
    );
    const id = ids[index % ids.length]!;
    return { report: { ...report, cells: { ...report.cells, [id]: null } }, id, value: report.cells[id]! };
  });

  it.each(FORMATS.filter(([format]) => format === "HTML" || format === "PDF"))(
    "as %s",
    { timeout: 60_000 },
    async (_format, fileName, numRuns, render) => {
      await fc.assert(
        fc.asyncProperty(blanked, layoutArbitrary, async ({ report, id, value }, layout) => {
          const result = await readReportStrictly(await render(report, layout), fileName);
          if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
          const actual = result.cells[id];
          expect(actual === null || (actual === value && result.inferred.includes(id))).toBe(true);
          const flagged = result.findings.filter(
            (finding) => finding.kind === "uncertain" && finding.cells.includes(id),
          );
          expect(flagged.length).toBeGreaterThan(0);
          const others = Object.keys(report.cells).filter((other) => other !== id);
          expect(others.filter((other) => result.cells[other] !== report.cells[other])).toEqual([]);
        }),
        { numRuns: Math.ceil(numRuns / 2) },
      );
    },
  );
});

/** A cut after a PDF's final end marker (only its trailing newline lost) leaves a complete file. */
function lastCompleteByte(bytes: Uint8Array, fileName: string): number {
  return fileName.endsWith(".pdf") ? Buffer.from(bytes).lastIndexOf("%%EOF") + 4 : bytes.length - 1;
}

describe("bad bytes are rejected with a code, never thrown", () => {
  const expectRejected = async (bytes: Uint8Array, fileName: string) => {
    const result = await readReportStrictly(bytes, fileName);
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

  it("random bytes behind each format's signature", async () => {
    const signatures = [
      "%PDF-1.7\n",
      "PK\u0003\u0004",
      "\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1",
      "{\\rtf1",
      "<!DOCTYPE html><html><body><table><tr><td>",
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n',
    ].map((signature) => new Uint8Array(Buffer.from(signature, "latin1")));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 2048 }), (head, tail) => {
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        return expectRejected(bytes, "upload.bin");
      }),
      { numRuns: 150 },
    );
  });

  it.each(FORMATS.filter(([, fileName]) => /docx|pdf/.test(fileName)))(
    "%s cut short anywhere",
    { timeout: 60_000 },
    async (_format, fileName, _runs, render) => {
      const sample = fc.sample(reportArbitrary, { numRuns: 1, seed: 7 })[0]!;
      const bytes = await render(sample, PLAIN_LAYOUT);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: lastCompleteByte(bytes, fileName) }), (length) =>
          expectRejected(bytes.subarray(0, length), fileName),
        ),
        { numRuns: 25 },
      );
    },
  );
});
