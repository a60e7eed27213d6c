import { describe, expect, it } from "vitest";
import { extractDocument } from "@/lib/reader/extract/extract-document";
import { buildCMap } from "@/lib/reader/extract/builtin-cmaps";
import { encodeText } from "@/lib/reader/testing/encode-text";

/**
 * A one-page PDF as Java/iText writes Chinese: a Type0 font over the non-embedded STSong-Light with one of
 * Adobe's predefined CMaps, and no ToUnicode map. `codes` are the string's bytes in that CMap's encoding.
 */
function makePredefinedCMapPdf(encoding: string, lines: Uint8Array[]): Uint8Array {
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex").toUpperCase();
  const content = lines
    .map((codes, i) => `BT /F1 12 Tf 50 ${700 - 20 * i} Td <${hex(codes)}> Tj ET`)
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-${encoding} /Encoding /${encoding} /DescendantFonts [5 0 R] >>`,
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, "latin1"));
}

const LINES = ["2023年政府信息公开工作年度报告", "一、本年新收政府信息公开申请数量 95"];

describe("PDF text in fonts with Adobe's predefined CJK CMaps", () => {
  it.each([
    ["UniGB-UCS2-H", (text: string) => encodeText(text, "utf-16be")],
    ["UniGB-UTF16-H", (text: string) => encodeText(text, "utf-16be")],
    ["GBK-EUC-H", (text: string) => encodeText(text, "gbk")],
  ])("reads %s", async (encoding, encode) => {
    const result = await extractDocument(makePredefinedCMapPdf(encoding, LINES.map(encode)), "itext.pdf");
    if (!("rows" in result)) throw new Error(result.error.code);
    expect(result.rows.map((row) => row.cells.join(" "))).toEqual(LINES);
  });

  it("answers only for the CMaps it can build", () => {
    expect(buildCMap("UniGB-UCS2-V")).not.toBeNull();
    expect(buildCMap("Adobe-GB1-UCS2")).not.toBeNull();
    expect(buildCMap("90ms-RKSJ-H")).toBeNull();
  });
});
