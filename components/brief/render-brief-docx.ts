// The supervision brief as a Word file (the `docx` package): the same document the printable page shows —
// title, facts (data date, filters), sections with their sentences and tables — in 宋体 on A4.
//   const bytes = await renderBriefDocx(buildBriefDocument(brief, { generatedAt }));
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { BriefDocument, BriefTable } from "@/components/brief/build-brief-document";

const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };

export async function renderBriefDocx(brief: BriefDocument): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, text: brief.title }),
    ...brief.facts.map(
      (fact) => new Paragraph({ children: [new TextRun({ text: fact, size: 18, color: "555555" })] }),
    ),
  ];
  for (const section of brief.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: section.heading }));
    for (const paragraph of section.paragraphs) children.push(new Paragraph({ text: paragraph }));
    for (const table of section.tables) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: table.title }));
      children.push(toTable(table));
    }
  }
  const document = new Document({
    creator: "年报 Dashboard",
    title: brief.title,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

function toTable(table: BriefTable): Table {
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (text, index) =>
          new TableCell({
            children: [
              new Paragraph({
                alignment: index === 0 || header ? AlignmentType.LEFT : AlignmentType.RIGHT,
                children: [new TextRun({ text, bold: header, size: 18 })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(table.columns, true), ...table.rows.map((cells) => row(cells, false))],
  });
}
