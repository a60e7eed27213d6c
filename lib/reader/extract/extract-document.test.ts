import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { Document, ImageRun, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { extractDocument, MAX_INPUT_BYTES } from "@/lib/reader/extract/extract-document";
import { extractLegacyDoc } from "@/lib/reader/extract/extract-legacy-doc";
import { findLibreOffice } from "@/lib/reader/extract/convert-with-libreoffice";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { encodeText } from "@/lib/reader/testing/encode-text";
import type { ReportToRender } from "@/lib/reader/testing/report-document";

const fixture = (name: string) => path.join(import.meta.dirname, "../fixtures", name);

const SAMPLE_PDF = new Uint8Array(fs.readFileSync(fixture("samples/hongze_district_2024.pdf")));
const REPORT: ReportToRender = {
  template: "2021",
  agency: "某某镇人民政府",
  year: 2023,
  cells: { "t3.new.natural": 7 },
};

/** A PDF drawn with pdfkit: `draw` decides what is on the single page. */
async function makePdf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}) {
  const doc = new PDFDocument({ size: "A4", ...options });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  draw(doc);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const withText = (doc: PDFKit.PDFDocument) =>
  doc
    .font("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYiZenHei")
    .text("政府信息公开工作年度报告 2023");

/** A Word file whose only content is a (1×1 PNG) picture, as when a scanned report is pasted in. */
async function docxWithPicture(): Promise<Uint8Array> {
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  const image = new ImageRun({ type: "png", data: png, transformation: { width: 100, height: 100 } });
  const document = new Document({ sections: [{ children: [new Paragraph({ children: [image] })] }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

function oleFile(streamName: string): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set(encodeText(streamName, "utf-16le"), 1024);
  return bytes;
}

describe("extractDocument rejections", () => {
  const random = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, string, string][] = [
    ["an empty file", () => new Uint8Array(), "a.txt", "EMPTY_FILE"],
    ["whitespace only", () => encodeText(" \r\n\t\n  ", "utf-8"), "a.txt", "EMPTY_FILE"],
    ["whitespace in UTF-16", () => encodeText("   \n ", "utf-16le-bom"), "a.txt", "EMPTY_FILE"],
    [
      "an HTML page without text",
      () => encodeText("<html><body><div> </div></body></html>", "utf-8"),
      "a.html",
      "EMPTY_FILE",
    ],
    ["random bytes", () => random, "a.bin", "UNSUPPORTED_TYPE"],
    ["random bytes named .pdf", () => random, "a.pdf", "UNSUPPORTED_TYPE"],
    [
      "a PNG image",
      () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, ...random]),
      "a.png",
      "UNSUPPORTED_TYPE",
    ],
    ["RTF named .doc", () => encodeText("{\\rtf1\\ansi 年报}", "utf-8"), "报告.doc", "UNSUPPORTED_TYPE"],
    [
      "an OFD file",
      () => Uint8Array.from([0x50, 0x4b, 3, 4, ...encodeText("OFD.xml", "utf-8"), ...random]),
      "a.ofd",
      "UNSUPPORTED_TYPE",
    ],
    ["a Word file with only a picture", () => docxWithPicture(), "scan.docx", "NO_TEXT_LAYER"],
    ["an Excel .xls", () => oleFile("Workbook"), "a.xls", "UNSUPPORTED_TYPE"],
    ["a password-protected .docx", () => oleFile("EncryptedPackage"), "a.docx", "ENCRYPTED"],
    [
      "a zip that is not a Word file",
      () => Uint8Array.from([0x50, 0x4b, 3, 4, ...random]),
      "a.zip",
      "UNSUPPORTED_TYPE",
    ],
    ["a truncated PDF", () => SAMPLE_PDF.subarray(0, SAMPLE_PDF.length / 2), "a.pdf", "CORRUPT_FILE"],
    [
      "a PDF header and garbage",
      () =>
        Uint8Array.from([...encodeText("%PDF-1.7\n", "utf-8"), ...random, ...encodeText("%%EOF", "utf-8")]),
      "a.pdf",
      "CORRUPT_FILE",
    ],
    ["a truncated DOCX", async () => (await renderDocx(REPORT)).subarray(0, 3000), "a.docx", "CORRUPT_FILE"],
    [
      "a password-protected PDF",
      () => makePdf(withText, { userPassword: "secret", ownerPassword: "owner" }),
      "a.pdf",
      "ENCRYPTED",
    ],
    [
      "an image-only PDF",
      () => makePdf((doc) => void doc.rect(50, 50, 200, 100).fill("#888")),
      "scan.pdf",
      "NO_TEXT_LAYER",
    ],
  ];

  it.each(cases)("rejects %s", async (_name, make, fileName, code) => {
    const result = await extractDocument(await make(), fileName);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if ("error" in result) expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("rejects a file over the size limit before reading it", async () => {
    const result = await extractDocument(new Uint8Array(MAX_INPUT_BYTES + 1), "big.pdf");
    expect(result).toMatchObject({ ok: false, error: { code: "TOO_LARGE" } });
  });
});

describe("legacy Word and WPS files", () => {
  it.each([
    ["a legacy Word .doc", oleFile("WordDocument")],
    ["an OLE file named .wps", oleFile("Contents")],
  ])(
    "without LibreOffice, %s is LEGACY_DOC with a message saying how to install it",
    async (_case, bytes) => {
      const result = await extractLegacyDoc(bytes, { libreOffice: null });
      expect(result).toMatchObject({
        ok: false,
        error: { code: "LEGACY_DOC" },
        mediaType: "application/msword",
      });
      expect("error" in result && result.error.message).toContain("apt-get install libreoffice-writer-nogui");
    },
  );

  it.skipIf(!findLibreOffice())(
    `with LibreOffice, a damaged .doc is CORRUPT_FILE, not a crash${findLibreOffice() ? "" : " — skipped: LibreOffice (soffice) not installed"}`,
    async () => {
      const result = await extractDocument(oleFile("WordDocument"), "报告.doc");
      expect(result).toMatchObject({ ok: false, error: { code: "CORRUPT_FILE" } });
    },
    90_000,
  );
});

describe("extractDocument formats", () => {
  it("reads a PDF whose owner password only restricts permissions", async () => {
    const result = await extractDocument(await makePdf(withText, { ownerPassword: "owner" }), "a.pdf");
    expect("rows" in result && result.rows[0]?.cells).toEqual(["政府信息公开工作年度报告 2023"]);
  });

  it.each([0, 90, -90, 180])("reads a table drawn rotated by %i° along its own rows", async (angle) => {
    const pdf = await makePdf((doc) => {
      withText(doc)
        .fontSize(10)
        .rotate(angle, { origin: [300, 400] });
      const cells: [string, number, number][] = [
        ["一、本年新收", 150, 300],
        ["12", 300, 300],
        ["3", 350, 300],
        ["二、上年结转", 150, 320],
        ["4", 300, 320],
        ["5", 350, 320],
      ];
      for (const [text, x, y] of cells) doc.text(text, x, y, { lineBreak: false });
    });
    const result = await extractDocument(pdf, "rotated.pdf");
    expect("rows" in result && result.rows.slice(-2).map((row) => row.cells)).toEqual([
      ["一、本年新收", "12", "3"],
      ["二、上年结转", "4", "5"],
    ]);
  });

  it("detects HTML by its content whatever the file is called, and decodes its GBK", async () => {
    const html = renderHtml(REPORT, { charset: "gb2312" });
    const result = await extractDocument(encodeText(html, "gbk"), "report.doc");
    expect(result).toMatchObject({ mediaType: "text/html" });
    expect("rows" in result && result.rows[0]?.cells).toEqual([
      "某某镇人民政府2023年政府信息公开工作年度报告",
    ]);
  });

  it("reads plain text as one line row per line, tabs kept", async () => {
    const result = await extractDocument(encodeText("标题\r\n规章\t0\t1\r最后", "gbk"), "a.txt");
    expect(result).toEqual({
      mediaType: "text/plain",
      rows: [
        { cells: ["标题"], source: "line" },
        { cells: ["规章\t0\t1"], source: "line" },
        { cells: ["最后"], source: "line" },
      ],
    });
  });

  it("reads many documents at once exactly as one by one (bulk uploads)", async () => {
    const docx = await renderDocx(REPORT);
    const inputs: [Uint8Array, string][] = [
      [SAMPLE_PDF, "a.pdf"],
      [docx, "b.docx"],
      [SAMPLE_PDF, "c.pdf"],
      [docx, "d.docx"],
    ];
    const oneByOne = [];
    for (const [bytes, name] of inputs) oneByOne.push(await extractDocument(bytes, name));
    const rowsOf = (extracted: Awaited<ReturnType<typeof extractDocument>>) =>
      "rows" in extracted ? extracted.rows : extracted;
    const together = await Promise.all(inputs.map(([bytes, name]) => extractDocument(bytes, name)));
    expect(together.map(rowsOf)).toEqual(oneByOne.map(rowsOf));
  });

  it("reads the sample PDF's tables across pages, numbers in their columns", async () => {
    const result = await extractDocument(SAMPLE_PDF, "hongze.pdf");
    if (!("rows" in result)) throw new Error(result.error.message);
    const byLabel = (label: string) => result.rows.find((row) => row.cells[0]?.startsWith(label));
    expect(byLabel("一、本年新收")?.cells).toEqual([
      "一、本年新收政府信息公开申请数量",
      "95",
      "0",
      "0",
      "0",
      "0",
      "0",
      "95",
    ]);
    expect(byLabel("（二）部分公开")?.cells[0]).toBe(
      "（二）部分公开（区分处理的，只计这一情 形，不计其他情形）",
    );
    expect(byLabel("5.要求行政机关")).toMatchObject({
      page: 4,
      cells: ["5.要求行政机关确认或重 新出具已获取信息", ...Array(7).fill("0")],
    });
    expect(result.rows.find((row) => row.cells.length === 15)?.cells.join(" ")).toBe(
      "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3",
    );
  });
});
