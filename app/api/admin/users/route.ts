// GET /api/admin/users — all users; POST /api/admin/users — create a user (admin only).
import { db } from "@/lib/db";
import { createUserInputSchema } from "@/lib/auth/admin-schemas";
import { getRequestIp } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/create-user";
import { listUsers } from "@/lib/auth/list-users";
import { withAuth } from "@/lib/auth/route-handler";

export const GET = withAuth({ permission: "manage_users" }, async () => {
  return Response.json({ users: await listUsers(db) });
});

export const POST = withAuth({ permission: "manage_users" }, async ({ request, user }) => {
  const input = createUserInputSchema.parse(await request.json().catch(() => ({})));
  const created = await createUser(db, {
    ...input,
    actor: { id: user.id, email: user.email },
    ip: getRequestIp(request.headers),
  });
  return Response.json({ user: created }, { status: 201 });
});
