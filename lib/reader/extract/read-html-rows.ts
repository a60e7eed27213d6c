// HTML → rows in document order: every data table as a grid of cells (merged cells expanded), the text
// around the tables (title, paragraphs) as lines. Page chrome that is clearly not content is dropped.
import * as cheerio from "cheerio";
import type { TextRow } from "@/lib/reader/types";
import { expandTableGrid, type SpannedCell } from "@/lib/reader/extract/expand-table-grid";

/** The subset of the DOM (domhandler) nodes the walk needs. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const SKIPPED = new Set(
  "head script style noscript template svg math iframe object embed select button input textarea nav link meta".split(
    " ",
  ),
);
const BLOCKS = new Set(
  (
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure " +
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section summary table tbody td th thead tfoot tr ul"
  ).split(" "),
);

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

/** Invisible to the reader of the page: display:none, the hidden attribute, Word's zero-height spacer rows. */
function isHidden(node: DomNode): boolean {
  const attribs = node.attribs ?? {};
  return (
    "hidden" in attribs ||
    /display\s*:\s*none/i.test(attribs.style ?? "") ||
    (node.name === "tr" && attribs.height === "0")
  );
}

/** A cell's text: its lines (br, paragraphs) joined; a space only where joining would glue two numbers or words. */
export function readCellText(cell: DomNode): string {
  const lines: string[] = [];
  const pieces: string[] = [];
  const flush = () => {
    const line = joinPieces(pieces);
    pieces.length = 0;
    if (line !== "") lines.push(line);
  };
  const walk = (node: DomNode) => {
    if (node.type === "text") return void pieces.push(node.data ?? "");
    if (node.type !== "tag" || SKIPPED.has(node.name ?? "") || isHidden(node)) return;
    if (node.name === "br") return flush();
    const block = BLOCKS.has(node.name ?? "");
    if (block) flush();
    node.children?.forEach(walk);
    if (block) flush();
  };
  cell.children?.forEach(walk);
  flush();
  return lines.reduce((text, line) => (text === "" ? line : text + joiner(text, line) + line), "");
}

function joinPieces(pieces: string[]): string {
  return pieces
    .join("")
    .replace(/[\s\u00a0\u3000]+/g, " ")
    .trim();
}

function joiner(before: string, after: string): string {
  return /[A-Za-z0-9.,%]$/.test(before) && /^[A-Za-z0-9.,%+-]/.test(after) ? " " : "";
}

function readSpan(value: string | undefined): number {
  if (value === undefined) return 1;
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? 1 : parsed;
}

function childElements(node: DomNode): DomNode[] {
  return (node.children ?? []).filter((child) => child.type === "tag");
}

function containsTable(node: DomNode): boolean {
  return (node.children ?? []).some(
    (child) => child.type === "tag" && (child.name === "table" || containsTable(child)),
  );
}
