// GET /api/agencies — agencies matching the dashboard's filters (region, kind, agencies, q, year/years),
// a page at a time by cursor. Read-only; anyone signed in, by session or Bearer token.
import { AppError } from "@/lib/api/app-error";
import { withAuth } from "@/lib/auth/route-handler";
import { agencyListQuerySchema } from "@/lib/data-api/api-list-query";
import { listApiAgencies } from "@/lib/data-api/list-api-agencies";
import { db } from "@/lib/db";
import { searchParamsToObject } from "@/lib/export/export-query";
import { getRegionTrail } from "@/lib/queries/get-region-trail";

export const GET = withAuth({ permission: "browse" }, async ({ request }) => {
  const query = agencyListQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  const region = query.region ? await getRegionTrail(db, query.region) : null;
  if (query.region && !region) throw new AppError("INVALID_INPUT", "region：没有这个地区代码");
  return Response.json(await listApiAgencies({ db, query, region }), {
    headers: { "Cache-Control": "no-store" },
  });
});
