import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { skipFontPrograms } from "@/lib/reader/extract/skip-font-programs";
import { extractPdf } from "@/lib/reader/extract/extract-pdf";
import { renderPdf } from "@/lib/reader/testing/render-pdf";

const fixture = (name: string) => path.join(import.meta.dirname, "../fixtures", name);

const SAMPLE = new Uint8Array(fs.readFileSync(fixture("samples/hongze_district_2024.pdf")));
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const textOf = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString("latin1") : null);

describe("skipFontPrograms", () => {
  it("renames font program keys without moving a byte", () => {
    const pdf =
      "<< /Type /Font /Subtype /Type0 /ToUnicode 5 0 R >> << /Type /Font /Subtype /CIDFontType2 >> " +
      "<< /Type /FontDescriptor /FontFile2 7 0 R >>";
    const light = skipFontPrograms(bytesOf(pdf));
    expect(textOf(light)).toBe(pdf.replace("/FontFile2", "/FontFilX2"));
  });

  it.each([
    ["a font without ToUnicode", "<< /Type /Font /Subtype /TrueType >> << /FontFile2 7 0 R >>"],
    [
      "dictionaries hidden in object streams",
      "<< /Type /ObjStm >> << /Type /Font /ToUnicode 1 0 R /FontFile2 2 0 R >>",
    ],
    ["a Type3 font", "<< /Type /Font /Subtype /Type3 /ToUnicode 1 0 R >> << /FontFile3 2 0 R >>"],
    ["no embedded fonts", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 1 0 R >>"],
  ])("leaves the file alone with %s", (_name, pdf) => {
    expect(skipFontPrograms(bytesOf(pdf))).toBeNull();
  });

  it("gives the same rows as parsing the fonts, for the sample and a rendered PDF", async () => {
    const rendered = await renderPdf({
      template: "2021",
      agency: "某某镇",
      year: 2023,
      cells: { "t3.new.natural": 5 },
    });
    for (const bytes of [SAMPLE, rendered]) {
      expect(skipFontPrograms(bytes)).not.toBeNull();
      const rowsOf = async (options?: Parameters<typeof extractPdf>[1]) => {
        const extracted = await extractPdf(bytes, options);
        return "rows" in extracted ? extracted.rows : extracted;
      };
      expect(await rowsOf()).toEqual(await rowsOf({ fontPrograms: "parse" }));
    }
  });
});
