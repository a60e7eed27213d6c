// Rows of cells (any layout) → items: a label (its parts, as printed) and the values that follow it.
// Multi-cell rows (tabs, pipes, HTML/DOCX/PDF grids) are one item each; one-cell-per-line text is
// accumulated label by label, and its blank-line gaps are kept so that an extra blank line can later be read
// as an empty cell. Tables are then read from items by label, never by a fixed column index.
import type { TextRow } from "@/lib/reader/types";
import { isNoiseLine } from "./is-noise-line";
import { readRowTokens } from "./read-row-tokens";
import { oneCellToken, type Token, type Unwrapped } from "./split-cell";

export interface ValueCell {
  text: string;
  /** null: printed blank (empty cell, “/”, “—”, “无”). */
  value: number | null;
  /** A run of 2+ digits with nothing else: may be several cells glued together. */
  digits: boolean;
  unit: string | null;
  /** PDF only: left x of the cell. */
  x?: number;
  /** PDF text rows only: right x of the number, when it is its cell's only token. */
  right?: number;
  /** PDF only: joined from lines the number wrapped over; the reading without them. */
  unwrapped?: Unwrapped;
  /** PDF only: joined from a line that may be another row's; the reading without it. */
  unjoined?: Unwrapped;
  /** One-cell-per-line text: blank lines before this value. */
  gap?: number;
  /** Index of the row it was printed in (for showing where a value was read: lib/reader/locate). */
  row?: number;
}

export interface Item {
  labelParts: string[];
  values: ValueCell[];
  /** Empty cells seen before the first / after the last value: blank cells only if the count demands. */
  leadBlanks: number;
  trailBlanks: number;
  /** Built from one-cell-per-line text. */
  fromLines: boolean;
  /** One-cell-per-line: blank lines between the label and the first value, and after the last value. */
  gapAfter?: number;
  /** Position in the document's item list. */
  index: number;
  /** Indexes of the rows its labels and values were printed in. */
  rows?: number[];
  /** PDF text: its numbers may belong to a number wrapped over a neighbouring line (TextRow.wrapDoubt). */
  wrapDoubt?: boolean;
}

/** A report section heading always starts an item, so a table ends where the next section begins. */
export const SECTION_HEADING =
  /^\s*[一二三四五六七]\s*[、.．]\s*(?:总体情况|概述|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议|因政府信息公开工作被申请|(?:政府信息公开工作)?存在的主要问题|其他需要报告)/;

export function buildItems(rows: readonly TextRow[]): Item[] {
  const items: Item[] = [];
  let pendingGap = 0;
  let rowIndex = -1;
  const start = (fromLines: boolean): Item => {
    const item: Item = {
      labelParts: [],
      values: [],
      leadBlanks: 0,
      trailBlanks: 0,
      fromLines,
      index: items.length,
    };
    items.push(item);
    return item;
  };
  for (const row of rows) {
    rowIndex++;
    const cells = row.source === "line" && row.xs === undefined && !row.prose ? readTabCells(row) : null;
    if (cells !== null) {
      // The row readRowTokens would cut into tokens, read from its cells' kinds (TAB_KINDS) as the tokens are below.
      let filledCount = 0;
      let firstFilled = -1;
      for (let i = 0; i < cells.length; i++)
        if (TAB_KINDS[i] !== EMPTY) {
          filledCount++;
          if (firstFilled < 0) firstFilled = i;
        }
      if (filledCount === 0) {
        pendingGap++;
        continue;
      }
      const gap = pendingGap;
      pendingGap = 0;
      const previous = items.at(-1);
      if (filledCount === 1 && TAB_KINDS[firstFilled] === VALUE) {
        const item = previous?.fromLines ? previous : start(true);
        if (row.wrapDoubt) item.wrapDoubt = true;
        item.values.push(tabValue(cells, firstFilled, gap, rowIndex));
        (item.rows ??= []).push(rowIndex);
        continue;
      }
      if (previous?.fromLines && previous.values.length > 0) previous.gapAfter = gap;
      if (filledCount === 1) {
        const text = cells[firstFilled] ?? "";
        const continues = previous?.fromLines && previous.values.length === 0 && !SECTION_HEADING.test(text);
        const item = continues && previous ? previous : start(true);
        item.labelParts.push(text);
        (item.rows ??= []).push(rowIndex);
        continue;
      }
      // splitSegments' items: a label after a value starts the next table row printed on the line.
      let from = 0;
      let sawValue = false;
      for (let i = 0; i < cells.length; i++) {
        if (TAB_KINDS[i] === TEXT && sawValue) {
          addTabItem(start(false), cells, from, i, rowIndex, row.wrapDoubt === true);
          from = i;
          sawValue = false;
        }
        if (TAB_KINDS[i] === VALUE) sawValue = true;
      }
      addTabItem(start(false), cells, from, cells.length, rowIndex, row.wrapDoubt === true);
      continue;
    }
    const tokens = readRowTokens(row);
    if (tokens === "noise") continue;
    if (tokens === "blank") {
      pendingGap++;
      continue;
    }
    // The tokens that print something: counted, and listed only for the rows that need them (PDF text).
    let filledCount = 0;
    let firstFilled: Token | undefined;
    for (const token of tokens)
      if (token.kind !== "empty") {
        filledCount++;
        firstFilled ??= token;
      }
    if (filledCount === 0) {
      pendingGap++;
      continue;
    }
    const gap = pendingGap;
    pendingGap = 0;
    const previous = items.at(-1);
    const single = row.source === "line" && filledCount === 1 ? firstFilled : undefined;
    if (single !== undefined && single.kind !== "text") {
      const item = previous?.fromLines ? previous : start(true);
      if (row.wrapDoubt) item.wrapDoubt = true;
      item.values.push(toValue(single, gap, rowIndex));
      (item.rows ??= []).push(rowIndex);
      continue;
    }
    if (previous?.fromLines && previous.values.length > 0) previous.gapAfter = gap;
    if (single !== undefined) {
      const continues =
        previous?.fromLines && previous.values.length === 0 && !SECTION_HEADING.test(single.text);
      const item = continues && previous ? previous : start(true);
      item.labelParts.push(single.text);
      (item.rows ??= []).push(rowIndex);
      continue;
    }
    // PDF text rows print no empty cells (x positions place their numbers); ruled rows keep theirs.
    const printed =
      row.xs !== undefined && !row.ruled ? tokens.filter((token) => token.kind !== "empty") : tokens;
    for (const segment of splitSegments(printed))
      addRowItem(start(false), segment, rowIndex, row.wrapDoubt === true);
  }
  return items;
}

