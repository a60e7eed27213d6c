// Report files for upload tests, benchmarks and end-to-end journeys: synthetic agencies over the real region
// tree (lib/synthetic), printed as the text or PDF a person would upload by the reader's own test renderers,
// optionally with a 勾稽 error; and files that must be refused, each with the code the reader gives it.
//   const [file] = makeReportFiles({ count: 1, seed: 7 });   // { fileName, bytes, agency, year, cells, … }
import { findLibreOffice } from "@/lib/reader/extract/convert-with-libreoffice";
import PDFDocument from "pdfkit";
import { getCellId } from "@/lib/ingest/cell-numbers";
import { seededRandom } from "@/lib/reader/testing/generate-report";
import { encodeText } from "@/lib/reader/testing/encode-text";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { renderPdf } from "@/lib/reader/testing/render-pdf";
import { printReport } from "@/lib/reader/testing/render-text-rows";
import { renderTextLayout } from "@/lib/reader/testing/render-text-layouts";
import type { TemplateVersion } from "@/lib/reader/types";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";

export interface ReportFile {
  fileName: string;
  bytes: Uint8Array;
  /** The agency's full name (what the reader resolves) and as printed in the title. */
  agency: string;
  asPrinted: string;
  regionCode: string | null;
  year: number;
  template: TemplateVersion;
  cells: Record<string, number | null>;
}

export interface ReportFileOptions {
  count: number;
  seed: number;
  years?: { from: number; to: number };
  /** Adds this much to 本年新收 · 总计, so rule 1 (新收 total = Σ applicants) fails. */
  offBy?: number;
}

/** Distinct agencies' reports (one year each unless `years` spans several), as tab-separated text. */
export function makeReportFiles(options: ReportFileOptions): ReportFile[] {
  const years = options.years ?? { from: 2023, to: 2023 };
  const files: ReportFile[] = [];
  for (const document of generateSyntheticDocuments({ reports: options.count, years, seed: options.seed })) {
    if (!document.reading.ok || !document.agency || document.year === null || !document.template) continue;
    const cells = Object.fromEntries(
      document.cells.map((cell) => [getCellId(cell.cellNo), cell.value === null ? null : Number(cell.value)]),
    );
    // The synthetic set adds its own few errors and blanks: these files are consistent unless asked.
    if (options.offBy) cells["t3.new.total"] = (cells["t3.new.total"] ?? 0) + options.offBy;
    // The full name in the title: the reader resolves it whatever the agency (short forms it may not).
    const asPrinted = document.agency.name;
    const file: Omit<ReportFile, "bytes" | "fileName"> = {
      agency: document.agency.name,
      asPrinted,
      regionCode: document.regionCodes?.town ?? document.regionCodes?.county ?? null,
      year: document.year,
      template: document.template,
      cells,
    };
    const text = renderReportText(file, options.seed + files.length);
    files.push({ ...file, fileName: `${asPrinted}${file.year}年报.txt`, bytes: encodeText(text, "utf-8") });
  }
  return files;
}

/** The report as tab-separated text; `blanks` are printed empty (the reader reads them as not printed). */
export function renderReportText(
  file: Omit<ReportFile, "bytes" | "fileName">,
  seed: number,
  blanks: ReadonlySet<string> = new Set(),
): string {
  const random = seededRandom(seed);
  const rows = printReport(
    {
      template: file.template,
      year: file.year,
      agency: file.asPrinted,
      cells: file.cells,
      otherAsOneRow: false,
    },
    { misspell: false, spaced: false, halfWidth: false, blanks },
    random,
  );
  return renderTextLayout(rows, "tabs", random, false);
}

export function renderReportPdf(file: ReportFile): Promise<Uint8Array> {
  return renderPdf({ template: file.template, agency: file.asPrinted, year: file.year, cells: file.cells });
}

export function renderReportHtml(file: ReportFile): Uint8Array {
  const html = renderHtml({
    template: file.template,
    agency: file.asPrinted,
    year: file.year,
    cells: file.cells,
  });
  return encodeText(html, "utf-8");
}

export interface BadFile {
  fileName: string;
  bytes: Uint8Array;
  code: string;
}

/** One file per refusal the reader gives, as people really send them. */
export function makeBadFiles(): BadFile[] {
  const random = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
  const ole = (stream: string) => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(encodeText(stream, "utf-16le"), 1024);
    return bytes;
  };
  const text = (value: string) => encodeText(value, "utf-8");
  return [
    { fileName: "空文件.txt", bytes: new Uint8Array(), code: "EMPTY_FILE" },
    {
      fileName: "照片.png",
      bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, ...random]),
      code: "UNSUPPORTED_TYPE",
    },
    // A broken .doc: LibreOffice (installed by .ci/run) cannot convert it; without LibreOffice it is refused unread.
    {
      fileName: "旧版年报.doc",
      bytes: ole("WordDocument"),
      code: findLibreOffice() ? "CORRUPT_FILE" : "LEGACY_DOC",
    },
    { fileName: "加密年报.docx", bytes: ole("EncryptedPackage"), code: "ENCRYPTED" },
    {
      fileName: "损坏的年报.pdf",
      bytes: Uint8Array.from([...text("%PDF-1.7\n"), ...random, ...text("%%EOF")]),
      code: "CORRUPT_FILE",
    },
    {
      fileName: "会议通知.txt",
      bytes: text("关于召开全县安全生产工作会议的通知\n各乡镇：\n定于2023年3月1日召开会议。"),
      code: "NOT_A_REPORT",
    },
    {
      fileName: "2017年报.txt",
      bytes: text(
        "某某县2017年政府信息公开工作年度报告\n一、概述\n本年共受理申请12件，其中当面申请5件，网络申请7件。\n同意公开10件，不同意公开2件。",
      ),
      code: "PRE_2019_FORMAT",
    },
  ];
}

/** A PDF with only a picture on its page (a scan): NO_TEXT_LAYER. */
export async function renderImageOnlyPdf(): Promise<BadFile> {
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.rect(50, 50, 200, 100).fill("#888");
  doc.end();
  await done;
  return { fileName: "扫描件.pdf", bytes: new Uint8Array(Buffer.concat(chunks)), code: "NO_TEXT_LAYER" };
}
