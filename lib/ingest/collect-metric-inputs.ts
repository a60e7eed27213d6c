// A bulk batch's metric inputs (build-metrics-sql.ts: MetricInputs) taken from the cells it COPYs, so that
// the read model's statement does not read them back from ReportCell: per new report, the values of the
// ~36 cells the metric dictionary uses, as the text ReportCell is sent, and the unit of those counted in
// 万元. A document prepared in a reader thread or by the synthetic generator brings its cells as COPY lines
// (cell-copy-rows.ts): the wanted fields are read out of the bytes, no line or cell made into an object.
//   const inputs = collectMetricInputs(items, reportIds);   // items: acceptReadings' AcceptItem
import type { CellCopyLines } from "@/lib/ingest/cell-copy-rows";
import { parseCopyField, REPORT_ID_WIDTH } from "@/lib/ingest/cell-copy-rows";
import type { PreparedCell } from "@/lib/ingest/prepare-document";
import { METRIC_CELL_NOS, METRIC_WAN_CELL_NOS, type MetricInputs } from "@/lib/metrics/build-metrics-sql";

interface CellSource {
  cells: readonly PreparedCell[];
  cellLines?: CellCopyLines;
}

// Per cell number: 1 + its column in MetricInputs.values (0: not an input), and 1 + its unit column.
const VALUE_COLUMN = new Int16Array(Math.max(...METRIC_CELL_NOS) + 1);
METRIC_CELL_NOS.forEach((cellNo, index) => (VALUE_COLUMN[cellNo] = index + 1));
const UNIT_COLUMN = new Int16Array(VALUE_COLUMN.length);
METRIC_WAN_CELL_NOS.forEach((cellNo, index) => (UNIT_COLUMN[cellNo] = index + 1));

const TAB = 0x09;
const LINE_END = 0x0a;
const BACKSLASH = 0x5c;
const decoder = new TextDecoder();

/** The inputs of `items`, whose reports are `reportIds` (in the same order). */
export function collectMetricInputs(
  items: readonly CellSource[],
  reportIds: readonly number[],
): MetricInputs {
  const values = METRIC_CELL_NOS.map(() => new Array<string | null>(items.length).fill(null));
  const units = METRIC_WAN_CELL_NOS.map(() => new Array<string | null>(items.length).fill(null));
  items.forEach((item, row) => {
    if (item.cellLines) readLines(item.cellLines.bytes, row, values, units);
    else
      for (const cell of item.cells) {
        const column = VALUE_COLUMN[cell.cellNo] ?? 0;
        if (column === 0) continue;
        values[column - 1]![row] = cell.value;
        const unitColumn = UNIT_COLUMN[cell.cellNo]!;
        if (unitColumn > 0) units[unitColumn - 1]![row] = cell.unit;
      }
  });
  return { reportIds: [...reportIds], values, units };
}

/** The wanted fields of one report's lines: "0000000000\tcellNo\tinferred\tvalue\trawText\tunit\n". */
function readLines(
  bytes: Uint8Array,
  row: number,
  values: (string | null)[][],
  units: (string | null)[][],
): void {
  forEachLine(bytes, (cellNo, valueStart, lineEnd) => {
    const column = cellNo < VALUE_COLUMN.length ? VALUE_COLUMN[cellNo]! : 0;
    if (column === 0) return;
    const valueEnd = fieldEnd(bytes, valueStart);
    values[column - 1]![row] = valueOf(bytes, valueStart, valueEnd);
    const unitColumn = UNIT_COLUMN[cellNo]!;
    if (unitColumn > 0) {
      const unitStart = fieldEnd(bytes, valueEnd + 1) + 1;
      units[unitColumn - 1]![row] = parseCopyField(decoder.decode(bytes.subarray(unitStart, lineEnd)));
    }
  });
}

/**
 * Calls `visit` for each of one report's lines with its cell number, where its value starts and where the
 * line ends. Escaped text holds no tab or line break: each field ends at the next one.
 */
function forEachLine(
  bytes: Uint8Array,
  visit: (cellNo: number, valueStart: number, lineEnd: number) => void,
): void {
  let at = 0;
  while (at < bytes.length) {
    let position = at + REPORT_ID_WIDTH + 1;
    let cellNo = 0;
    for (let byte = bytes[position]!; byte !== TAB; byte = bytes[++position]!)
      cellNo = 10 * cellNo + byte - 0x30;
    // The line's end by a loop over its few bytes: indexOf, a call into the runtime per line, cost more.
    let lineEnd = position + 3;
    while (bytes[lineEnd] !== LINE_END) lineEnd += 1;
    visit(cellNo, position + 3, lineEnd); // the value: past the tab, "t" or "f", and its tab
    at = lineEnd + 1;
  }
}

/** Where the field starting at `start` ends (its tab). */
function fieldEnd(bytes: Uint8Array, start: number): number {
  let end = start;
  while (bytes[end] !== TAB) end += 1;
  return end;
}

/**
 * A value is numeric text or \N (cell-copy-rows.ts): ASCII, nothing escaped. Its few characters made into a
 * string here: a Buffer over each report's bytes and a toString call into the runtime per value cost more.
 */
function valueOf(bytes: Uint8Array, start: number, end: number): string | null {
  if (isNull(bytes, start, end)) return null;
  let text = "";
  for (let at = start; at < end; at += 1) text += String.fromCharCode(bytes[at]!);
  return text;
}

function isNull(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start === 2 && bytes[start] === BACKSLASH && bytes[start + 1] === 0x4e;
}

/**
 * Per item, the value (its COPY text, or null for \N) of each of `cellNos` it holds — a cell it does not
 * hold is not in its map. Read out of the lines like the metric inputs above (the cross-year check's cells:
 * refresh-across-year-findings.ts).
 */
export function collectCellValues(
  items: readonly CellSource[],
  cellNos: readonly number[],
): Map<number, string | null>[] {
  const wanted = new Uint8Array(Math.max(...cellNos) + 1);
  for (const cellNo of cellNos) wanted[cellNo] = 1;
  return items.map((item) => {
    const found = new Map<number, string | null>();
    if (!item.cellLines) {
      for (const cell of item.cells) if (wanted[cell.cellNo] === 1) found.set(cell.cellNo, cell.value);
      return found;
    }
    const bytes = item.cellLines.bytes;
    forEachLine(bytes, (cellNo, valueStart) => {
      if (cellNo < wanted.length && wanted[cellNo] === 1)
        found.set(cellNo, valueOf(bytes, valueStart, fieldEnd(bytes, valueStart)));
    });
    return found;
  });
}
