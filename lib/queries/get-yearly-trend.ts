// Volumes and the outcome mix per year for the reports in scope (总览 and 地区 "over the years"): one
// GROUP BY year. The outcome mix adds up 表三's results over the reports that printed all of them, so
// the five parts always sum to the processed total of the same reports. Everywhere and for a province,
// city or county the sums come from the summaries (a few hundred rows), for a town from the read model.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import {
  readMetricTotals,
  sumMetricInputs,
  toMetricValues,
  type MetricValues,
} from "@/lib/queries/metric-sql";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";
import { sumSummaryColumns, summaryScopeWhere } from "@/lib/queries/summary-sql";

export interface OutcomeMix {
  /** 予以公开 + 部分公开 */
  disclosed: number;
  denied: number;
  unable: number;
  rejected: number;
  /** （六）其他处理 and anything else in 总计 beyond the named outcomes. */
  other: number;
  /** 办理结果总计 of the same reports. */
  total: number;
}

export interface YearTrendRow {
  year: number;
  reports: number;
  values: MetricValues;
  outcomes: OutcomeMix;
}

export async function getYearlyTrend(options: {
  db: PrismaClient;
  scope: ReportScope;
  minN: number;
  /** Only these years (the comparison's `years`); all years when absent. */
  years?: readonly number[] | null;
}): Promise<YearTrendRow[]> {
  const { db, scope, minN } = options;
  const years = options.years && options.years.length > 0 ? [...options.years] : null;
  const summaryWhere = summaryScopeWhere(scope);
  const rows = summaryWhere
    ? await db.$queryRaw<Record<string, unknown>[]>`
    SELECT s."year" AS "year", ${sumSummaryColumns()}
      FROM "RegionYearMetrics" s
     WHERE ${summaryWhere} AND (${years}::int[] IS NULL OR s."year" = ANY(${years}::int[]))
     GROUP BY s."year"
     ORDER BY s."year"`
    : await db.$queryRaw<Record<string, unknown>[]>`
    SELECT m."year" AS "year", count(*)::int AS "reports", ${sumMetricInputs("m")},
           ${outcomeSums()}
      FROM "ReportMetrics" m
     WHERE ${scopeWhere(scope, "m")} AND (${years}::int[] IS NULL OR m."year" = ANY(${years}::int[]))
     GROUP BY m."year"
     ORDER BY m."year"`;
  return rows.map((row) => ({
    year: Number(row.year),
    reports: Number(row.reports),
    values: toMetricValues(readMetricTotals(row), minN),
    outcomes: readOutcomes(row),
  }));
}

/** The outcome sums of the reports whose outcome rows are all known (the mix adds up to total). */
function outcomeSums() {
  // Numerators of 公开率, 不予公开率, 无法提供率, 不予处理率 share the denominator T (办理结果总计).
  return Prisma.sql`
    (sum(m."disclosureRateNum") FILTER (WHERE ${allKnown}))::float8 AS "o_disclosed",
    (sum(m."denialRateNum") FILTER (WHERE ${allKnown}))::float8 AS "o_denied",
    (sum(m."unableRateNum") FILTER (WHERE ${allKnown}))::float8 AS "o_unable",
    (sum(m."rejectionRateNum") FILTER (WHERE ${allKnown}))::float8 AS "o_rejected",
    (sum(m."disclosureRateDen") FILTER (WHERE ${allKnown}))::float8 AS "o_total"`;
}

const allKnown = Prisma.sql`m."disclosureRateNum" IS NOT NULL AND m."denialRateNum" IS NOT NULL
  AND m."unableRateNum" IS NOT NULL AND m."rejectionRateNum" IS NOT NULL AND m."disclosureRateDen" IS NOT NULL`;

export function readOutcomes(row: Record<string, unknown>): OutcomeMix {
  const read = (key: string) => Number(row[key] ?? 0);
  const total = read("o_total");
  const disclosed = read("o_disclosed");
  const denied = read("o_denied");
  const unable = read("o_unable");
  const rejected = read("o_rejected");
  const other = Math.max(0, Math.round((total - disclosed - denied - unable - rejected) * 10_000) / 10_000);
  return { disclosed, denied, unable, rejected, other, total };
}

export { outcomeSums };
