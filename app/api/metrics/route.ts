// GET /api/metrics — each current report's metrics (value and n) for the dashboard's filters, a page at a
// time by cursor. Bulk data, so it needs the export right (analysts, admins, supervisors granted export).
import { withAuth } from "@/lib/auth/route-handler";
import { metricListQuerySchema } from "@/lib/data-api/api-list-query";
import { listApiMetrics } from "@/lib/data-api/list-api-metrics";
import { db } from "@/lib/db";
import { searchParamsToObject } from "@/lib/export/export-query";
import { resolveExportSelection } from "@/lib/export/resolve-export-selection";
import { METRICS } from "@/lib/metrics/metric-dictionary";
import { readMinRateN } from "@/lib/metrics/min-rate-n";

export const GET = withAuth({ permission: "export" }, async ({ request }) => {
  const query = metricListQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  const { selection } = await resolveExportSelection(db, query);
  const page = await listApiMetrics({
    db,
    selection,
    metricIds: query.metrics ?? METRICS.map((metric) => metric.id),
    minN: readMinRateN(process.env),
    cursor: query.cursor,
    limit: query.limit,
  });
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
