// Positioned PDF text items → rows: items on one baseline form a row, items far apart on it are separate
// cells, and a table label wrapped over several lines is joined back into the row its numbers are on.
import type { TextRow } from "@/lib/reader/types";

/** A text item in reading space: x grows to the right, y grows upwards (PDF user space, rotation undone). */
export interface PdfItem {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  /** Set top to bottom (vertical writing): `height` is its extent downwards from y. */
  vertical?: { height: number };
}

interface Cell {
  text: string;
  x: number;
  right: number;
}

interface Line {
  y: number;
  fontSize: number;
  cells: Cell[];
}

/** Items closer than this (× font size) belong to one cell; table columns are always further apart. */
const CELL_GAP = 0.6;
/** A gap wider than this (× font size) inside a cell is printed as a space. */
const SPACE_GAP = 0.25;
/** Baselines closer than this (× font size) are one row: numbers are often set in a larger font. */
const BASELINE_TOLERANCE = 0.4;

const NUMERIC_CELL = /^[-+−]?[\d０-９][\d０-９,，.．\s]*%?$/;
/** A row label starts with its own enumerator (一、 （三） 1. (2)): never the continuation of another label. */
const ENUMERATED =
  /^\s*([一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、])/;

export function groupPdfItems(items: PdfItem[], page: number): TextRow[] {
  const visible = items.filter((item) => item.text.trim() !== "");
  const lines = joinWrappedLabels(buildLines(visible.filter((item) => !item.vertical)));
  // Vertical text (a group label in a tall merged cell) stays a line of its own, placed at its middle.
  for (const item of visible) {
    if (!item.vertical) continue;
    const cell = { text: item.text.trim(), x: item.x, right: item.x + item.width };
    lines.push({ y: item.y - item.vertical.height / 2, fontSize: item.fontSize, cells: [cell] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((line) => ({
    cells: line.cells.map((cell) => cell.text),
    source: line.cells.length > 1 ? "table" : "line",
    xs: line.cells.map((cell) => round(cell.x)),
    page,
  }));
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
  return groups.map((group) => ({
    y: group[0]!.y,
    fontSize: Math.max(...group.map((item) => item.fontSize)),
    cells: buildCells(group.sort((a, b) => a.x - b.x)),
  }));
}

function buildCells(items: PdfItem[]): Cell[] {
  const cells: (Cell & { fontSize: number })[] = [];
  for (const item of items) {
    const last = cells.at(-1);
    const gap = last ? item.x - last.right : Infinity;
    const size = last ? Math.min(last.fontSize, item.fontSize) : item.fontSize;
    if (last && gap <= CELL_GAP * size) {
      last.text += (gap > SPACE_GAP * size ? " " : "") + item.text;
      last.right = Math.max(last.right, item.x + item.width);
    } else {
      cells.push({ text: item.text, x: item.x, right: item.x + item.width, fontSize: item.fontSize });
    }
  }
  return cells.map(({ text, x, right }) => ({ text: text.replace(/\s+/g, " ").trim(), x, right }));
}

/** Wrapped labels: text-only lines right above/below a row's numbers, in the label column, join that row. */
function joinWrappedLabels(lines: Line[]): Line[] {
  const absorbed = new Set<Line>();
  lines.forEach((line, index) => {
    const firstNumber = line.cells.find((cell) => NUMERIC_CELL.test(cell.text));
    if (!firstNumber) return;
    const labels = line.cells.filter((cell) => cell.x < firstNumber.x);
    const labelled = labels.length > 0;
    const canTakeAbove = !labelled || !labels.some((cell) => ENUMERATED.test(cell.text));
    for (const direction of [-1, 1] as const) {
      if (direction === -1 && !canTakeAbove) continue;
      let edge = line.y;
      let firstHop = true;
      for (let other = lines[index + direction]; other; other = lines[lines.indexOf(other) + direction]) {
        if (absorbed.has(other) || other.cells.some((cell) => NUMERIC_CELL.test(cell.text))) break;
        const limit = (firstHop ? (labelled ? 1.35 : 1.0) : 1.6) * other.fontSize;
        if (Math.abs(edge - other.y) > limit) break;
        if (other.cells.some((cell) => cell.right > firstNumber.x + 1)) break;
        if (direction === 1 && ENUMERATED.test(other.cells[0]?.text ?? "")) break;
        if (labelled && !other.cells.every((cell) => inLabelColumns(cell, labels))) break;
        mergeCells(line, other.cells, direction === -1);
        absorbed.add(other);
        edge = other.y;
        firstHop = false;
      }
    }
  });
  return lines.filter((line) => !absorbed.has(line));
}

function mergeCells(line: Line, extra: Cell[], before: boolean): void {
  for (const cell of extra) {
    const target = line.cells.find((existing) => overlaps(existing, cell));
    if (target) {
      target.text = before ? joinText(cell.text, target.text) : joinText(target.text, cell.text);
      target.x = Math.min(target.x, cell.x);
      target.right = Math.max(target.right, cell.right);
    } else {
      line.cells.push({ ...cell });
      line.cells.sort((a, b) => a.x - b.x);
    }
  }
}

/** Under one of the row's labels, or in a label column further left (a group label wrapped beside it). */
function inLabelColumns(cell: Cell, labels: Cell[]): boolean {
  return labels.some((label) => overlaps(label, cell)) || cell.right <= labels[0]!.x + 1;
}

function overlaps(a: Cell, b: Cell): boolean {
  return a.x < b.right && b.x < a.right;
}

/** Join wrapped text without inventing a separator, except between two words or numbers. */
function joinText(before: string, after: string): string {
  return /[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(after) ? `${before} ${after}` : before + after;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
