// The totals the overview states — reports, agencies, open findings of current versions — from their own
// count query, whatever the number of reports (never derived from a list that is capped for display): sums
// of the summaries' rows for the whole country (a year has one report per agency; over several years each
// agency counts at its earliest current report).
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
    sql`SELECT coalesce(sum(s."reports"), 0)::int AS "reports",
               coalesce(sum(CASE WHEN ${year}::int IS NULL THEN s."firstReports" ELSE s."reports" END), 0)::int AS "agencies",
               coalesce(sum(s."openFindings"), 0)::int AS "openFindings"
          FROM "RegionYearMetrics" s
         WHERE s."depth" <= 1 AND (${year}::int IS NULL OR s."year" = ${year}::int)`,
  );
  return row!;
}
