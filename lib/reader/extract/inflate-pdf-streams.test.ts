import fs from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { inflatePdfStreams } from "@/lib/reader/extract/inflate-pdf-streams";
import { BuiltInCMapFactory } from "@/lib/reader/extract/builtin-cmaps";

const SAMPLE = new Uint8Array(
  fs.readFileSync(path.join(import.meta.dirname, "../fixtures/samples/hongze_district_2024.pdf")),
);
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** A one-page PDF whose content stream is Flate-compressed; `extra` is appended to the catalogue. */
function buildPdf(extra = ""): Uint8Array {
  const content = deflateSync(Buffer.from("BT /F1 12 Tf 72 720 Td (Hello tables) Tj ET", "latin1"));
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${extra}>>`,
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R " +
      "/Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n${content.toString("latin1")}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let text = "%PDF-1.7\n";
  const offsets = objects.map((body, index) => {
    const offset = text.length;
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  text += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n\r\n`).join("");
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, "latin1"));
}

async function readText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(bytes.slice(), {
    verbosity: 0,
    BinaryDataFactory: BuiltInCMapFactory,
    cMapUrl: "builtin/",
    cMapPacked: false,
  });
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    // Font names carry a per-document counter (g_d3_f1): compare everything else.
    pages.push(JSON.stringify(content.items).replace(/g_d\d+_/g, ""));
  }
  await pdf.destroy();
  return pages;
}

describe("inflatePdfStreams", () => {
  it("stores the content stream uncompressed and pdf.js reads the same text", async () => {
    const pdf = buildPdf();
    const inflated = inflatePdfStreams(pdf);
    expect(inflated).not.toBeNull();
    expect(latin1(inflated!)).toContain("(Hello tables) Tj");
    expect(latin1(inflated!)).not.toContain("/FlateDecode");
    expect(await readText(inflated!)).toEqual(await readText(pdf));
  });

  it("gives pdf.js the same text items for the sample (xref stream, CJK fonts)", async () => {
    const inflated = inflatePdfStreams(SAMPLE);
    expect(inflated).not.toBeNull();
    expect(await readText(inflated!)).toEqual(await readText(SAMPLE));
  });

  it.each([
    ["an incremental update", (pdf: string) => `${pdf}1 0 obj\n<< >>\nendobj\nstartxref\n0\n%%EOF\n`],
    ["an encrypted file", (pdf: string) => pdf.replace("/Root 1 0 R", "/Root 1 0 R /Encrypt 9 0 R")],
    ["an indirect stream length", (pdf: string) => pdf.replace(/\/Length \d+/, "/Length 6 0 R")],
    ["a wrong stream length", (pdf: string) => pdf.replace(/\/Length (\d+)/, "/Length 3")],
    ["no Flate stream", (pdf: string) => pdf.replace("/Filter /FlateDecode", "/Filter /LZWDecode")],
    ["a byte before the header", (pdf: string) => ` ${pdf}`],
  ])("leaves the file alone with %s", (_name, edit) => {
    const pdf = edit(latin1(buildPdf()));
    expect(inflatePdfStreams(new Uint8Array(Buffer.from(pdf, "latin1")))).toBeNull();
  });
});
