// GET /api/metrics: each current report's metrics (value and n, rates null below the minimum n) from the
// read model, for the reports the dashboard's filters select, by report id.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { selectionWhere, type ReportSelection } from "@/lib/export/build-export-sql";
import { getMetric, type MetricId } from "@/lib/metrics/metric-dictionary";
import { readMetricTotals, selectMetricInputs, toMetricValue } from "@/lib/queries/metric-sql";
import { decodeIdCursor, toPage, type ApiPage } from "./api-list-query";

export interface ApiReportMetrics {
  reportId: number;
  agency: { id: number; name: string };
  year: number;
  metrics: Record<string, { value: number | null; n: number | null }>;
}

export async function listApiMetrics(options: {
  db: PrismaClient;
  selection: ReportSelection;
  metricIds: readonly MetricId[];
  minN: number;
  cursor: string | undefined;
  limit: number;
}): Promise<ApiPage<ApiReportMetrics>> {
  const { db, selection, limit, minN } = options;
  const after = decodeIdCursor(options.cursor);
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT m."reportId", m."agencyId", a."name", m."year", ${selectMetricInputs("m")}
      FROM "ReportMetrics" m JOIN "Agency" a ON a."id" = m."agencyId"
     WHERE ${selectionWhere(selection)} AND m."reportId" > ${after}::int
     ORDER BY m."reportId" LIMIT ${limit + 1}::int`;
  const page = toPage(rows, limit, (row) => Number(row.reportId));
  const metrics = options.metricIds.map(getMetric);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((row) => {
      const totals = readMetricTotals(row);
      return {
        reportId: Number(row.reportId),
        agency: { id: Number(row.agencyId), name: String(row.name) },
        year: Number(row.year),
        metrics: Object.fromEntries(
          metrics.map((metric) => [metric.id, toMetricValue(metric, totals, minN)]),
        ),
      };
    }),
  };
}
