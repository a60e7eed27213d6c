// Every read of cell values by the dashboard goes through here (the agency page's tables 二/三/四, anything
// that needs cells rather than the read model). Typed by canonical cell ids, the external contract; the
// storage underneath is the compact store (ReportCell keyed by report and a SMALLINT cell number, mapped by
// CellDefinition) read through the view "CellValue", so staff corrections apply on top of read values.
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
  /** A staff correction replaced the value read. */
  corrected: boolean;
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
    SELECT r."agencyId", r."year", d."cellId", v."value"::float8 AS "value", v."inferred", v."corrected"
      FROM "Report" r
      JOIN "CellValue" v ON v."reportId" = r."id"
      JOIN "CellDefinition" d ON d."cellNo" = v."cellNo"
     WHERE r."isCurrent" AND r."agencyId" = ANY(${[...options.agencyIds]}::int[])
       AND (${years}::int[] IS NULL OR r."year" = ANY(${years}::int[]))
       AND (${cellIds}::text[] IS NULL OR d."cellId" = ANY(${cellIds}::text[]))
     ORDER BY r."agencyId", r."year", v."cellNo"`;
}
