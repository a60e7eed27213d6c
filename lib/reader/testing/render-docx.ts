// A report as a Word file with real Word tables (merged cells via gridSpan/vMerge), built with npm docx.
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
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
import {
  placeTableCells,
  unmergeGroupLabels,
  type GroupLabelStyle,
} from "@/lib/reader/testing/layout-table-grid";

const FONT = "仿宋_GB2312";

/**
 * `groupLabels`: labels covering several rows as vertically merged cells (default), repeated, or blank below.
 * `narrowNumbers`: number columns so narrow, in so large a type, that numbers wrap inside their cells.
 * `noBorders`: tables with their borders switched off, printed without ruling lines.
 */
export async function renderDocx(
  report: ReportToRender,
  groupLabels: GroupLabelStyle = "merged",
  options: { narrowNumbers?: boolean; noBorders?: boolean } = {},
): Promise<Uint8Array> {
  const narrow = options.narrowNumbers === true;
  const noBorders = options.noBorders === true;
  const children = buildReportDocument(report).flatMap((block) =>
    block.kind === "table"
      ? [renderTable(unmergeGroupLabels(block.table, groupLabels), narrow, noBorders), new Paragraph({})]
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
      return [renderTable(block.table, false, false), new Paragraph({})];
  }
}

function paragraph(text: string, style: { bold?: boolean; size: number; center?: boolean }): Paragraph {
  return new Paragraph({
    alignment: style.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    children: [new TextRun({ text, bold: style.bold, size: style.size, font: FONT })],
  });
}

function renderTable(table: ReportTable, narrowNumbers: boolean, noBorders: boolean): Table {
  // Narrow: the label columns take the room the number columns give up.
  const labelColumns = new Set(
    placeTableCells(table).flatMap((placed) => (placed.cell.role === "label" ? [placed.column] : [])),
  );
  const widths = narrowNumbers
    ? table.widths.map((width, index) => (labelColumns.has(index) ? width * 1.2 : width * 0.8))
    : table.widths;
  const total = widths.reduce((sum, width) => sum + width, 0);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths.map((width) => Math.round((width / total) * 9000)),
    ...(noBorders ? { borders: TableBorders.NONE } : {}),
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
                      cell.text === ""
                        ? []
                        : [
                            new TextRun({
                              text: cell.text,
                              size: narrowNumbers && cell.role === "value" ? 30 : 21,
                              font: FONT,
                            }),
                          ],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}
