// A user's export right in words, the same in the admin user list and `npm run admin -- user:list`: it
// follows can(), so what is shown is what the user may do, whatever flag is stored.
import { can, type Principal } from "./permissions";

export function describeExportRight(user: Principal): string {
  if (can(user, "export")) return "可导出";
  return user.role === "supervisor" ? "未授权导出" : "不可导出";
}
