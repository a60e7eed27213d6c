// Word and LibreOffice let a table row break across a page: the row's label and numbers are cut in two, the
// lower part opening the next page (a total “2” at the foot of one page, its “8” at the head of the next). A page
// whose first table row continues the previous page's last one — same columns, no label of its own, no header
// words — is joined back to it: numbers digit to digit, labels text to text.
import type { TextRow } from "@/lib/reader/types";
import { isNoiseLine } from "@/lib/reader/tables/is-noise-line";
// The template's row labels tell a row's second half from a row of its own.
import { matchRowLabel } from "@/lib/reader/template/match-row-label";
import { T2_ROWS, T3_ROWS } from "@/lib/reader/template/row-catalogue";

const NUMBER = /^[-+]?\d[\d,.]*$/;
/** A label matching a template row this well (matchRowLabel's score) names that row outright. */
const NAMES_OUTRIGHT = 0.9;
/** A row label starts with its own enumerator (一、 （三） 1.): such a row is a new row, never a continuation. */
const ENUMERATED =
  /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、])/;

export function joinRowsAcrossPages(pages: readonly TextRow[][]): TextRow[] {
  const joined: TextRow[][] = pages.map((rows) => [...rows]);
  for (let page = 1; page < joined.length; page++) {
    const before = joined[page - 1]!;
    const after = joined[page]!;
    const last = lastTableRow(before);
    const first = firstTableRow(after);
    if (last === null || first === null) continue;
    const merged = continueRow(before[last]!, after[first]!);
    if (!merged) continue;
    // The rest of the row's labels, printed between its two parts, goes between them too: “三、本年” + “度办理结”
    // + “果”, not “三、本年果” with “度办理结” left as a row of its own.
    const rests = before.slice(last + 1).filter((row) => row.source === "table");
    const folded = rests.length > 0 ? foldLabelRests(before[last]!, rests) : null;
    const whole = folded ? continueRow(folded, after[first]!) : null;
    before[last] = whole ?? merged;
    if (whole) joined[page - 1] = before.filter((row) => !rests.includes(row));
    after.splice(first, 1);
  }
  return joined.flat();
}

/**
 * The page's last table row, past page numbers and footers, and past the rest of its labels: lines of label text
 * only (“度办理结 | 处理” of 三、本年度办理结果 and （五）不予处理, set beside the row's numbers and wrapped below
 * them) continue the row above, whose numbers the next page may continue.
 */
function lastTableRow(rows: readonly TextRow[]): number | null {
  let labelsOnly: number | null = null;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.source === "table" && !isLabelRest(row)) return i;
    if (row.source === "table") labelsOnly ??= i;
    else if (!isNoiseLine(row.cells.filter((cell) => cell !== null).join(" "))) return labelsOnly;
  }
  return labelsOnly;
}

/**
 * A row of label text only, none of it a label of its own: no enumerator, and naming no row of the template
 * outright (a fragment such as “度办理结” resembles 三、本年度办理结果 only loosely).
 */
function isLabelRest(row: TextRow): boolean {
  const cells = row.cells.filter((cell): cell is string => cell !== null && cell !== "");
  return (
    cells.length > 0 && cells.every((cell) => !NUMBER.test(cell) && !ENUMERATED.test(cell) && !namesRow(cell))
  );
}

function firstTableRow(rows: readonly TextRow[]): number | null {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.source === "table") return i;
    if (!isNoiseLine(row.cells.filter((cell) => cell !== null).join(" "))) return null;
  }
  return null;
}

/**
 * The two parts of one row as one, or null when the lower row is a row (or header) of its own. A continuation
 * carries the rest of the labels (no enumerator of its own) and/or the rest of the numbers; with numbers, only
 * group labels may continue (“果” of 三、本年度办理结果 over its rows) — a lower row with a row label and numbers
 * is a row of its own (“行政强制 3” under “行政处罚 5”). The parts may be cut into different columns (merged
 * label cells): each lower cell joins the upper cell printed above it.
 */
