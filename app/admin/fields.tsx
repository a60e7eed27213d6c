// Small form fields shared by the admin forms.
import type { ReactNode } from "react";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/permissions";

export const INPUT = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm";
export const BUTTON = "rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700";
export const SECONDARY_BUTTON = "rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100";

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      {children}
    </label>
  );
}

export function RoleSelect({ defaultValue }: { defaultValue?: Role }) {
  return (
    <select name="role" defaultValue={defaultValue ?? "analyst"} className={INPUT}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

export const ROLE_HELP =
  "管理员：全部功能及用户管理；填报员：上传、更正、确认（可限定地区）；督查员：浏览全部，导出需单独授权；分析员：浏览、导出。";
