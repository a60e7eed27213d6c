// The cells of report versions as they stand, keyed by canonical cell id: the value (the latest correction
// on top of the reading), the value as read, the printed text, whether the sums forced it, its unit and
// whether staff corrected it. One query for any number of reports.
//   const cells = (await readReportCells(pool, [reportId])).get(reportId);
import { getCellId } from "@/lib/ingest/cell-numbers";
import { runQuery, sql, type SqlClient } from "@/lib/db/sql";

export interface StoredCell {
  value: number | null;
  readValue: number | null;
  /** The text the value was read from; null when nothing was printed (a blank, or an inferred value). */
  printedText: string | null;
  inferred: boolean;
  unit: string | null;
  corrected: boolean;
}

export async function readReportCells(
  client: SqlClient,
  reportIds: readonly number[],
): Promise<Map<number, Map<string, StoredCell>>> {
  const rows = await runQuery<{
    reportId: number;
    cellNo: number;
    value: string | null;
    readValue: string | null;
    rawText: string | null;
    inferred: boolean;
    unit: string | null;
    corrected: boolean;
  }>(
    client,
    sql`SELECT "reportId", "cellNo", trim_scale("value")::text AS "value", trim_scale("readValue")::text AS "readValue",
               "rawText", "inferred", "unit", "corrected"
          FROM "CellValue" WHERE "reportId" = ANY(${[...reportIds]}::int[])
         ORDER BY "reportId", "cellNo"`,
  );
  const reports = new Map<number, Map<string, StoredCell>>(reportIds.map((id) => [id, new Map()]));
  for (const row of rows) {
    reports.get(row.reportId)!.set(getCellId(row.cellNo), {
      value: row.value === null ? null : Number(row.value),
      readValue: row.readValue === null ? null : Number(row.readValue),
      // Text equal to the value's own text is not stored twice; an inferred value was not printed at all.
      printedText: row.rawText ?? (row.inferred ? null : row.readValue),
      inferred: row.inferred,
      unit: row.unit,
      corrected: row.corrected,
    });
  }
  return reports;
}
