// POST /api/admin/users/:id/password — set a new password, sign the user out everywhere and revoke their
// API tokens (admin only).
import { db } from "@/lib/db";
import { resetPasswordInputSchema, userIdSchema } from "@/lib/auth/admin-schemas";
import { getRequestIp } from "@/lib/auth/auth";
import { withAuth } from "@/lib/auth/route-handler";
import { resetUserPassword } from "@/lib/auth/update-user";

export const POST = withAuth<{ id: string }>(
  { permission: "manage_users" },
  async ({ request, user, params }) => {
    const userId = userIdSchema.parse(params.id);
    const { password } = resetPasswordInputSchema.parse(await request.json().catch(() => ({})));
    await resetUserPassword(db, {
      userId,
      password,
      actor: { id: user.id, email: user.email },
      ip: getRequestIp(request.headers),
    });
    return new Response(null, { status: 204 });
  },
);
