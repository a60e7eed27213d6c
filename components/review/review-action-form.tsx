"use client";
// A form bound to one of the review page's server actions, showing its answer under the fields.
import type { ReactNode } from "react";
import { useActionState } from "react";
import type { ReviewActionState } from "./review-action-state";

export function ReviewActionForm({
  action,
  children,
  label,
  className,
}: {
  action: (state: ReviewActionState, form: FormData) => Promise<ReviewActionState>;
  children: ReactNode;
  label: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={label}>
      <fieldset disabled={pending} className={className}>
        {children}
      </fieldset>
      {state ? (
        <p
          role={state.ok ? "status" : "alert"}
          className={`mt-1 text-sm ${state.ok ? "text-emerald-800" : "text-rose-800"}`}
        >
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
