// A table label wrapped over several lines, with its row's numbers on one of them or centred between them:
// the label's lines join the row of numbers, so every row of a table is one row of cells.
import { matchRowLabel } from "@/lib/reader/template/match-row-label";
import { T2_ROWS, T3_ROWS } from "@/lib/reader/template/row-catalogue";

export interface PdfCell {
  text: string;
  x: number;
  right: number;
  /** Holds a number joined from lines it wrapped over: the cell's text with only the row's own line of it. */
  unwrapped?: string;
  /** Holds a number joined from a line that may be another row's: the cell's text without that line. */
  unjoined?: string;
}

export interface PdfLine {
  y: number;
  fontSize: number;
  cells: PdfCell[];
  /** Its numbers may be another line's, wrapped (markWrapDoubts in group-pdf-items.ts). */
  wrapDoubt?: boolean;
}

/** Wrapped-label distances (× font size): from numbers set on a label's own line, from numbers centred
 * between a label's lines, and between two lines of one label. Rows are further apart than these. */
const LABEL_LINE_GAP = 1.35;
const CENTRED_NUMBERS_GAP = 1.0;
const WRAPPED_LINE_GAP = 1.6;

const NUMERIC_CELL = /^[-+−]?[\d０-９][\d０-９,，.．\s]*%?$/;
/** A row label starts with its own enumerator (一、 （三） 1. (2)): never the continuation of another label. */
const ENUMERATED =
  /^\s*([一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、])/;

/** Wrapped labels: text-only lines right above/below a row's numbers, in the label column, join that row. */
export function joinWrappedLabels(lines: PdfLine[]): PdfLine[] {
  const absorbed = new Set<PdfLine>();
  lines.forEach((line, index) => {
    const firstNumber = line.cells.find((cell) => NUMERIC_CELL.test(cell.text));
    if (!firstNumber) return;
    const labels = line.cells.filter((cell) => cell.x < firstNumber.x);
    const labelled = labels.length > 0;
    // A label starting with its enumerator is the first line of that label: nothing above belongs to it.
    const canTakeAbove = !labelled || !labels.some((cell) => ENUMERATED.test(cell.text));
    const took = new Set<number>();
    for (const direction of [-1, 1] as const) {
      if (direction === -1 && !canTakeAbove) continue;
      let edge = line.y;
      let firstHop = true;
      for (let next = index + direction; lines[next]; next += direction) {
        const other = lines[next]!;
        if (absorbed.has(other) || other.cells.some((cell) => NUMERIC_CELL.test(cell.text))) break;
        const hop = firstHop ? (labelled ? LABEL_LINE_GAP : CENTRED_NUMBERS_GAP) : WRAPPED_LINE_GAP;
        const limit = hop * other.fontSize;
        if (Math.abs(edge - other.y) > limit) break;
        if (other.cells.some((cell) => cell.right > firstNumber.x + 1)) break;
        if (direction === 1 && ENUMERATED.test(other.cells[0]?.text ?? "")) break;
        if (labelled && !other.cells.every((cell) => inLabelColumns(cell, labels))) break;
        // Rows printed close together (a table without borders): a line naming a row of its own is that row.
        if (labelled && namesOtherRow(other.cells, labels)) break;
        mergeCells(line, other.cells, direction === -1);
        absorbed.add(other);
        took.add(direction);
        edge = other.y;
        firstHop = false;
      }
    }
    if (!labelled && took.size === 1 && nearNumbers(lines, index, absorbed)) line.wrapDoubt = true;
  });
  return lines.filter((line) => !absorbed.has(line));
}

/**
 * A line of bare numbers that took a label from one side only, close to another line's numbers: it may as well be
 * the rest of a number wrapped about that line's middle (a table without borders sets its rows that close), its
 * label a row printed blank. Numbers centred between their label's lines, above and below, are that label's row.
 */
function nearNumbers(lines: readonly PdfLine[], index: number, absorbed: ReadonlySet<PdfLine>): boolean {
  const line = lines[index]!;
  return lines.some(
    (other) =>
      other !== line &&
      !absorbed.has(other) &&
      Math.abs(other.y - line.y) <= WRAPPED_LINE_GAP * Math.min(other.fontSize, line.fontSize) &&
      other.cells.some((cell) => NUMERIC_CELL.test(cell.text)),
  );
}

/**
 * A label of the line names, exactly or by its key phrase, a row of the template other than the one the label
 * under (or over) it names: two rows set close together, not one label wrapped.
 */
function namesOtherRow(text: readonly PdfCell[], labels: readonly PdfCell[]): boolean {
  return text.some((cell) => {
    const own = labels.find((label) => overlaps(label, cell));
    if (!own) return false;
    return [T2_ROWS, T3_ROWS].some((specs) => {
      const named = matchRowLabel(cell.text, specs);
      const owned = matchRowLabel(own.text, specs);
      return named && owned && named.score >= 0.9 && owned.score >= 0.9 && named.spec.key !== owned.spec.key;
    });
  });
}

function mergeCells(line: PdfLine, extra: PdfCell[], before: boolean): void {
  for (const cell of extra) {
    const target = line.cells.find((existing) => overlaps(existing, cell));
    if (target) {
      target.text = before ? joinText(cell.text, target.text) : joinText(target.text, cell.text);
      if (target.unwrapped !== undefined)
        target.unwrapped = before
          ? joinText(cell.text, target.unwrapped)
          : joinText(target.unwrapped, cell.text);
      if (target.unjoined !== undefined)
        target.unjoined = before
          ? joinText(cell.text, target.unjoined)
          : joinText(target.unjoined, cell.text);
      target.x = Math.min(target.x, cell.x);
      target.right = Math.max(target.right, cell.right);
    } else {
      line.cells.push({ ...cell });
      line.cells.sort((a, b) => a.x - b.x);
    }
  }
}

/** Under one of the row's labels, or in a label column further left (a group label wrapped beside it). */
function inLabelColumns(cell: PdfCell, labels: PdfCell[]): boolean {
  return labels.some((label) => overlaps(label, cell)) || cell.right <= labels[0]!.x + 1;
}

function overlaps(a: PdfCell, b: PdfCell): boolean {
  return a.x < b.right && b.x < a.right;
}

/**
 * Join wrapped text without inventing a separator, except between two words or numbers. A label cell that runs
 * into the numbers beside it (“…不再处理其 14 2”) takes its label's next line after the label, not the numbers.
 */
function joinText(before: string, after: string): string {
  const numbersAfter = /^(.*\D)((?:\s+[\d,.]+)+)$/.exec(before);
  if (numbersAfter && /^\D/.test(after)) return `${numbersAfter[1]}${after}${numbersAfter[2]}`;
  return /[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(after) ? `${before} ${after}` : before + after;
}
