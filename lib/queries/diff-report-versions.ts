// The cells that differ between two versions of a report, as they stand (corrections included): one query
// joining the two versions' compact rows by cell number — cheap whatever the number of versions.
//   const changes = await diffReportVersions(db, { fromReportId: v1, toReportId: v2 });
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql } from "@/lib/db/sql";
import { getCellId } from "@/lib/ingest/cell-numbers";

export interface CellChange {
  cellId: string;
  /** null: not printed in that version (or the cell is not in its template). */
  from: number | null;
  to: number | null;
  fromCorrected: boolean;
  toCorrected: boolean;
}

export async function diffReportVersions(
  db: Db,
  options: { fromReportId: number; toReportId: number },
): Promise<CellChange[]> {
  const rows = await runQuery<{
    cellNo: number;
    from: string | null;
    to: string | null;
    fromCorrected: boolean | null;
    toCorrected: boolean | null;
  }>(
    getPool(db),
    sql`SELECT coalesce(a."cellNo", b."cellNo") AS "cellNo",
               trim_scale(a."value")::text AS "from", trim_scale(b."value")::text AS "to",
               a."corrected" AS "fromCorrected", b."corrected" AS "toCorrected"
          FROM (SELECT * FROM "CellValue" WHERE "reportId" = ${options.fromReportId}::int) a
          FULL JOIN (SELECT * FROM "CellValue" WHERE "reportId" = ${options.toReportId}::int) b
            ON a."cellNo" = b."cellNo"
         WHERE a."value" IS DISTINCT FROM b."value"
         ORDER BY 1`,
  );
  return rows.map((row) => ({
    cellId: getCellId(row.cellNo),
    from: row.from === null ? null : Number(row.from),
    to: row.to === null ? null : Number(row.to),
    fromCorrected: row.fromCorrected ?? false,
    toCorrected: row.toCorrected ?? false,
  }));
}
