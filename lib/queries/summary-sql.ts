// Reading the read model's summaries (RegionYearMetrics: sums per year, region of depth 1–3 and agency kind,
// kept by the read model's refresh — lib/metrics/build-summary-sql.ts) instead of the read model itself:
// a national year is ~240 rows instead of ~150 000 reports. Only for scopes the summaries hold — everywhere,
// or a province, city or county — otherwise the caller reads ReportMetrics as before.
//   const where = summaryScopeWhere(scope);  // null: read ReportMetrics
//   SELECT ${sumSummaryColumns()} FROM "RegionYearMetrics" s WHERE s."year" = … AND ${where}
import { Prisma } from "@/lib/generated/prisma/client";
import { SUMMARY_MAX_DEPTH } from "@/lib/metrics/build-summary-sql";
import { METRIC_COLUMNS } from "@/lib/queries/metric-sql";
import type { ReportScope } from "@/lib/queries/report-scope";

/** "50/5001/" → 2; "" → 0. */
export function pathDepth(path: string): number {
  return path.split("/").length - 1;
}

/** The summary rows (alias `s`) that together hold exactly the scope's reports; null when none do. */
export function summaryScopeWhere(scope: ReportScope): Prisma.Sql | null {
  const parts: Prisma.Sql[] = [];
  if (scope.regionPath) {
    if (!/^(\d+\/)+$/.test(scope.regionPath)) throw new Error(`bad region path ${scope.regionPath}`);
    const depth = pathDepth(scope.regionPath);
    if (depth > SUMMARY_MAX_DEPTH) return null;
    parts.push(Prisma.sql`s."depth" = ${depth}::int AND s."regionPath" = ${scope.regionPath}`);
  } else {
    // The provinces and the reports without a region: every report once.
    parts.push(Prisma.sql`s."depth" <= 1`);
  }
  if (scope.kinds && scope.kinds.length > 0) {
    parts.push(Prisma.sql`s."agencyKind" = ANY(${[...scope.kinds]}::text[])`);
  }
  return Prisma.join(parts, " AND ");
}

const OUTCOMES = ["o_disclosed", "o_denied", "o_unable", "o_rejected", "o_total"];

/**
 * `sum(s."reports") AS "reports", sum(s."applicationsNew") AS "applicationsNew", …` — the sums of summary
 * rows under the names the read-model queries use: metric columns, o_* (the outcome mix), "agencies"
 * (matched), matched_* and prev_* (the matched agencies' inputs this year and last year).
 */
export function sumSummaryColumns(): Prisma.Sql {
  const sum = (column: string, as = column) => `sum(s."${column}")::float8 AS "${as}"`;
  return Prisma.raw(
    [
      `sum(s."reports")::int AS "reports"`,
      `sum(s."matchedAgencies")::int AS "agencies"`,
      ...METRIC_COLUMNS.map((c) => sum(c)),
      ...OUTCOMES.map((c) => sum(c)),
      ...METRIC_COLUMNS.map((c) => sum(`matched_${c}`)),
      ...METRIC_COLUMNS.map((c) => sum(`prev_${c}`)),
    ].join(", "),
  );
}
