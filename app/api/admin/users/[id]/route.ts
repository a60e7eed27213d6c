// PATCH /api/admin/users/:id — change name, role, export right, regions or the active flag (admin only).
// All of it in one transaction: what the last-admin guard refuses leaves nothing changed.
import { db } from "@/lib/db";
import { updateUserInputSchema, userIdSchema } from "@/lib/auth/admin-schemas";
import { getRequestIp } from "@/lib/auth/auth";
import { withAuth } from "@/lib/auth/route-handler";
import { updateUser } from "@/lib/auth/update-user";

export const PATCH = withAuth<{ id: string }>(
  { permission: "manage_users" },
  async ({ request, user, params }) => {
    const userId = userIdSchema.parse(params.id);
    const changes = updateUserInputSchema.parse(await request.json().catch(() => ({})));
    await updateUser(db, {
      userId,
      changes,
      actor: { id: user.id, email: user.email },
      ip: getRequestIp(request.headers),
    });
    return new Response(null, { status: 204 });
  },
);
