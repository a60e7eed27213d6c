// GET /api/tokens[?userId=] — API tokens (never the tokens themselves); POST /api/tokens — create one for
// any user, returned once in the response (admin only).
import { db } from "@/lib/db";
import { createTokenInputSchema, userIdSchema } from "@/lib/auth/admin-schemas";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { AppError } from "@/lib/api/app-error";
import { getRequestIp } from "@/lib/auth/auth";
import { findTokenOwner } from "@/lib/auth/list-users";
import { withAuth } from "@/lib/auth/route-handler";

export const GET = withAuth({ permission: "manage_users" }, async ({ request }) => {
  const userId = userIdSchema.optional().parse(new URL(request.url).searchParams.get("userId") ?? undefined);
  return Response.json({ tokens: await listApiTokens(db, { userId }) });
});

export const POST = withAuth({ permission: "manage_users" }, async ({ request, user }) => {
  const input = createTokenInputSchema.parse(await request.json().catch(() => ({})));
  const owner = await findTokenOwner(db, input);
  if (!owner) throw new AppError("USER_NOT_FOUND");
  const { token, row } = await createApiToken(db, {
    userId: owner.id,
    name: input.name,
    actor: { id: user.id, email: user.email },
    ip: getRequestIp(request.headers),
  });
  return Response.json({ token, ...row }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
