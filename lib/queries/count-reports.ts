// The headline counts of the data in scope, over all years — current reports, agencies, open findings —
// each from a count query (never from a capped list).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";

export interface ReportCounts {
  reports: number;
  agencies: number;
  openFindings: number;
}

export async function countReports(options: { db: PrismaClient; scope: ReportScope }): Promise<ReportCounts> {
  const { db, scope } = options;
  const where = scopeWhere(scope, "m");
  const [[reports], [findings]] = await Promise.all([
    db.$queryRaw<{ reports: number; agencies: number }[]>`
      SELECT count(*)::int AS "reports", count(DISTINCT m."agencyId")::int AS "agencies"
        FROM "ReportMetrics" m WHERE ${where}`,
    db.$queryRaw<{ openFindings: number }[]>`
      SELECT count(*)::int AS "openFindings"
        FROM "ReportMetrics" m JOIN "Finding" f ON f."reportId" = m."reportId"
       WHERE ${where} AND f."status" = 'open'`,
  ]);
  return {
    reports: reports?.reports ?? 0,
    agencies: reports?.agencies ?? 0,
    openFindings: findings?.openFindings ?? 0,
  };
}
