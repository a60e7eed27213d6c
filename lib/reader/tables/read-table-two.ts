// Table 二 (主动公开): rows found by label, columns by the template version (2019 / 2021) counted within the
// row. Also records the unit printed for amounts (本年收费金额（单位：万元）, 采购总金额).
import { T2_COLUMNS, T2_ROWS } from "@/lib/reader/template/row-catalogue";
import type { RowReading } from "@/lib/reader/checks/resolve-row-options";
import type { TemplateVersion, TextRow } from "@/lib/reader/types";
import { findColumnBands } from "./find-column-bands";
import type { Item } from "./build-items";
import { blankRow, fitRowValues } from "./fit-row-values";
import { pairRowItems } from "./pair-row-items";
import type { TableRead } from "./read-table-three";

export function readTableTwo(
  items: readonly Item[],
  from: number,
  to: number,
  template: TemplateVersion,
  textRows: readonly TextRow[] = [],
): TableRead {
  const { rows, unmatched } = pairRowItems(items, from, to, T2_ROWS);
  const columnsByRow = T2_COLUMNS[template];
  const readings: RowReading[] = [];
  const printed = new Set<string>();
  for (const [key, row] of rows) {
    const columns = columnsByRow[key];
    if (!columns) continue;
    printed.add(key);
    const at = row.item?.rows?.[0];
    // Each of 表二's small tables has its own headings, right above its rows.
    const bands =
      at === undefined ? null : findColumnBands({ rows: textRows, at, n: columns.length, specs: T2_ROWS });
    const fit = row.item
      ? fitRowValues(row.item, columns.length, bands)
      : { options: [blankRow(columns.length)], issue: "ROW_EMPTY" as const };
    readings.push({ key, columns, fit });
  }
  return { readings, printed, unmatched };
}

/**
 * Every amount heading holds 金额 (find-printed-units.ts), and NFKC makes 额 from no other character (a test checks
 * every code point; 额 has no decomposition, so no sequence composes into it): a label part without 额 cannot
 * match, and is not normalised — nearly every part of 表二 (its rows' labels) is not.
 */
export const AMOUNT_HEADING_MARK = "额";

/**
 * The unit printed in an amount column's heading or next to the number; null when none is printed. `heading`
 * matches only text that holds AMOUNT_HEADING_MARK.
 */
export function findPrintedUnit(
  items: readonly Item[],
  from: number,
  to: number,
  heading: RegExp,
): string | null {
  for (let i = from; i < to; i++) {
    for (const part of items[i]?.labelParts ?? []) {
      if (!part.includes(AMOUNT_HEADING_MARK)) continue;
      const text = part.normalize("NFKC");
      if (!heading.test(text)) continue;
      if (text.includes("万元")) return "万元";
      if (/[(（:：]\s*元|单位\s*[:：]?\s*元/.test(text)) return "元";
    }
  }
  return null;
}
