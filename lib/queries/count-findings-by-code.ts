// 数据质量: open findings of the current reports in scope for a year, counted by code (and kind: the
// report is inconsistent / the reading is uncertain). Everywhere and for a province, city or county: one
// GROUP BY over the summaries (RegionYearFindings, a few hundred rows); a town: over its reports.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";
import { summaryScopeWhere } from "@/lib/queries/summary-sql";

export interface FindingCodeCount {
  code: string;
  kind: "inconsistent" | "uncertain";
  origin: "reader" | "across_years";
  findings: number;
  reports: number;
}

export async function countFindingsByCode(options: {
  db: PrismaClient;
  year: number;
  scope: ReportScope;
}): Promise<FindingCodeCount[]> {
  const { db, year, scope } = options;
  const summaryWhere = summaryScopeWhere(scope);
  if (summaryWhere) {
    return db.$queryRaw<FindingCodeCount[]>`
      SELECT s."code", s."kind", s."origin", sum(s."findings")::int AS "findings", sum(s."reports")::int AS "reports"
        FROM "RegionYearFindings" s
       WHERE s."year" = ${year}::int AND ${summaryWhere}
       GROUP BY s."code", s."kind", s."origin"
       ORDER BY sum(s."findings") DESC, s."code", s."kind", s."origin"`;
  }
  return db.$queryRaw<FindingCodeCount[]>`
    SELECT f."code", f."kind"::text AS "kind", f."origin"::text AS "origin",
           count(*)::int AS "findings", count(DISTINCT f."reportId")::int AS "reports"
      FROM "ReportMetrics" m JOIN "Finding" f ON f."reportId" = m."reportId"
     WHERE m."year" = ${year}::int AND ${scopeWhere(scope, "m")} AND f."status" = 'open'
     GROUP BY f."code", f."kind", f."origin"
     ORDER BY count(*) DESC, f."code", f."kind", f."origin"`;
}
