// One table drawn into a pdfkit document the way Word/WPS exports print it: ruled cells, labels left,
// numbers centred, a merged cell's text centred in its first page's part, header rows optionally
// repeated at the top of every page the table continues on (Word's “重复标题行”).
import type PDFDocument from "pdfkit";
import type { ReportTable } from "@/lib/reader/testing/report-document";
import { placeTableCells, type PlacedCell } from "@/lib/reader/testing/layout-table-grid";

type Pdf = InstanceType<typeof PDFDocument>;

export const PDF_MARGIN = 50;
const FONT_SIZE = 9;
const PADDING = 3;
const MIN_ROW_HEIGHT = 18;

interface RowBox {
  page: number;
  y: number;
}

export interface PdfTableStyle {
  /** Repeat the header rows at the top of each page the table continues on. */
  repeatHeader: boolean;
  /** Text at the top of its cell (then a wrapped label continues below its numbers) or centred. */
  verticalAlign: "top" | "middle";
  /** Numbers centred or right-aligned in their cells. */
  numberAlign: "center" | "right";
}

export function drawPdfTable(doc: Pdf, table: ReportTable, style: PdfTableStyle): void {
  doc.fontSize(FONT_SIZE);
  const total = table.widths.reduce((sum, width) => sum + width, 0);
  const widths = table.widths.map((width) => (width / total) * (doc.page.width - 2 * PDF_MARGIN));
  const lefts = widths.map((_, index) => PDF_MARGIN + widths.slice(0, index).reduce((sum, w) => sum + w, 0));
  const placed = placeTableCells(table);
  const spanWidth = (p: PlacedCell) =>
    widths.slice(p.column, p.column + p.colspan).reduce((s, w) => s + w, 0);
  const textHeight = (p: PlacedCell) =>
    p.cell.text === "" ? 0 : doc.heightOfString(p.cell.text, { width: spanWidth(p) - 2 * PADDING });

  const heights = table.rows.map(() => MIN_ROW_HEIGHT);
  for (const p of placed.filter((p) => p.rowspan === 1)) {
    heights[p.row] = Math.max(heights[p.row]!, textHeight(p) + 2 * PADDING);
  }
  const headerRows = table.rows.findIndex((row) => row.some((cell) => cell.role !== "header"));
  const headerHeight = heights.slice(0, Math.max(0, headerRows)).reduce((sum, h) => sum + h, 0);
  const bottom = doc.page.height - PDF_MARGIN;
  let page = doc.bufferedPageRange().count - 1;
  let y = doc.y + 4;
  const repeats: RowBox[] = [];
  const tops: RowBox[] = heights.map((height, row) => {
    if (y + height > bottom) {
      doc.addPage();
      page++;
      y = PDF_MARGIN;
      if (style.repeatHeader && headerRows > 0 && row >= headerRows) {
        repeats.push({ page, y });
        y += headerHeight;
      }
    }
    const top = { page, y };
    y += height;
    return top;
  });

  const draw = (p: PlacedCell, rows: RowBox[]) =>
    drawCell(
      doc,
      p,
      rows,
      heights,
      { x: lefts[p.column]!, width: spanWidth(p), textHeight: textHeight(p) },
      style,
    );
  for (const p of placed) draw(p, tops);
  for (const repeat of repeats) {
    const shifted = tops.map((_, row) => ({
      page: repeat.page,
      y: repeat.y + heights.slice(0, row).reduce((sum, h) => sum + h, 0),
    }));
    for (const p of placed.filter((p) => p.row < headerRows)) draw(p, shifted);
  }
  doc.switchToPage(page);
  doc.x = PDF_MARGIN;
  doc.y = y + 8;
}

/** A cell's border on every page it spans; its text once, centred in the first part. */
function drawCell(
  doc: Pdf,
  p: PlacedCell,
  tops: RowBox[],
  heights: number[],
  { x, width, textHeight }: { x: number; width: number; textHeight: number },
  style: PdfTableStyle,
): void {
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
    // Group labels stay centred over their sub-rows whatever the style, as Word prints merged cells.
    const middle = style.verticalAlign === "middle" || p.rowspan > 1;
    const offset = middle ? Math.max(PADDING, (segment.height - textHeight) / 2) : PADDING;
    const align = p.cell.role === "label" ? "left" : p.cell.role === "value" ? style.numberAlign : "center";
    doc.text(p.cell.text, x + PADDING, segment.y + offset, {
      width: width - 2 * PADDING,
      align,
      lineBreak: true,
    });
  });
}
