// GET /api/openapi.json — the OpenAPI 3.1 document of this API, generated from the routes' zod schemas.
import { withAuth } from "@/lib/auth/route-handler";
import { buildOpenApiDocument } from "@/lib/data-api/openapi-document";

export const GET = withAuth({ permission: "browse" }, async ({ request }) =>
  Response.json(buildOpenApiDocument({ serverUrl: new URL(request.url).origin }), {
    headers: { "Cache-Control": "no-store" },
  }),
);
