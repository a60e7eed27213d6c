// The rows of the template's tables 二, 三 and 四 as the agency page lays them out, years side by side:
// labels from the cell catalogue (cells.json, with the template's own punctuation), the cell id each row
// shows per year, and the indent of nested rows. Pure; built once.
import { CELLS } from "@/lib/reader/template/cell-catalogue";
import { T3_COLUMNS, T3_ROWS } from "@/lib/reader/template/row-catalogue";

export interface TemplateRow {
  key: string;
  label: string;
  /** The cell this row shows (null for a heading). */
  cellId: string | null;
  depth: number;
  heading: boolean;
  /** Template versions that print this cell. */
  versions: readonly string[];
}

const BY_ID = new Map(CELLS.map((cell) => [cell.id, cell]));

/** 表二: one row per cell of either version (2019 and 2021 differ), in catalogue order. */
export const TABLE_TWO_ROWS: readonly TemplateRow[] = CELLS.filter((cell) => cell.id.startsWith("t2.")).map(
  (cell) => ({
    key: cell.id,
    label: `${cell.row_path.at(-1)} · ${cell.column.split(" / ")[0]}`,
    cellId: cell.id,
    depth: 0,
    heading: false,
    versions: cell.versions,
  }),
);

/** 表三: the template's rows with their 总计 column; group headings print no numbers. */
export const TABLE_THREE_ROWS: readonly TemplateRow[] = T3_ROWS.map((row, index) => {
  if (row.heading) {
    const next = T3_ROWS.slice(index + 1).find((candidate) => !candidate.heading);
    const path = BY_ID.get(`${next?.key}.total`)?.row_path ?? [];
    return {
      key: row.key,
      label: path[path.length - 2] ?? row.full,
      cellId: null,
      depth: Math.max(0, path.length - 2),
      heading: true,
      versions: [],
    };
  }
  const cell = BY_ID.get(`${row.key}.total`);
  const path = cell?.row_path ?? [row.full];
  return {
    key: row.key,
    label: path.at(-1) ?? row.full,
    cellId: `${row.key}.total`,
    depth: path.length - 1,
    heading: false,
    versions: cell?.versions ?? [],
  };
});

/** 表三's applicant columns with their labels (自然人 … 总计). */
export const TABLE_THREE_COLUMNS: readonly { key: string; label: string }[] = T3_COLUMNS.map((column) => ({
  key: column,
  label: (BY_ID.get(`t3.new.${column}`)?.column ?? column).replace(/^法人或其他组织\//, ""),
}));

/** 表四: three groups × five results. */
export const TABLE_FOUR_ROWS: readonly TemplateRow[] = CELLS.filter((cell) => cell.id.startsWith("t4.")).map(
  (cell) => ({
    key: cell.id,
    label: `${cell.row_path.join(" · ")} · ${cell.column}`,
    cellId: cell.id,
    depth: 0,
    heading: false,
    versions: cell.versions,
  }),
);
