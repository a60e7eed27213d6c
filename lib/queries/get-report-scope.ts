// What a permission check on one report needs (region limits of staff): its agency's region, and which
// agency × year it files. Null when there is no such report.
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql } from "@/lib/db/sql";

export interface ReportScope {
  reportId: number;
  agencyId: number;
  regionCode: string | null;
  year: number;
}

export async function getReportScope(db: Db, reportId: number): Promise<ReportScope | null> {
  const [row] = await runQuery<ReportScope>(
    getPool(db),
    sql`SELECT r."id" AS "reportId", r."agencyId", a."regionCode", r."year"
          FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId" WHERE r."id" = ${reportId}::int`,
  );
  return row ?? null;
}