/** A row whose labels come again after numbers holds several table rows side by side: one item each. */
function splitSegments(tokens: readonly Token[]): (readonly Token[])[] {
  if (!holdsSeveralRows(tokens)) return [tokens];
  const segments: Token[][] = [[]];
  let sawValue = false;
  for (const token of tokens) {
    if (token.kind === "text" && sawValue) {
      segments.push([]);
      sawValue = false;
    }
    if (token.kind === "number" || token.kind === "blank") sawValue = true;
    segments.at(-1)?.push(token);
  }
  return segments;
}

/** Whether a text token follows a value (splitSegments' test, without building the segments). */
function holdsSeveralRows(tokens: readonly Token[]): boolean {
  let sawValue = false;
  for (const token of tokens) {
    if (token.kind === "text" && sawValue) return true;
    if (token.kind === "number" || token.kind === "blank") sawValue = true;
  }
  return false;
}

/** The row's labels, then its values: the tokens after the last label, less the empty cells at either end
 * (counted as lead and trail blanks). Indexes into the tokens rather than slices of them. */
function addRowItem(item: Item, printed: readonly Token[], rowIndex: number, wrapDoubt: boolean): void {
  item.rows = [rowIndex];
  if (wrapDoubt) item.wrapDoubt = true;
  const tokens = attachUnits(printed);
  let lastText = -1;
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.kind === "text") lastText = i;
  for (let i = 0; i <= lastText; i++) {
    const token = tokens[i]!;
    if (token.kind === "text") item.labelParts.push(token.text);
  }
  const start = lastText + 1;
  let first = start;
  while (first < tokens.length && tokens[first]!.kind === "empty") first++;
  let last = tokens.length - 1;
  while (last >= first && tokens[last]!.kind === "empty") last--;
  item.leadBlanks = first - start;
  item.trailBlanks = tokens.length - 1 - last;
  for (let i = first; i <= last; i++) item.values.push(toValue(tokens[i]!, undefined, rowIndex));
}

/** A unit in a cell of its own (“19210 | 元”) belongs to the number before it; it is not a cell. */
function attachUnits(tokens: readonly Token[]): readonly Token[] {
  // Most rows print no unit cell: nothing to attach, no copy.
  if (!tokens.some((token) => token.kind === "empty" && token.text !== "")) return tokens;
  const attached: Token[] = [];
  for (const token of tokens) {
    if (token.kind === "empty" && token.text !== "") {
      const previous = attached.at(-1);
      if (previous?.kind === "number" && previous.unit === null)
        attached[attached.length - 1] = { ...previous, unit: token.text };
      continue;
    }
    attached.push(token);
  }
  return attached;
}

