// A report as a PDF with a CJK font and drawn table grids, like a Word/WPS export: wrapped long labels,
// numbers centred in their cells, group labels centred over their sub-rows, tables running over pages.
import PDFDocument from "pdfkit";
import { buildReportDocument, type ReportToRender } from "@/lib/reader/testing/report-document";
import { unmergeGroupLabels, type GroupLabelStyle } from "@/lib/reader/testing/layout-table-grid";
import { drawPdfTable, PDF_MARGIN as MARGIN } from "@/lib/reader/testing/draw-pdf-table";

const FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
const FONT_FACE = "WenQuanYiZenHei";

export interface PdfOptions {
  /** Labels covering several rows: centred in one merged cell (default), repeated, or blank below. */
  groupLabels?: GroupLabelStyle;
  /** Repeat a table's header rows at the top of each page it continues on. */
  repeatHeader?: boolean;
  /** Cell text at the top of its cell or centred (default). */
  verticalAlign?: "top" | "middle";
  /** Numbers centred (default) or right-aligned. */
  numberAlign?: "center" | "right";
}

type Pdf = InstanceType<typeof PDFDocument>;

export async function renderPdf(report: ReportToRender, options: PdfOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.registerFont("cjk", FONT_FILE, FONT_FACE);
  doc.font("cjk");
  for (const block of buildReportDocument(report)) {
    if (block.kind === "table") {
      drawPdfTable(doc, unmergeGroupLabels(block.table, options.groupLabels ?? "merged"), {
        repeatHeader: options.repeatHeader ?? false,
        verticalAlign: options.verticalAlign ?? "middle",
        numberAlign: options.numberAlign ?? "center",
      });
    } else if (block.kind === "title") drawTitle(doc, block.text, report.agency);
    else doc.fontSize(block.kind === "heading" ? 14 : 12).text(block.text, { indent: 24, lineGap: 4 });
  }
  drawPageNumbers(doc);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A title too long for one line is set as real reports set it: the agency, then the rest of the title. */
function drawTitle(doc: Pdf, title: string, agency: string): void {
  doc.fontSize(18);
  const fits = doc.widthOfString(title) <= doc.page.width - 2 * MARGIN;
  const lines = fits || !title.startsWith(agency) ? [title] : [agency, title.slice(agency.length)];
  for (const line of lines) doc.text(line, { align: "center" });
  doc.moveDown(0.5);
}

/** Page numbers in the footer, as real exports print them (“- 3 -”): noise the reader must ignore. */
function drawPageNumbers(doc: Pdf): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(10).text(`- ${index + 1} -`, MARGIN, doc.page.height - 35, {
      width: doc.page.width - 2 * MARGIN,
      align: "center",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottomMargin;
  }
}
