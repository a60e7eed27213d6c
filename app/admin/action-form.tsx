"use client";
// A form bound to an admin server action, showing its result (and a new token, once) under the fields.
import type { ReactNode } from "react";
import { useActionState } from "react";
import type { ActionState } from "./action-state";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  children: ReactNode;
  className?: string;
  label?: string;
};

export function ActionForm({ action, children, className, label }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={label}>
      <fieldset disabled={pending} className={className}>
        {children}
      </fieldset>
      {state ? (
        <div
          role={state.ok ? "status" : "alert"}
          className={`mt-2 text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}
        >
          {state.message}
          {state.token ? (
            <code
              className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono text-slate-900"
              data-testid="new-token"
            >
              {state.token}
            </code>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
