// Table 四 (复议、诉讼): fifteen numbers mapped by position — three groups of five. Headers are nested,
// wrapped and sometimes wrong (结果维持 printed twice), so their labels are not used for mapping. The fifteen
// are read as one reading, so that a glued run is split once for the whole table.
import { T4_COLUMNS, T4_GROUPS } from "@/lib/reader/template/row-catalogue";
import type { RowReading } from "@/lib/reader/checks/resolve-row-options";
import type { TextRow } from "@/lib/reader/types";
import type { Item, ValueCell } from "./build-items";
import { findColumnBands } from "./find-column-bands";
import { fitRowValues } from "./fit-row-values";

const COLUMNS = T4_GROUPS.flatMap((group) => T4_COLUMNS.map((column) => `${group}.${column}`));

export function readTableFour(
  items: readonly Item[],
  from: number,
  to: number,
  textRows: readonly TextRow[] = [],
): RowReading | null {
  let firstRow: number | undefined;
  const values: ValueCell[] = [];
  let leadBlanks = 0;
  let trailBlanks = 0;
  let textBetween = false;
  for (let i = from; i < to && values.length < COLUMNS.length; i++) {
    const item = items[i];
    if (!item || item.values.length === 0) continue;
    // A sentence under the heading (“2023年未发生行政复议…”) is not the table's first number.
    if (values.length === 0 && item.values.length < 3 && item.labelParts.some(isProse)) continue;
    if (values.length === 0) {
      leadBlanks = item.leadBlanks;
      firstRow = item.rows?.[0];
    } else if (item.labelParts.length > 0) textBetween = true;
    // The fifteen numbers print no label: a label holding digits (“持0”, a header's last word run into a number
    // cell) has swallowed a number.
    if (item.labelParts.some((part) => /\d/.test(part))) textBetween = true;
    values.push(...item.values);
    trailBlanks = item.trailBlanks;
  }
  if (values.length === 0) return null;
  const merged: Item = { labelParts: [], values, leadBlanks, trailBlanks, fromLines: false, index: -1 };
  // PDF text without rulings: the fifteen columns by their headings' positions (no row labels to skip).
  const bands =
    firstRow === undefined
      ? null
      : findColumnBands({ rows: textRows, at: firstRow, n: COLUMNS.length, specs: [] });
  const fit = fitRowValues(merged, COLUMNS.length, bands, T4_COLUMNS.length);
  // Text among the fifteen numbers (a header broken across a page, its words in the number cells) may hide
  // a cell: the position of every number is then in doubt, whatever the sums allow.
  if (items.slice(from, to).some((item) => item.wrapDoubt && item.values.length > 0) && !fit.doubt)
    fit.doubt = "表格无框线，表四的数字与相邻行的数字上下紧挨，可能是数字在单元格内折行";
  if (textBetween) fit.doubt = "表四的数字之间夹有文字（可能是表头跨页断开），各数字所在的列无法确定";
  return { key: "t4", columns: COLUMNS, fit };
}

function isProse(text: string): boolean {
  return text.length > 20 && /[，。；]/.test(text);
}
