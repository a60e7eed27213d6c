// Positioned PDF text items → rows: items on one baseline form a row, items far apart on it are separate
// cells, and a number or a table label wrapped over several lines is joined back into the row it belongs to.
import type { TextRow } from "@/lib/reader/types";
import {
  joinWrappedLabels,
  type PdfCell as Cell,
  type PdfLine as Line,
} from "@/lib/reader/extract/join-wrapped-labels";
import { joinWrappedNumbers, type JoinedItem } from "@/lib/reader/extract/join-wrapped-numbers";

/** A text item in reading space: x grows to the right, y grows upwards (PDF user space, rotation undone). */
export interface PdfItem {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  /** Set top to bottom (vertical writing): `height` is its extent downwards from y. */
  vertical?: { height: number };
  /** Drawn rotated (a landscape table on a portrait page): x and y are turned back, page rulings are not. */
  rotated?: boolean;
}

/** Items closer than this (× font size) belong to one cell; table columns are always further apart. */
const CELL_GAP = 0.6;
/** A gap wider than this (× font size) inside a cell is printed as a space. */
const SPACE_GAP = 0.25;
/**
 * A number this far (× font size) from the text before it is a cell of its own, however close: a table printed
 * without borders or padding sets a cell's number right after its neighbour's text (“规范性文件” “4”). Text run
 * on within one cell (“自” “2020” “年”, a font change) is set with no gap at all.
 */
const NUMBER_GAP = 0.1;
/** The lines of one wrapped cell lie at most this far apart (× font size), as in join-wrapped-numbers.ts. */
const WRAP_GAP = 1.6;
/** Lines of numbers this close (× font size) are one cell's lines, not two rows: a row's padding needs more. */
const LINE_PITCH = 1.22;
const NUMBER = /^[-+]?\d[\d,]*(?:\.\d+)?$/;
/** Baselines closer than this (× font size) are one row: numbers are often set in a larger font. */
const BASELINE_TOLERANCE = 0.4;

export function groupPdfItems(items: PdfItem[], page: number): TextRow[] {
  return groupPdfLines(items, page).map((line) => line.row);
}

/**
 * A row broken across pages breaks its wrapped number too: the foot of one page and the head of the next hold its
 * lines. Where the first line of numbers on a page may be wrapped (joined from lines, or marked by markWrapDoubts),
 * the last line of numbers on the page before is in the same doubt, and the other way round.
 */
export function markWrapDoubtsAcrossPages(pages: readonly TextRow[][]): void {
  const numbered = (row: TextRow) => row.cells.some((cell) => cell !== null && NUMBER.test(cell));
  const wrapped = (row: TextRow | undefined) => row?.wrapDoubt === true || row?.unwrapped !== undefined;
  for (let page = 1; page < pages.length; page++) {
    const last = pages[page - 1]!.findLast(numbered);
    const first = pages[page]!.find(numbered);
    if (!last || !first) continue;
    if (wrapped(first)) last.wrapDoubt = true;
    if (wrapped(last)) first.wrapDoubt = true;
  }
}

/** The rows with the baseline each was read from (top of the page first). */
export function groupPdfLines(items: PdfItem[], page: number): { y: number; row: TextRow }[] {
  const visible = items.filter((item) => item.text.trim() !== "");
  const lines = joinWrappedLabels(buildLines(visible.filter((item) => !item.vertical)));
  // Vertical text (a group label in a tall merged cell) stays a line of its own, placed at its middle.
  for (const item of visible) {
    if (!item.vertical) continue;
    const cell = { text: item.text.trim(), x: item.x, right: item.x + item.width };
    lines.push({ y: item.y - item.vertical.height / 2, fontSize: item.fontSize, cells: [cell] });
  }
  lines.sort((a, b) => b.y - a.y);
  markWrapDoubts(lines);
  return lines.map((line) => {
    const row: TextRow = {
      cells: line.cells.map((cell) => cell.text),
      source: line.cells.length > 1 ? "table" : "line",
      xs: line.cells.map((cell) => round(cell.x)),
      rights: line.cells.map((cell) => round(cell.right)),
      fontSize: line.fontSize,
      y: line.y,
      page,
    };
    if (line.wrapDoubt) row.wrapDoubt = true;
    if (line.cells.some((cell) => cell.unwrapped !== undefined))
      row.unwrapped = line.cells.map((cell) => cell.unwrapped ?? null);
    if (line.cells.some((cell) => cell.unjoined !== undefined))
      row.unjoined = line.cells.map((cell) => cell.unjoined ?? null);
    return { y: line.y, row };
  });
}

