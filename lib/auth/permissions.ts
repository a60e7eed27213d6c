// The one permission matrix. Pages, route handlers, server actions and the admin UI all ask `can()`;
// nothing else compares role names.
import { z } from "zod";

export const ROLES = ["admin", "staff", "supervisor", "analyst"] as const;
export const roleSchema = z.enum(ROLES, {
  error: "角色应为 admin（管理员）、staff（填报员）、supervisor（督查员）、analyst（分析员）之一",
});
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: "管理员",
  staff: "填报员",
  supervisor: "督查员",
  analyst: "分析员",
};

export const ACTIONS = [
  "browse", // dashboards, rankings, reports, data quality
  "upload",
  "correct",
  "confirm",
  "export",
  "manage_users", // users, roles, export permission, API tokens
  "view_audit",
] as const;
export type Action = (typeof ACTIONS)[number];

/** The fields of a user that decide what they may do. */
export type Principal = {
  role: Role;
  /** Only meaningful for supervisors: an admin grants it. */
  canExport: boolean;
  /** Region code prefixes a staff member is limited to; empty = everywhere. */
  regions: readonly string[];
};

/** What an action is about, when it matters (a report's agency region for corrections). */
export type Resource = { regionCode: string | null };

const REGION_SCOPED: ReadonlySet<Action> = new Set(["correct", "confirm"]);

export function can(user: Principal | null | undefined, action: Action, resource?: Resource): boolean {
  if (!user) return false;
  if (user.role === "admin") return true;
  if (!roleAllows(user, action)) return false;
  if (user.role === "staff" && resource && REGION_SCOPED.has(action)) {
    return isInRegions(user.regions, resource.regionCode);
  }
  return true;
}

function roleAllows(user: Principal, action: Action): boolean {
  switch (action) {
    case "browse":
      return true;
    case "upload":
    case "correct":
    case "confirm":
      return user.role === "staff";
    case "export":
      return user.role === "analyst" || (user.role === "supervisor" && user.canExport);
    case "manage_users":
    case "view_audit":
      return false;
  }
}

/** A staff member limited to regions may only touch reports whose agency is known to lie inside them. */
export function isInRegions(regions: readonly string[], regionCode: string | null): boolean {
  if (regions.length === 0) return true;
  if (!regionCode) return false;
  return regions.some((prefix) => regionCode.startsWith(prefix));
}

/** Region limits are statistics-bureau code prefixes: 2 (province) to 12 digits (village level). */
export const regionPrefixSchema = z.string().regex(/^\d{2,12}$/, "地区代码应为 2–12 位数字");

/** Parses "5303, 530402" (commas, spaces or 、) into a clean list; throws on anything else. */
export function parseRegionList(input: string): string[] {
  const parts = input
    .split(/[\s,，、;；]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  return [...new Set(parts.map((part) => regionPrefixSchema.parse(part)))];
}
