// DELETE /api/tokens/:id — revoke an API token at once (admin only).
import { z } from "zod";
import { db } from "@/lib/db";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { AppError } from "@/lib/api/app-error";
import { getClientIp } from "@/lib/auth/client-ip";
import { withAuth } from "@/lib/auth/route-handler";

export const DELETE = withAuth<{ id: string }>(
  { permission: "manage_users" },
  async ({ request, user, params }) => {
    const id = z.coerce.number().int().positive().parse(params.id);
    const revoked = await revokeApiToken(db, {
      id,
      actor: { id: user.id, email: user.email },
      ip: getClientIp(request.headers),
    });
    if (!revoked) throw new AppError("TOKEN_NOT_FOUND");
    return new Response(null, { status: 204 });
  },
);
