import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/current-user";

export default async function AdminPage() {
  await requirePermission("manage_users");
  redirect("/admin/users");
}
