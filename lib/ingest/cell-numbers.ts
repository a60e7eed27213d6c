// Cell numbers: the compact key of a cell in the database. Cell rows store a SMALLINT, never the 20-odd
// character text id; CellDefinition maps one to the other. The numbers are the catalogue's order
// (lib/reader/template/cells.json, from 1): cells are only ever appended to the catalogue, so a number never
// changes. Cell ids stay the external contract (reader output, API, CSV); numbers never leave the database
// layer. tests/integration/cell-definitions.test.ts checks that the migrated table equals this list.
import { CELLS } from "@/lib/reader/template/cell-catalogue";
import type { TemplateVersion } from "@/lib/reader/types";

export interface CellDefinition {
  cellNo: number;
  cellId: string;
  /** 2, 3 or 4: the template's table 二, 三 or 四. */
  tableNo: number;
  tableLabel: string;
  rowPath: readonly string[];
  columnLabel: string;
  unit: string;
  versions: readonly TemplateVersion[];
}

export const CELL_DEFINITIONS: readonly CellDefinition[] = CELLS.map((cell, index) => ({
  cellNo: index + 1,
  cellId: cell.id,
  tableNo: Number(cell.id.slice(1, 2)),
  tableLabel: cell.table,
  rowPath: cell.row_path,
  columnLabel: cell.column,
  unit: cell.unit,
  versions: cell.versions,
}));

const NUMBER_BY_ID: ReadonlyMap<string, number> = new Map(
  CELL_DEFINITIONS.map((cell) => [cell.cellId, cell.cellNo]),
);

/** The cell number of a canonical cell id; undefined for an id outside the catalogue. */
export function findCellNo(cellId: string): number | undefined {
  return NUMBER_BY_ID.get(cellId);
}

export function getCellNo(cellId: string): number {
  const cellNo = NUMBER_BY_ID.get(cellId);
  if (cellNo === undefined) throw new Error(`Unknown cell id ${cellId} (not in spec/cells.json)`);
  return cellNo;
}

export function getCellId(cellNo: number): string {
  const cell = CELL_DEFINITIONS[cellNo - 1];
  if (!cell) throw new Error(`Unknown cell number ${cellNo}`);
  return cell.cellId;
}
