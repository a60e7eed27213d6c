// GET /api/auth/me — who this request is authenticated as (session cookie or API token), with permissions.
import { ACTIONS, can } from "@/lib/auth/permissions";
import { withAuth } from "@/lib/auth/route-handler";

export const GET = withAuth({ permission: "browse" }, async ({ user }) => {
  const permissions = ACTIONS.filter((action) => can(user, action));
  return Response.json({ user: { ...user, permissions } }, { headers: { "Cache-Control": "no-store" } });
});
