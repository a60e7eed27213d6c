// Table 三 (申请情况): every row of seven numbers, found by label within the table's range. （六）其他处理 may
// be one row or three sub-rows; both are kept and settled in checks/finish-cells.
import { T3_COLUMNS, T3_ROWS } from "@/lib/reader/template/row-catalogue";
import { listTableThreeRows, OTHER_SUB_ROWS } from "@/lib/reader/checks/list-equations";
import type { RowReading } from "@/lib/reader/checks/resolve-row-options";
import type { TemplateVersion } from "@/lib/reader/types";
import type { Item } from "./build-items";
import { blankRow, fitRowValues } from "./fit-row-values";
import { pairRowItems } from "./pair-row-items";

export interface TableRead {
  readings: RowReading[];
  /** Rows whose label was found (whether or not they print numbers). */
  printed: Set<string>;
  unmatched: Item[];
}

const WIDTH = T3_COLUMNS.length;

export function readTableThree(
  items: readonly Item[],
  from: number,
  to: number,
  template: TemplateVersion,
): TableRead {
  const { rows, unmatched } = pairRowItems(items, from, to, T3_ROWS);
  // （六） named only as the heading of its printed sub-rows is not a row of its own.
  if (rows.get("t3.other")?.item === null && OTHER_SUB_ROWS.some((row) => rows.has(row)))
    rows.delete("t3.other");
  const columnXs = learnColumnXs(rows.values());
  const readings: RowReading[] = [];
  const printed = new Set<string>();
  const wanted = new Set(listTableThreeRows(template));
  for (const [key, row] of rows) {
    if (!wanted.has(key)) continue;
    printed.add(key);
    const fit = row.item
      ? fitRowValues(row.item, WIDTH, columnXs, WIDTH)
      : { options: [blankRow(WIDTH)], issue: "ROW_EMPTY" as const };
    readings.push({ key, columns: T3_COLUMNS, fit });
  }
  return { readings, printed, unmatched };
}

/** PDF: column x positions from the rows that print all seven numbers, to place the numbers of short rows. */
function learnColumnXs(rows: Iterable<{ item: Item | null }>): number[] | undefined {
  const samples: number[][] = Array.from({ length: WIDTH }, () => []);
  for (const { item } of rows) {
    if (!item || item.values.length !== WIDTH || item.values.some((value) => value.x === undefined)) continue;
    item.values.forEach((value, index) => samples[index]?.push(value.x ?? 0));
  }
  if (samples[0]?.length === 0) return undefined;
  return samples.map((xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  });
}
