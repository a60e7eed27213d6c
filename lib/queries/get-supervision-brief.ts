// Everything the supervision brief (督查简报) of a region and year prints, read from the database: tables 二–四
// summed over the current reports in scope (CellValue, corrections applied), every metric with its n and
// its change over the agencies that filed both years, the region's children and own agencies, the open
// findings by code, the roll-up check of its governments, and who has not filed. Scope = the dashboard's
// (year, region, kinds: lib/queries/report-scope.ts), so the brief and the pages agree.
//   const brief = await getSupervisionBrief({ db, year: 2023, region: trail, kinds: null, minN: 10 });
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { countFindingsByCode, type FindingCodeCount } from "@/lib/queries/count-findings-by-code";
import { getOverviewSummary, type OverviewSummary } from "@/lib/queries/get-overview-summary";
import { getRegionBreakdown, type RegionBreakdown } from "@/lib/queries/get-region-breakdown";
import type { RegionTrail } from "@/lib/queries/get-region-trail";
import { getRollUpChecks, type RollUpCheck } from "@/lib/queries/get-roll-up-checks";
import { listCoverageGaps, type CoverageGaps } from "@/lib/queries/list-coverage-gaps";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";
import type { AgencyKind } from "@/lib/reader/types";

/** Missing towns and lapsed agencies named in the brief; the rest are counted. */
export const BRIEF_MISSING_LIMIT = 50;

export interface BriefCellSum {
  cellId: string;
  /** Sum over the reports in scope that have a value; null when none has. */
  sum: number | null;
  /** Reports in scope with a value in this cell. */
  reports: number;
}

export interface SupervisionBrief {
  year: number;
  region: { code: string; name: string; level: string; path: string } | null;
  kinds: readonly AgencyKind[] | null;
  minN: number;
  /** The latest change to the data in scope (a report filed or corrected): the brief's data date. */
  dataDate: Date | null;
  cells: BriefCellSum[];
  summary: OverviewSummary;
  breakdown: RegionBreakdown;
  findings: FindingCodeCount[];
  rollUp: RollUpCheck[];
  gaps: CoverageGaps;
}

export async function getSupervisionBrief(options: {
  db: PrismaClient;
  year: number;
  region: RegionTrail | null;
  kinds: readonly AgencyKind[] | null;
  minN: number;
}): Promise<SupervisionBrief> {
  const { db, year, region, kinds, minN } = options;
  const scope: ReportScope = { regionPath: region?.path ?? null, kinds };
  const where = scopeWhere(scope, "m");
  const [cells, [dated], summary, breakdown, findings, rollUp, gaps] = await Promise.all([
    db.$queryRaw<BriefCellSum[]>`
      SELECT d."cellId", sum(v."value")::float8 AS "sum", count(v."value")::int AS "reports"
        FROM "ReportMetrics" m
        JOIN "CellValue" v ON v."reportId" = m."reportId"
        JOIN "CellDefinition" d ON d."cellNo" = v."cellNo"
       WHERE m."year" = ${year}::int AND ${where} AND d."tableNo" IN (2, 3, 4)
       GROUP BY d."cellNo", d."cellId"
       ORDER BY d."cellNo"`,
    db.$queryRaw<{ dataDate: Date | null }[]>`
      SELECT max(m."updatedAt") AS "dataDate" FROM "ReportMetrics" m WHERE m."year" = ${year}::int AND ${where}`,
    getOverviewSummary({ db, year, scope, minN }),
    getRegionBreakdown({ db, year, region, kinds, minN }),
    countFindingsByCode({ db, year, scope }),
    getRollUpChecks({ db, year, regionPath: scope.regionPath }),
    listCoverageGaps({ db, year, regionPath: scope.regionPath, kinds, pageSize: BRIEF_MISSING_LIMIT }),
  ]);
  return {
    year,
    region: region ? { code: region.code, name: region.name, level: region.level, path: region.path } : null,
    kinds,
    minN,
    dataDate: dated?.dataDate ?? null,
    cells,
    summary,
    breakdown,
    findings,
    rollUp: rollUp.checks.filter((check) => check.mismatches.length > 0 || check.missing.length > 0),
    gaps,
  };
}
