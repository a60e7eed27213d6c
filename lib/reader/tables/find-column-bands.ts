// A PDF table printed without ruling lines, where a blank cell prints nothing: its numbers are placed by their x
// extent against the extents of the column headings above them. A heading and the numbers of its column lie
// within that column, so a number overlapping exactly one heading belongs to it; one overlapping none or two (a
// right-aligned number under a left-aligned heading in a wide column) is not placed, and the row's readings are
// listed for the sums and staff instead (fit-row-values.ts).
import type { TextRow } from "@/lib/reader/types";
import { matchRowLabel } from "@/lib/reader/template/match-row-label";
import type { RowSpec } from "@/lib/reader/template/row-catalogue";
import { SECTION_HEADING } from "./build-items";

export interface ColumnBand {
  left: number;
  right: number;
}

/** How many rows above a table row its headings may start (wrapped headings, blank rows between). */
const HEADER_REACH = 14;
/** Extents overlapping by less than this (pt) only touch. */
const TOUCH = 0.5;
const NUMBER = /^[-+−]?\d[\d,，.]*%?$/;
const TABLE_TITLE = /^第[二2]十条/;

/**
 * The n value columns headed above row `at`, or null unless the headings show exactly n columns right of the
 * row's label (a heading over the label column, 信息内容, is none of them). `specs`: the table's rows, skipped
 * on the way up.
 */
export function findColumnBands(options: {
  rows: readonly TextRow[];
  at: number;
  n: number;
  specs: readonly RowSpec[];
}): ColumnBand[] | null {
  const { rows, at, n, specs } = options;
  const pieces: ColumnBand[] = [];
  const labelRight = labelEnd(rows[at]);
  for (let i = at - 1; i >= 0 && i >= at - HEADER_REACH; i--) {
    const row = rows[i]!;
    if (!row.xs || !row.rights || row.ruled) return null;
    const texts = row.cells.filter((cell): cell is string => cell !== null && cell.trim() !== "");
    const text = texts.join("");
    if (SECTION_HEADING.test(text) || TABLE_TITLE.test(text)) break;
    if (matchRowLabel(texts[0] ?? "", specs)) continue;
    // Numbers above the headings of this table belong to the table before it.
    if (texts.some((cell) => NUMBER.test(cell.trim()))) break;
    row.cells.forEach((cell, index) => {
      if (cell) pieces.push(...splitSpaced(cell, row.xs![index]!, row.rights![index]!, row.fontSize));
    });
  }
  const bands = stackPieces(pieces.filter((piece) => piece.left >= labelRight)).sort(
    (a, b) => a.left - b.left,
  );
  if (bands.length !== n) return null;
  const apart = bands.every((band, index) => index === 0 || bands[index - 1]!.right <= band.left + TOUCH);
  return apart ? bands : null;
}

/** Where the row's label ends: its value columns lie right of it (表四 prints no label). */
function labelEnd(row: TextRow | undefined): number {
  let end = -Infinity;
  row?.cells.forEach((cell, index) => {
    const right = row.rights?.[index];
    if (cell && right !== undefined && !NUMBER.test(cell.trim())) end = Math.max(end, right);
  });
  return end;
}

/** The band a printed number overlaps, if exactly one. */
export function bandOf(extent: ColumnBand, bands: readonly ColumnBand[]): number | null {
  const hits = bands.flatMap((band, index) => (overlap(band, extent) > TOUCH ? [index] : []));
  return hits.length === 1 ? hits[0]! : null;
}

/**
 * Headings stacked in one column (a heading wrapped over lines, one character a line) are one column; a heading
 * over several columns (申请人情况, 行政复议) spans two stacks or more and is no column of its own.
 */
function stackPieces(pieces: readonly ColumnBand[]): ColumnBand[] {
  const stacks: ColumnBand[] = [];
  for (const piece of [...pieces].sort((a, b) => a.right - a.left - (b.right - b.left))) {
    const hits = stacks.filter((stack) => overlap(stack, piece) > TOUCH);
    if (hits.length === 0) stacks.push({ ...piece });
    else if (hits.length === 1) {
      hits[0]!.left = Math.min(hits[0]!.left, piece.left);
      hits[0]!.right = Math.max(hits[0]!.right, piece.right);
    }
  }
  return stacks;
}

/**
 * pdf.js gives headings set close together as one item, a space between them (“本年新制作数量 本年新公开数量”):
 * each part's extent is estimated from its characters' widths (a CJK character one font size, others half),
 * the rest of the item's width shared by the gaps.
 */
function splitSpaced(text: string, left: number, right: number, fontSize = 0): ColumnBand[] {
  const parts = text.trim().split(/[\s\u3000]+/);
  if (parts.length === 1) return [{ left, right }];
  const units = parts.map((part) => [...part].reduce((sum, char) => sum + (char > "\u2e80" ? 1 : 0.5), 0));
  const total = units.reduce((sum, unit) => sum + unit, 0);
  const width = right - left;
  const size = fontSize > 0 && fontSize * total <= width ? fontSize : width / total;
  const gap = (width - size * total) / (parts.length - 1);
  let at = left;
  return units.map((unit) => {
    const band = { left: at, right: at + unit * size };
    at = band.right + gap;
    return band;
  });
}

function overlap(a: ColumnBand, b: ColumnBand): number {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left);
}
