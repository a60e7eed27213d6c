// For route handlers and server actions whose check depends on the data they touch:
//   assertCan(user, "correct", { regionCode: report.agency.regionCode });
// throws AppError("FORBIDDEN"), which withAuth() answers with 403 and server actions can show.
import { AppError } from "@/lib/api/app-error";
import { can, type Action, type Principal, type Resource } from "./permissions";

export function assertCan(user: Principal | null | undefined, action: Action, resource?: Resource): void {
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (!can(user, action, resource)) throw new AppError("FORBIDDEN");
}
