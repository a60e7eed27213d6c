// 总览's cards: every metric of a year over the reports in scope, the number of reports, and each metric's
// change from the previous year — compared over the same agencies (those with a current report in both
// years, spec/metrics.md: "year-on-year change compares the same agency's current reports"), so a year
// with more reports filed does not read as more applications.
//   const summary = await getOverviewSummary({ db, year: 2023, scope, minN });
// Everywhere and for a province, city or county: one query over the summaries (lib/queries/summary-sql.ts);
// for a town, three over the read model at once: this year, last year, and the matched pairs.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  readMetricTotals,
  sumMetricInputs,
  toMetricValues,
  type MetricValues,
} from "@/lib/queries/metric-sql";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";
import { sumSummaryColumns, summaryScopeWhere } from "@/lib/queries/summary-sql";

export interface OverviewSummary {
  year: number;
  reports: number;
  previousReports: number;
  values: MetricValues;
  /** Agencies with a current report in both years: the basis of every change. */
  matchedAgencies: number;
  matchedCurrent: MetricValues;
  matchedPrevious: MetricValues;
}

export async function getOverviewSummary(options: {
  db: PrismaClient;
  year: number;
  scope: ReportScope;
  minN: number;
}): Promise<OverviewSummary> {
  const { db, year, scope, minN } = options;
  const summaryWhere = summaryScopeWhere(scope);
  if (summaryWhere) {
    const rows = await db.$queryRaw<Record<string, unknown>[]>`
      SELECT s."year", ${sumSummaryColumns()} FROM "RegionYearMetrics" s
       WHERE s."year" IN (${year}::int, ${year - 1}::int) AND ${summaryWhere}
       GROUP BY s."year"`;
    const current = rows.find((row) => Number(row.year) === year);
    const previous = rows.find((row) => Number(row.year) === year - 1);
    return toSummary({ year, minN, current, previous, matched: current, matchedAs: "matched_" });
  }
  const where = scopeWhere(scope, "m");
  const yearTotals = (y: number) =>
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT count(*)::int AS "reports", ${sumMetricInputs("m")}
        FROM "ReportMetrics" m WHERE m."year" = ${y}::int AND ${where}`;
  const [[current], [previous], [matched]] = await Promise.all([
    yearTotals(year),
    yearTotals(year - 1),
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT count(*)::int AS "agencies", ${sumMetricInputs("m")}, ${sumMetricInputs("p", "prev_")}
        FROM "ReportMetrics" m
        JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
       WHERE m."year" = ${year}::int AND ${where}`,
  ]);
  return toSummary({ year, minN, current, previous, matched, matchedAs: "" });
}

type Row = Record<string, unknown> | undefined;

function toSummary(options: {
  year: number;
  minN: number;
  current: Row;
  previous: Row;
  matched: Row;
  /** The prefix of the matched agencies' sums of this year in `matched` ("" or "matched_"). */
  matchedAs: string;
}): OverviewSummary {
  const { year, minN, current, previous, matched, matchedAs } = options;
  return {
    year,
    reports: Number(current?.reports ?? 0),
    previousReports: Number(previous?.reports ?? 0),
    values: toMetricValues(readMetricTotals(current ?? {}), minN),
    matchedAgencies: Number(matched?.agencies ?? 0),
    matchedCurrent: toMetricValues(readMetricTotals(matched ?? {}, matchedAs), minN),
    matchedPrevious: toMetricValues(readMetricTotals(matched ?? {}, "prev_"), minN),
  };
}
