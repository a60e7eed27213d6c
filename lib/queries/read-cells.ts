// Every read of cell values by the dashboard goes through here (the agency page's tables 二/三/四, anything
// that needs cells rather than the read model). Typed by canonical cell ids, the external contract; the
// storage behind it is being rewritten (issue 16: a compact store keyed by report and a small cell number,
// with staff corrections applied on top of read values), and only this module's body has to follow.
//   const cells = await readCurrentCells({ db, agencyIds: [4], years: [2022, 2023] });
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface CellValueRow {
  agencyId: number;
  year: number;
  /** Canonical cell id, e.g. t3.new.total (spec/cells.json). */
  cellId: string;
  /** null = not printed. */
  value: number | null;
  /** Blank in the report but forced by its own sums. */
  inferred: boolean;
}

/** The cells of the current report of each agency-year asked for (all years when `years` is absent). */
export async function readCurrentCells(options: {
  db: PrismaClient;
  agencyIds: readonly number[];
  years?: readonly number[] | null;
  /** Only these cells; all when absent. */
  cellIds?: readonly string[] | null;
}): Promise<CellValueRow[]> {
  const { db } = options;
  if (options.agencyIds.length === 0) return [];
  const years = options.years && options.years.length > 0 ? [...options.years] : null;
  const cellIds = options.cellIds && options.cellIds.length > 0 ? [...options.cellIds] : null;
  return db.$queryRaw<CellValueRow[]>`
    SELECT c."agencyId", c."year", c."cellId", c."value"::float8 AS "value", c."inferred"
      FROM "Cell" c
     WHERE c."isCurrent" AND c."agencyId" = ANY(${[...options.agencyIds]}::int[])
       AND (${years}::int[] IS NULL OR c."year" = ANY(${years}::int[]))
       AND (${cellIds}::text[] IS NULL OR c."cellId" = ANY(${cellIds}::text[]))
     ORDER BY c."agencyId", c."year"`;
}