/**
 * Tab rows of text (text copied out of a Word table: nearly every row of a text report's tables) are read without
 * a token per cell. Each cell's kind is kept in TAB_KINDS (and a value that is not a plain count, its token in
 * TAB_TOKENS) by position: one pair of arrays for every row, as rows are read one at a time.
 */
const EMPTY = 0;
const TEXT = 1;
const VALUE = 2;
const TAB_KINDS: number[] = [];
const TAB_TOKENS: (Token | null)[] = [];

/**
 * A text line of tab-separated cells, each of them one token (oneCellToken): its trimmed cells, their kinds in
 * TAB_KINDS. null for any other line — without a tab, noise, Word's bookmark markers, a cell of several tokens or a
 * unit of its own — which readRowTokens reads. A blank line or one count between tabs needs no test of its own
 * here: no cell filled, or one count, is read below as readRowTokens' "blank" or its one number is. isNoiseLine
 * trims the line itself.
 */
function readTabCells(row: TextRow): string[] | null {
  const line = row.cells[0] ?? "";
  const tab = line.indexOf("\t");
  if (tab < 0 || line.includes("[bookmark:") || isNoiseLine(line)) return null;
  // Cut by hand rather than by split("\t"): half the time on these lines (two-byte slices of the text), and an
  // empty cell — the commonest after a count: rows start and end with tabs — is no string cut at all.
  const cells: string[] = [];
  for (let start = 0, end = tab; ; end = line.indexOf("\t", start)) {
    const stop = end < 0 ? line.length : end;
    const text = stop === start ? "" : line.slice(start, stop).trim();
    const kind = oneCellToken(text);
    if (kind === null) return null;
    const at = cells.length;
    if (typeof kind === "string") {
      TAB_KINDS[at] = kind === "empty" ? EMPTY : kind === "text" ? TEXT : VALUE;
      TAB_TOKENS[at] = null;
    } else {
      TAB_KINDS[at] = kind.kind === "text" ? TEXT : VALUE;
      TAB_TOKENS[at] = kind;
    }
    cells.push(text);
    if (end < 0) return cells;
    start = end + 1;
  }
}

/** addRowItem for the cells from..to of a tab row read by readTabCells. */
function addTabItem(
  item: Item,
  cells: readonly string[],
  from: number,
  to: number,
  rowIndex: number,
  wrapDoubt: boolean,
): void {
  item.rows = [rowIndex];
  if (wrapDoubt) item.wrapDoubt = true;
  let lastText = from - 1;
  for (let i = from; i < to; i++)
    if (TAB_KINDS[i] === TEXT) {
      lastText = i;
      item.labelParts.push(cells[i] ?? "");
    }
  const start = lastText + 1;
  let first = start;
  while (first < to && TAB_KINDS[first] === EMPTY) first++;
  let last = to - 1;
  while (last >= first && TAB_KINDS[last] === EMPTY) last--;
  item.leadBlanks = first - start;
  item.trailBlanks = to - 1 - last;
  for (let i = first; i <= last; i++)
    item.values.push(
      TAB_KINDS[i] === EMPTY
        ? { text: "", value: null, digits: false, unit: null, row: rowIndex }
        : tabValue(cells, i, undefined, rowIndex),
    );
}

/** A value cell of a tab row: a plain count made here, any other value from its token. */
function tabValue(cells: readonly string[], i: number, gap: number | undefined, row: number): ValueCell {
  const token = TAB_TOKENS[i];
  if (token) return toValue(token, gap, row);
  const text = cells[i] ?? "";
  const cell: ValueCell = { text, value: Number(text), digits: text.length > 1, unit: null, row };
  if (gap !== undefined) cell.gap = gap;
  return cell;
}

function toValue(token: Token, gap: number | undefined, row: number): ValueCell {
  // `row`, which every cell gets, in the literal: added afterwards it made V8 allocate a property store for each
  // of a report's few hundred cells beside the object, and give them a second shape.
  const cell: ValueCell = {
    text: token.text,
    value: token.kind === "number" ? token.value : null,
    digits: token.kind === "number" && token.digits,
    unit: token.kind === "number" ? token.unit : null,
    row,
  };
  if (token.x !== undefined) cell.x = token.x;
  if ((token.kind === "number" || token.kind === "blank") && token.right !== undefined)
    cell.right = token.right;
  if (token.kind === "number" && token.unwrapped) cell.unwrapped = token.unwrapped;
  if (token.kind === "number" && token.unjoined) cell.unjoined = token.unjoined;
  if (gap !== undefined) cell.gap = gap;
  return cell;
}
