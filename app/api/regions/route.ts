// GET /api/regions — the provinces, or the children of `region`, a page at a time by cursor. Read-only;
// anyone signed in, by session or Bearer token.
import { withAuth } from "@/lib/auth/route-handler";
import { regionListQuerySchema } from "@/lib/data-api/api-list-query";
import { listApiRegions } from "@/lib/data-api/list-api-regions";
import { db } from "@/lib/db";
import { searchParamsToObject } from "@/lib/export/export-query";

export const GET = withAuth({ permission: "browse" }, async ({ request }) => {
  const query = regionListQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  return Response.json(await listApiRegions({ db, query }), { headers: { "Cache-Control": "no-store" } });
});
