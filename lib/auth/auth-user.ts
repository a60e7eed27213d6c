// The signed-in user as every guard and page sees it, whether they came with a session cookie or a token.
import type { Principal } from "./permissions";
import { roleSchema } from "./permissions";

export type AuthUser = Principal & {
  id: string;
  email: string;
  name: string;
  /** How this request was authenticated. */
  via: "session" | "token";
};

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  canExport: boolean;
  regions: string[] | null;
};

export const AUTH_USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  canExport: true,
  regions: true,
  active: true,
} as const;

export function toAuthUser(row: UserRow, via: AuthUser["via"]): AuthUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: roleSchema.parse(row.role),
    canExport: row.canExport,
    regions: row.regions ?? [],
    via,
  };
}
