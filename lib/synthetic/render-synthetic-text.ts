// A synthetic report as the text file a person would have (title with the agency and year, then tables
// 二–四 in the template's layout), for import benchmarks and tests that need real files to read. Uses the
// reader's own test renderers (lib/reader/testing), tab-separated like text copied out of a Word table.
import { getCellId } from "@/lib/ingest/cell-numbers";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { seededRandom } from "@/lib/reader/testing/generate-report";
import { printReport } from "@/lib/reader/testing/render-text-rows";
import { renderTextLayout } from "@/lib/reader/testing/render-text-layouts";

export function renderSyntheticText(document: PreparedDocument, seed: number): string {
  if (!document.reading.ok || document.template === null || document.year === null)
    throw new Error("Only accepted synthetic documents can be rendered");
  const cells = Object.fromEntries(
    document.cells.map((cell) => [getCellId(cell.cellNo), cell.value === null ? null : Number(cell.value)]),
  );
  const random = seededRandom(seed);
  const rows = printReport(
    {
      template: document.template,
      year: document.year,
      agency: document.reading.agency.as_printed ?? document.reading.agency.name ?? "",
      cells,
      otherAsOneRow: false,
    },
    { misspell: false, spaced: false, halfWidth: false, blanks: new Set() },
    random,
  );
  return renderTextLayout(rows, "tabs", random, false);
}
