"use client";
import { useActionState } from "react";
import { changePassword } from "./actions";

const INPUT = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm";

export function ChangePasswordForm() {
  const [state, formAction, pending] = useActionState(changePassword, null);
  return (
    <form action={formAction} className="max-w-sm space-y-3" aria-label="修改密码">
      {(
        [
          ["currentPassword", "当前密码", "current-password"],
          ["newPassword", "新密码", "new-password"],
          ["confirmPassword", "再次输入新密码", "new-password"],
        ] as const
      ).map(([name, label, autoComplete]) => (
        <label key={name} className="block text-sm">
          <span className="font-medium text-slate-700">{label}</span>
          <input name={name} type="password" autoComplete={autoComplete} required className={INPUT} />
        </label>
      ))}
      {state ? (
        <p
          role={state.ok ? "status" : "alert"}
          className={state.ok ? "text-sm text-green-800" : "text-sm text-red-800"}
        >
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        修改密码
      </button>
    </form>
  );
}
