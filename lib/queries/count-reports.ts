// The totals the overview states — reports, agencies, open findings of current versions — from their own
// count query, whatever the number of reports (never derived from a list that is capped for display).
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql } from "@/lib/db/sql";

export interface ReportTotals {
  reports: number;
  agencies: number;
  openFindings: number;
}

export async function countReports(db: Db, options: { year?: number } = {}): Promise<ReportTotals> {
  const year = options.year ?? null;
  const [row] = await runQuery<ReportTotals>(
    getPool(db),
    sql`SELECT count(*)::int AS "reports", count(DISTINCT r."agencyId")::int AS "agencies",
               coalesce(sum((SELECT count(*) FROM "Finding" f WHERE f."reportId" = r."id" AND f."status" = 'open')), 0)::int
                 AS "openFindings"
          FROM "Report" r
         WHERE r."isCurrent" AND (${year}::int IS NULL OR r."year" = ${year}::int)`,
  );
  return row!;
}
