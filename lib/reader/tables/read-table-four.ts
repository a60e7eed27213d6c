// Table 四 (复议、诉讼): fifteen numbers mapped by position — three groups of five. Headers are nested,
// wrapped and sometimes wrong (结果维持 printed twice), so their labels are not used for mapping.
import { T4_COLUMNS, T4_GROUPS } from "@/lib/reader/template/row-catalogue";
import type { RowReading } from "@/lib/reader/checks/resolve-row-options";
import type { Item } from "./build-items";
import { fitRowValues } from "./fit-row-values";

const COUNT = T4_GROUPS.length * T4_COLUMNS.length;

export function readTableFour(items: readonly Item[], from: number, to: number): RowReading[] | null {
  const values = [];
  let leadBlanks = 0;
  let trailBlanks = 0;
  for (let i = from; i < to && values.length < COUNT; i++) {
    const item = items[i];
    if (!item || item.values.length === 0) continue;
    if (values.length === 0) leadBlanks = item.leadBlanks;
    values.push(...item.values);
    trailBlanks = item.trailBlanks;
  }
  if (values.length === 0) return null;
  const merged: Item = { labelParts: [], values, leadBlanks, trailBlanks, fromLines: false, index: -1 };
  const fit = fitRowValues(merged, COUNT);
  return T4_GROUPS.map((group, index) => ({
    key: `t4.${group}`,
    columns: T4_COLUMNS,
    fit: {
      issue: fit.issue,
      options: uniqueOptions(
        fit.options.map((option) => option.slice(index * T4_COLUMNS.length, (index + 1) * T4_COLUMNS.length)),
      ),
    },
  }));
}

function uniqueOptions<T extends { value: number | null }>(options: T[][]): T[][] {
  const seen = new Set<string>();
  return options.filter((option) => {
    const key = option.map((cell) => cell.value ?? "_").join(",");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
