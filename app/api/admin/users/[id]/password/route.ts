// POST /api/admin/users/:id/password — set a new password and sign the user out everywhere (admin only).
import { db } from "@/lib/db";
import { resetPasswordInputSchema } from "@/lib/auth/admin-schemas";
import { getClientIp } from "@/lib/auth/client-ip";
import { withAuth } from "@/lib/auth/route-handler";
import { resetUserPassword } from "@/lib/auth/update-user";

export const POST = withAuth<{ id: string }>(
  { permission: "manage_users" },
  async ({ request, user, params }) => {
    const { password } = resetPasswordInputSchema.parse(await request.json().catch(() => ({})));
    await resetUserPassword(db, {
      userId: params.id,
      password,
      actor: { id: user.id, email: user.email },
      ip: getClientIp(request.headers),
    });
    return new Response(null, { status: 204 });
  },
);
