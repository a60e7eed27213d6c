// A report as a Word file with real Word tables (merged cells via gridSpan/vMerge), built with npm docx.
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import {
  buildReportDocument,
  type ReportBlock,
  type ReportTable,
  type ReportToRender,
} from "@/lib/reader/testing/report-document";
import { unmergeGroupLabels, type GroupLabelStyle } from "@/lib/reader/testing/layout-table-grid";

const FONT = "仿宋_GB2312";

/** `groupLabels`: labels covering several rows as vertically merged cells (default), repeated, or blank below. */
export async function renderDocx(
  report: ReportToRender,
  groupLabels: GroupLabelStyle = "merged",
): Promise<Uint8Array> {
  const children = buildReportDocument(report).flatMap((block) =>
    block.kind === "table"
      ? renderBlock({ kind: "table", table: unmergeGroupLabels(block.table, groupLabels) })
      : renderBlock(block),
  );
  const document = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

function renderBlock(block: ReportBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case "title":
      return [paragraph(block.text, { bold: true, size: 36, center: true })];
    case "heading":
      return [paragraph(block.text, { bold: true, size: 32 })];
    case "paragraph":
      return [paragraph(block.text, { size: 32 })];
    case "table":
      // An empty paragraph after each table, as Word inserts between consecutive tables.
      return [renderTable(block.table), new Paragraph({})];
  }
}

function paragraph(text: string, style: { bold?: boolean; size: number; center?: boolean }): Paragraph {
  return new Paragraph({
    alignment: style.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    children: [new TextRun({ text, bold: style.bold, size: style.size, font: FONT })],
  });
}

function renderTable(table: ReportTable): Table {
  const total = table.widths.reduce((sum, width) => sum + width, 0);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: table.widths.map((width) => Math.round((width / total) * 9000)),
    rows: table.rows.map(
      (row) =>
        new TableRow({
          children: row.map(
            (cell) =>
              new TableCell({
                rowSpan: cell.rowspan,
                columnSpan: cell.colspan,
                verticalAlign: VerticalAlign.CENTER,
                children: [
                  new Paragraph({
                    alignment: cell.role === "label" ? AlignmentType.LEFT : AlignmentType.CENTER,
                    children:
                      cell.text === "" ? [] : [new TextRun({ text: cell.text, size: 21, font: FONT })],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}