/**
 * A line of nothing but numbers is a row of its own only where rulings or the spacing say so. Close above or
 * below another line's numbers, in their columns (a table without borders sets its rows that close), or opening
 * the page (a row broken across pages), it may as well be part of a number wrapped in its cell: both lines are
 * marked, and their cells flagged rather than guessed (joinWrappedNumbers joins only what it is sure of). Once
 * numbers wrap on a page — or wherever two lines of numbers lie no further apart than a cell's own lines — any
 * two lines of numbers that close in the same columns may be one wrapped number: all are marked.
 */
function markWrapDoubts(lines: Line[]): void {
  const bare = (line: Line) => line.cells.length > 0 && line.cells.every((cell) => NUMBER.test(cell.text));
  // `anyColumn`: a line of only numbers close to a row's numbers in other columns may be the rest of a number
  // wrapped about that row's middle.
  const near = (index: number, anyColumn = false): Line[] => {
    const line = lines[index]!;
    return lines.filter(
      (other) =>
        other !== line &&
        Math.abs(other.y - line.y) <= WRAP_GAP * Math.min(other.fontSize, line.fontSize) &&
        other.cells.some(
          (cell) =>
            NUMBER.test(cell.text) &&
            (anyColumn ||
              line.cells.some((own) => NUMBER.test(own.text) && own.x < cell.right && cell.x < own.right)),
        ),
    );
  };
  let wrapping = lines.some((line) => line.cells.some((cell) => cell.unwrapped !== undefined));
  lines.forEach((line, index) => {
    if (!bare(line)) return;
    const others = near(index, true);
    if (others.length === 0 && index !== 0) return;
    wrapping = true;
    line.wrapDoubt = true;
    for (const other of others) other.wrapDoubt = true;
  });
  lines.forEach((line, index) => {
    // Closer than a line and a bit: no room for a row's own padding between them.
    const others = near(index).filter(
      (other) =>
        wrapping || Math.abs(other.y - line.y) <= LINE_PITCH * Math.min(other.fontSize, line.fontSize),
    );
    if (others.length === 0) return;
    line.wrapDoubt = true;
    for (const other of others) other.wrapDoubt = true;
  });
}

function buildLines(items: PdfItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  for (const item of sorted) {
    const group = groups.at(-1);
    const anchor = group?.[0];
    const tolerance = anchor ? BASELINE_TOLERANCE * Math.min(anchor.fontSize, item.fontSize) : 0;
    if (group && anchor && anchor.y - item.y <= tolerance) group.push(item);
    else groups.push([item]);
  }
  return joinWrappedNumbers(groups).map((group) => ({
    y: group[0]!.y,
    ...(group.some((item) => item.wrapDoubt) ? { wrapDoubt: true } : {}),
    fontSize: Math.max(...group.map((item) => item.fontSize)),
    cells: buildCells(group.sort((a, b) => a.x - b.x)),
  }));
}

function buildCells(items: JoinedItem[]): Cell[] {
  const cells: (Cell & { fontSize: number; own: string; wrapped: boolean; partly: string; cut: boolean })[] =
    [];
  for (const item of items) {
    const last = cells.at(-1);
    const gap = last ? item.x - last.right : Infinity;
    const size = last ? Math.min(last.fontSize, item.fontSize) : item.fontSize;
    const own = item.unwrapped ?? item.text;
    const partly = item.unjoined ?? item.text;
    const ownNumber = NUMBER.test(item.text.trim()) && gap > NUMBER_GAP * size;
    if (last && gap <= CELL_GAP * size && !ownNumber) {
      const space = gap > SPACE_GAP * size ? " " : "";
      last.text += space + item.text;
      last.own += space + own;
      last.partly += space + partly;
      last.wrapped ||= item.unwrapped !== undefined;
      last.cut ||= item.unjoined !== undefined;
      last.right = Math.max(last.right, item.x + item.width);
    } else {
      cells.push({
        text: item.text,
        own,
        wrapped: item.unwrapped !== undefined,
        partly,
        cut: item.unjoined !== undefined,
        x: item.x,
        right: item.x + item.width,
        fontSize: item.fontSize,
      });
    }
  }
  return cells.map(({ text, own, wrapped, partly, cut, x, right }) => {
    const cell: Cell = { text: clean(text), x, right };
    if (wrapped) cell.unwrapped = clean(own);
    if (cut) cell.unjoined = clean(partly);
    return cell;
  });
}

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
