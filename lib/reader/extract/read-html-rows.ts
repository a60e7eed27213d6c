// HTML → rows in document order: every data table as a grid of cells (merged cells expanded), the text
// around the tables (title, paragraphs) as lines. Page chrome that is clearly not content is dropped.
import * as cheerio from "cheerio";
import type { TextRow } from "@/lib/reader/types";
import { expandTableGrid, type SpannedCell } from "@/lib/reader/extract/expand-table-grid";
import {
  BLOCKS,
  childElements,
  isHidden,
  joinPieces,
  readCellText,
  SKIPPED,
  type DomNode,
} from "@/lib/reader/extract/read-cell-text";

export function readHtmlRows(html: string): TextRow[] {
  const $ = cheerio.load(html);
  const root = $.root()[0] as unknown as DomNode;
  const rows: TextRow[] = [];
  const pieces: string[] = [];
  const flush = () => {
    const line = joinPieces(pieces);
    pieces.length = 0;
    if (line !== "") rows.push({ cells: [line], source: "line" });
  };
  const walk = (node: DomNode) => {
    if (node.type === "text") return void pieces.push(node.data ?? "");
    if (node.type !== "tag" && node.type !== "root") return;
    const name = node.name ?? "";
    if (SKIPPED.has(name) || isHidden(node)) return;
    if (name === "br") return flush();
    if (name === "table" && !containsTable(node)) {
      flush();
      rows.push(...readTableRows(node));
      return;
    }
    // Layout tables (a table holding tables) are read as blocks so the data tables inside stay grids.
    const block = BLOCKS.has(name);
    if (block) flush();
    node.children?.forEach(walk);
    if (block) flush();
  };
  walk(root);
  flush();
  const title = findPageTitle($("title").first().text());
  const printsTitle = rows.some((row) => row.cells.some((cell) => cell?.includes("报告")));
  return title && !printsTitle ? [{ cells: [title], source: "line" }, ...rows] : rows;
}

/**
 * Some CMS pages draw the report title with script, leaving it only in <title> ("…年度报告_某某区人民政府"):
 * then the title's report part is the document's first line.
 */
function findPageTitle(text: string): string | null {
  const part = text.split(/\s*[_|｜—–]\s*|\s+-\s+/).find((piece) => /年度?报告/.test(piece));
  return part ? part.replace(/\s+/g, " ").trim() : null;
}

function readTableRows(table: DomNode): TextRow[] {
  const caption = childElements(table).find((child) => child.name === "caption");
  const spanned: SpannedCell[][] = findRows(table).map((tr) =>
    childElements(tr)
      .filter((cell) => cell.name === "td" || cell.name === "th")
      .map((cell) => ({
        text: readCellText(cell),
        rowspan: readSpan(cell.attribs?.rowspan),
        colspan: readSpan(cell.attribs?.colspan),
      })),
  );
  // A <tr> with no cells at all (spacer rows) is no row of the table.
  const rows: TextRow[] = expandTableGrid(spanned)
    .filter((cells) => cells.length > 0)
    .map((cells) => ({ cells, source: "table" }));
  const title = caption ? readCellText(caption) : "";
  return title === "" ? rows : [{ cells: [title], source: "line" }, ...rows];
}

/** Rows of this table only: direct children of the table or of its thead/tbody/tfoot. */
function findRows(table: DomNode): DomNode[] {
  return childElements(table).flatMap((child): DomNode[] => {
    if (child.name === "tr") return isHidden(child) ? [] : [child];
    if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") {
      return childElements(child).filter((row) => row.name === "tr" && !isHidden(row));
    }
    return [];
  });
}

function readSpan(value: string | undefined): number {
  if (value === undefined) return 1;
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? 1 : parsed;
}

function containsTable(node: DomNode): boolean {
  return (node.children ?? []).some(
    (child) => child.type === "tag" && (child.name === "table" || containsTable(child)),
  );
}
