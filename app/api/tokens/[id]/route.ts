// DELETE /api/tokens/:id — revoke an API token at once (admin only).
import { db } from "@/lib/db";
import { tokenIdSchema } from "@/lib/auth/admin-schemas";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { AppError } from "@/lib/api/app-error";
import { getRequestIp } from "@/lib/auth/auth";
import { withAuth } from "@/lib/auth/route-handler";

export const DELETE = withAuth<{ id: string }>(
  { permission: "manage_users" },
  async ({ request, user, params }) => {
    const id = tokenIdSchema.parse(params.id);
    const revoked = await revokeApiToken(db, {
      id,
      actor: { id: user.id, email: user.email },
      ip: getRequestIp(request.headers),
    });
    if (!revoked) throw new AppError("TOKEN_NOT_FOUND");
    return new Response(null, { status: 204 });
  },
);
