// PATCH /api/admin/users/:id — change name, role, export right, regions or the active flag (admin only).
import { db } from "@/lib/db";
import { updateUserInputSchema } from "@/lib/auth/admin-schemas";
import { getClientIp } from "@/lib/auth/client-ip";
import { withAuth } from "@/lib/auth/route-handler";
import { setUserActive, updateUser } from "@/lib/auth/update-user";

export const PATCH = withAuth<{ id: string }>(
  { permission: "manage_users" },
  async ({ request, user, params }) => {
    const { active, ...changes } = updateUserInputSchema.parse(await request.json().catch(() => ({})));
    const audit = { actor: { id: user.id, email: user.email }, ip: getClientIp(request.headers) };
    if (Object.values(changes).some((value) => value !== undefined)) {
      await updateUser(db, { userId: params.id, changes, ...audit });
    }
    if (active !== undefined) await setUserActive(db, { userId: params.id, active, ...audit });
    return new Response(null, { status: 204 });
  },
);
