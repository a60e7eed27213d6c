// Turns a reading's cells into Cell rows: every id of the detected template (null = not printed), the
// text each was read from, whether the sums forced it, and the printed unit of amount cells. Ids outside
// the canonical catalogue (spec/cells.json) are refused: they are the contract of the database keys.
import catalogue from "@/lib/reader/template/cells.json";
import type { ReadSuccess } from "@/lib/reader/types";

const KNOWN_CELL_IDS: ReadonlySet<string> = new Set(catalogue.cells.map((cell) => cell.id));

export interface CellRow {
  cellId: string;
  value: number | null;
  rawText: string | null;
  inferred: boolean;
  unit: string | null;
}

export function buildCellRows(
  result: Pick<ReadSuccess, "cells" | "rawText" | "inferred" | "units">,
): CellRow[] {
  const unknown = Object.keys(result.cells).filter((id) => !KNOWN_CELL_IDS.has(id));
  if (unknown.length > 0)
    throw new Error(`The reading has cell ids outside spec/cells.json: ${unknown.join(", ")}`);
  const inferred = new Set(result.inferred);
  return Object.entries(result.cells).map(([cellId, value]) => ({
    cellId,
    value: value !== null && Number.isFinite(value) ? value : null,
    rawText: result.rawText[cellId] ?? null,
    inferred: inferred.has(cellId),
    unit: result.units[cellId] ?? null,
  }));
}
