import fs from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildOnePagePdf } from "@/lib/reader/extract/build-minimal-pdf";
import { inflatePdfStreams } from "@/lib/reader/extract/inflate-pdf-streams";
import { readPdfTextItems as readText } from "@/lib/reader/testing/read-pdf-text-items";

const SAMPLE = new Uint8Array(
  fs.readFileSync(path.join(import.meta.dirname, "../fixtures/samples/hongze_district_2024.pdf")),
);
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** A one-page PDF whose content stream is Flate-compressed; `extra` is appended to the catalogue. */
function buildPdf(extra = ""): Uint8Array {
  const content = deflateSync(Buffer.from("BT /F1 12 Tf 72 720 Td (Hello tables) Tj ET", "latin1"));
  return buildOnePagePdf(content.toString("latin1"), " /Filter /FlateDecode", extra);
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
