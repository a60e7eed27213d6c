// A report as a PDF with a CJK font and drawn table grids, like a Word/WPS export: wrapped long labels,
// numbers centred in their cells, group labels centred over their sub-rows, tables running over pages.
import PDFDocument from "pdfkit";
import {
  buildReportDocument,
  type ReportTable,
  type ReportToRender,
} from "@/lib/reader/testing/report-document";
import {
  placeTableCells,
  unmergeGroupLabels,
  type GroupLabelStyle,
  type PlacedCell,
} from "@/lib/reader/testing/layout-table-grid";

const FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
const FONT_FACE = "WenQuanYiZenHei";
const MARGIN = 50;
const TABLE_FONT_SIZE = 9;
const PADDING = 3;
const MIN_ROW_HEIGHT = 18;

type Pdf = InstanceType<typeof PDFDocument>;

/** `groupLabels`: labels covering several rows centred in one merged cell (default), repeated, or blank below. */
export async function renderPdf(
  report: ReportToRender,
  groupLabels: GroupLabelStyle = "merged",
): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.registerFont("cjk", FONT_FILE, FONT_FACE);
  doc.font("cjk");
  for (const block of buildReportDocument(report)) {
    if (block.kind === "table") drawTable(doc, unmergeGroupLabels(block.table, groupLabels));
    else if (block.kind === "title") drawTitle(doc, block.text, report.agency);
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

/** Lay the rows out first (height, page, top), then draw every cell once per page it spans. */
function drawTable(doc: Pdf, table: ReportTable): void {
  doc.fontSize(TABLE_FONT_SIZE);
  const contentWidth = doc.page.width - 2 * MARGIN;
  const total = table.widths.reduce((sum, width) => sum + width, 0);
  const widths = table.widths.map((width) => (width / total) * contentWidth);
  const lefts = widths.map((_, index) => MARGIN + widths.slice(0, index).reduce((sum, w) => sum + w, 0));
  const placed = placeTableCells(table);
  const spanWidth = (p: PlacedCell) =>
    widths.slice(p.column, p.column + p.colspan).reduce((s, w) => s + w, 0);
  const textHeight = (p: PlacedCell) =>
    p.cell.text === "" ? 0 : doc.heightOfString(p.cell.text, { width: spanWidth(p) - 2 * PADDING });

  const heights = table.rows.map(() => MIN_ROW_HEIGHT);
  for (const p of placed.filter((p) => p.rowspan === 1)) {
    heights[p.row] = Math.max(heights[p.row]!, textHeight(p) + 2 * PADDING);
  }
  const bottom = doc.page.height - MARGIN;
  let page = doc.bufferedPageRange().count - 1;
  let y = doc.y + 4;
  const tops = heights.map((height) => {
    if (y + height > bottom) {
      doc.addPage();
      page++;
      y = MARGIN;
    }
    const top = { page, y };
    y += height;
    return top;
  });

  for (const p of placed) {
    const x = lefts[p.column]!;
    const width = spanWidth(p);
    const segments: { page: number; y: number; height: number }[] = [];
    for (let row = p.row; row < p.row + p.rowspan; row++) {
      const last = segments.at(-1);
      if (last && last.page === tops[row]!.page) last.height += heights[row]!;
      else segments.push({ page: tops[row]!.page, y: tops[row]!.y, height: heights[row]! });
    }
    segments.forEach((segment, index) => {
      doc.switchToPage(segment.page);
      doc.rect(x, segment.y, width, segment.height).lineWidth(0.5).stroke();
      if (index > 0 || p.cell.text === "") return;
      const offset = Math.max(PADDING, (segment.height - textHeight(p)) / 2);
      doc.text(p.cell.text, x + PADDING, segment.y + offset, {
        width: width - 2 * PADDING,
        align: p.cell.role === "label" ? "left" : "center",
        lineBreak: true,
      });
    });
  }
  doc.switchToPage(page);
  doc.x = MARGIN;
  doc.y = y + 8;
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