function continueRow(upper: TextRow, lower: TextRow): TextRow | null {
  const cells = [...upper.cells];
  const isLabel = (cell: string | null) => cell !== null && cell !== "" && !NUMBER.test(cell);
  const ownLabel = upper.cells.reduce<number>((last, cell, index) => (isLabel(cell) ? index : last), -1);
  let ownLabelContinues = false;
  let labels = 0;
  let numbers = 0;
  for (let c = 0; c < lower.cells.length; c++) {
    const cell = lower.cells[c] ?? "";
    if (cell === "") continue;
    const target = slotAbove(upper, lower, c);
    if (target === null) {
      // Under a label merged down from an earlier row (“果” of 三、本年度办理结果): the rest of that label.
      if (NUMBER.test(cell) || ENUMERATED.test(cell)) return null;
      continue;
    }
    if (isLabel(upper.cells[target] ?? null)) {
      // A number under a header word, or a new enumerator: a row of its own.
      if (ENUMERATED.test(cell) || NUMBER.test(cell)) return null;
      if (target === ownLabel) ownLabelContinues = true;
      labels++;
    } else {
      if (!NUMBER.test(cell)) return null;
      numbers++;
    }
    cells[target] = (cells[target] ?? "") + cell;
  }
  // The row's own label continues with numbers only when it was visibly cut (a bracket left open, a comma), the
  // lower part names no row of the template by itself (“新出具已获取信息” under “5.要求行政机关确认或重”, not
  // “行政强制” under “行政处罚”), or only the two parts together name one (“2.申请人逾期未按收费通” over
  // “知要求缴纳费用、…”, whose words alone look like the same row).
  const ownLower = lower.cells.find((_, c) => slotAbove(upper, lower, c) === ownLabel) ?? "";
  const ownUpper = upper.cells[ownLabel] ?? "";
  const cut =
    ownLabel >= 0 &&
    (isCutShort(ownUpper) || !namesRow(ownLower) || (!namesRow(ownUpper) && namesRow(ownUpper + ownLower)));
  if (labels + numbers === 0 || (numbers > 0 && ownLabelContinues && !cut)) return null;
  return { ...upper, cells };
}

/**
 * The row with the rest of its labels (rows of label text only, printed below it) appended to the labels above
 * them, or null when a rest does not sit under one of the row's labels.
 */
function foldLabelRests(upper: TextRow, rests: readonly TextRow[]): TextRow | null {
  const cells = [...upper.cells];
  for (const rest of rests)
    for (let c = 0; c < rest.cells.length; c++) {
      const cell = rest.cells[c] ?? "";
      if (cell === "") continue;
      const target = slotAbove(upper, rest, c);
      const above = target === null ? null : (upper.cells[target] ?? null);
      if (target === null || above === null || above === "" || NUMBER.test(above)) return null;
      cells[target] = (cells[target] ?? "") + cell;
    }
  return { ...upper, cells };
}

/** The label names a row of the template outright (a fragment such as “理其政府信息公开申请” only resembles one). */
function namesRow(label: string): boolean {
  return [T3_ROWS, T2_ROWS].some((specs) => (matchRowLabel(label, specs)?.score ?? 0) >= NAMES_OUTRIGHT);
}

function isCutShort(label: string): boolean {
  const open = (label.match(/[（(]/g) ?? []).length;
  const close = (label.match(/[）)]/g) ?? []).length;
  return open > close || /[，、,；]$/.test(label);
}

/** The upper row's cell above the lower row's slot `c`: by x when both know their columns, else by index. */
function slotAbove(upper: TextRow, lower: TextRow, c: number): number | null {
  let slot = c;
  const x = lower.xs?.[c];
  if (x !== undefined && upper.xs) {
    slot = -1;
    upper.xs.forEach((left, index) => {
      if (left <= x + 1) slot = index;
    });
  }
  // A slot covered by a merged cell belongs to the cell it is merged into.
  while (slot > 0 && upper.cells[slot] === null) slot--;
  return slot >= 0 && slot < upper.cells.length && upper.cells[slot] !== null ? slot : null;
}
