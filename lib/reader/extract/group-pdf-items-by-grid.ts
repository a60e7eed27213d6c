// A PDF page read by its ruled tables: each text item goes to the cell it sits in, so an empty cell stays an
// empty cell (Word prints a blank for zero), a number wrapped inside a narrow cell (“3” above “8”) is joined back
// into 38, and a row is a row however its labels wrap. Text outside the tables, and tables whose rulings do not
// separate their numbers, are grouped line by line as before.
import type { TextRow } from "@/lib/reader/types";
import { groupPdfLines, type PdfItem } from "./group-pdf-items";
import { findRuledTables, type RuledCell, type RuledTable } from "./find-ruled-tables";
import type { Segment } from "./read-pdf-rulings";

/** Baselines closer than this (× font size) are one line within a cell. */
const BASELINE_TOLERANCE = 0.4;
/** A gap wider than this (× font size) between items on one line is printed as a space. */
const SPACE_GAP = 0.25;
const NUMBER = /^[-+]?\d[\d,.]*$/;
/** A ruling this far (pt) inside an item's ends is crossed by it; closer, it only touches. */
const COLUMN_MARGIN = 1;

export function groupPdfItemsByGrid(
  items: readonly PdfItem[],
  segments: readonly Segment[],
  page: number,
): TextRow[] {
  const tables = findRuledTables(segments);
  const loose: PdfItem[] = [];
  const byTable = new Map<RuledTable, Map<RuledCell, PdfItem[]>>();
  for (const item of items.flatMap((item) => splitAcrossColumns(item, tables))) {
    const found = locate(tables, item);
    if (!found) {
      loose.push(item);
      continue;
    }
    const cells = byTable.get(found.table) ?? new Map<RuledCell, PdfItem[]>();
    byTable.set(found.table, cells);
    const cellItems = cells.get(found.cell);
    if (cellItems) cellItems.push(item);
    else cells.set(found.cell, [item]);
  }
  const placed: { y: number; rows: TextRow[] }[] = [];
  for (const [table, cells] of byTable) {
    const texts = new Map([...cells].map(([cell, cellItems]) => [cell, readCellText(cellItems)]));
    // Rulings that leave several numbers on one line of a cell do not separate the table's columns.
    if (
      [...texts.values()].some((text) => text.split(/\s+/).filter((part) => NUMBER.test(part)).length > 1)
    ) {
      loose.push(...[...cells.values()].flat());
      continue;
    }
    placed.push({ y: table.ys[0]!, rows: tableRows(table, texts, page) });
  }
  for (const line of groupPdfLines([...loose], page)) placed.push({ y: line.y, rows: [line.row] });
  return placed.sort((a, b) => b.y - a.y).flatMap((entry) => entry.rows);
}

/**
 * pdf.js joins text that runs on without a gap into one item: digits printed in neighbouring narrow cells come
 * out as “454”. An item crossing a column ruling is cut into its characters, each placed by its own advance.
 */
function splitAcrossColumns(item: PdfItem, tables: readonly RuledTable[]): PdfItem[] {
  const chars = [...item.text];
  if (chars.length < 2 || item.vertical || item.width <= 0) return [item];
  const right = item.x + item.width;
  const crosses = tables.some(
    (table) =>
      item.y <= table.ys[0]! &&
      item.y >= table.ys.at(-1)! &&
      table.xs.some((x) => x > item.x + COLUMN_MARGIN && x < right - COLUMN_MARGIN),
  );
  if (!crosses) return [item];
  const advance = item.width / chars.length;
  return chars.map((text, index) => ({ ...item, text, x: item.x + index * advance, width: advance }));
}

function locate(tables: readonly RuledTable[], item: PdfItem): { table: RuledTable; cell: RuledCell } | null {
  const x = item.x + item.width / 2;
  const y = item.vertical ? item.y - item.vertical.height / 2 : item.y + item.fontSize * 0.35;
  for (const table of tables) {
    const column = table.xs.findIndex((left, index) => x >= left && x < (table.xs[index + 1] ?? -Infinity));
    const row = table.ys.findIndex((top, index) => y <= top && y > (table.ys[index + 1] ?? Infinity));
    if (column < 0 || row < 0) continue;
    const cell = table.slots[row]?.[column];
    return cell?.enclosed ? { table, cell } : null;
  }
  return null;
}

/** Lines top to bottom; a number wrapped over lines is one number again; other lines join without a space. */
function readCellText(items: readonly PdfItem[]): string {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PdfItem[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    const anchor = line?.[0];
    if (anchor && anchor.y - item.y <= BASELINE_TOLERANCE * Math.min(anchor.fontSize, item.fontSize))
      line.push(item);
    else lines.push([item]);
  }
  const texts = lines.map((line) => joinLine(line.sort((a, b) => a.x - b.x)));
  return texts.reduce((joined, text) => {
    if (joined === "") return text;
    const wrappedNumber = NUMBER.test(joined.replace(/\s/g, "")) && NUMBER.test(text);
    if (wrappedNumber || !/[A-Za-z0-9]$/.test(joined) || !/^[A-Za-z0-9]/.test(text)) return joined + text;
    return `${joined} ${text}`;
  }, "");
}

function joinLine(items: readonly PdfItem[]): string {
  let text = "";
  let right = -Infinity;
  for (const item of items) {
    const gap = item.x - right;
    text += text !== "" && gap > SPACE_GAP * item.fontSize ? ` ${item.text.trim()}` : item.text.trim();
    right = Math.max(right, item.x + item.width);
  }
  return text.trim();
}

/** The table as rows of its grid: a merged cell's text in its first slot, null in the slots it covers. */
function tableRows(table: RuledTable, texts: ReadonlyMap<RuledCell, string>, page: number): TextRow[] {
  const rows = table.slots.map((slots, r) =>
    slots.map((cell, c): string | null =>
      cell.enclosed && r === cell.row && c === cell.column ? (texts.get(cell) ?? "") : null,
    ),
  );
  const xs = table.xs.slice(0, -1);
  // y: the middle of the row's band, for finding its text again on the page (lib/reader/locate).
  return rows
    .map((cells, r) => ({ cells, y: (table.ys[r]! + table.ys[r + 1]!) / 2 }))
    .filter(({ cells }) => cells.some((cell) => cell !== null))
    .map(({ cells, y }) => ({ cells, source: "table" as const, xs, y, page, ruled: true }));
}
