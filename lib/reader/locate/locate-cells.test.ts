// Positions found again for every printed cell of real and rendered reports: the line a TXT cell points at
// holds its printed text; a PDF cell's box is on a page and covers exactly the text pdf.js reads there.
import fs from "node:fs";
import path from "node:path";
import { getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { BuiltInCMapFactory } from "@/lib/reader/extract/builtin-cmaps";
import { readReport } from "@/lib/reader/read-report";
import { listCellIds } from "@/lib/reader/template/cell-catalogue";
import { renderPdf } from "@/lib/reader/testing/render-pdf";
import { locateCells } from "./locate-cells";

const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, "../fixtures", name)));

/** The text pdf.js prints inside a box (items whose origin lies in it), independent of the reader. */
async function textInBox(bytes: Uint8Array, page: number, box: number[]): Promise<string> {
  const pdf = await getDocumentProxy(bytes.slice(), {
    verbosity: 0,
    BinaryDataFactory: BuiltInCMapFactory,
    cMapUrl: "builtin/",
    cMapPacked: false,
  });
  const content = await (await pdf.getPage(page)).getTextContent();
  const [x1, y1, x2, y2] = box as [number, number, number, number];
  const inside = (content.items as { str: string; transform: number[] }[]).filter((item) => {
    const [, , , , e, f] = item.transform as [number, number, number, number, number, number];
    return e >= x1 - 0.5 && e <= x2 + 0.5 && f >= y1 - 0.5 && f <= y2 + 0.5;
  });
  await pdf.destroy();
  return inside
    .map((item) => item.str)
    .join("")
    .replace(/\s+/g, "");
}

describe("locateCells", () => {
  it("a TXT seed: every printed cell points at a line containing its printed text", async () => {
    const bytes = fixture("seeds/000_ea51994d2031337b.txt");
    const reading = await readReport(bytes, "seed.txt");
    const positions = await locateCells(bytes, "seed.txt");
    if (!reading.ok || !positions) throw new Error("unreadable seed");
    expect(positions.kind).toBe("text");
    const printed = Object.entries(reading.rawText);
    expect(printed.length).toBeGreaterThan(100);
    let exact = 0;
    for (const [id, text] of printed) {
      const position = positions.cells[id];
      expect(position, id).toBeDefined();
      if (!position!.exact) continue;
      exact += 1;
      expect(positions.lines[position!.line], id).toContain(text);
    }
    expect(exact / printed.length).toBeGreaterThan(0.95);
  });

  it("the sample PDF: every located cell's box holds the value's printed text on its page", async () => {
    const bytes = fixture("samples/hongze_district_2024.pdf");
    const reading = await readReport(bytes, "sample.pdf");
    const positions = await locateCells(bytes, "sample.pdf");
    if (!reading.ok || !positions) throw new Error("unreadable sample");
    expect(positions.kind).toBe("pdf");
    expect(positions.pages!.length).toBeGreaterThanOrEqual(1);
    const checked = Object.entries(reading.rawText).filter(
      ([id]) => positions.cells[id]?.exact && positions.cells[id]?.box,
    );
    expect(checked.length / Object.keys(reading.rawText).length).toBeGreaterThan(0.9);
    for (const [id, text] of checked.slice(0, 40)) {
      const { page, box } = positions.cells[id]!;
      expect(await textInBox(bytes, page!, box!), id).toContain(text.replace(/\s+/g, ""));
    }
  });

  it("a rendered PDF whose 勾稽 error is flagged: the flagged cell has a box of its own", async () => {
    const cells: Record<string, number> = Object.fromEntries(listCellIds("2021").map((id) => [id, 0]));
    for (const id of ["t3.new", "t3.granted", "t3.outcome_total"]) {
      cells[`${id}.natural`] = 5;
      cells[`${id}.total`] = 5;
    }
    cells["t3.new.total"] = 9;
    const bytes = await renderPdf({ template: "2021", agency: "某某镇人民政府", year: 2023, cells });
    const reading = await readReport(bytes, "flagged.pdf");
    const positions = await locateCells(bytes, "flagged.pdf");
    if (!reading.ok || !positions) throw new Error("unreadable");
    const flagged = reading.findings.find((finding) => finding.kind === "inconsistent");
    expect(flagged).toBeDefined();
    const position = positions.cells["t3.new.total"]!;
    expect(position.exact).toBe(true);
    expect(await textInBox(bytes, position.page!, position.box!)).toBe("9");
  });
});
