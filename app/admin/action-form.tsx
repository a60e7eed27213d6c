"use client";
// A form bound to an admin server action, showing its result under the fields: the message (and a new token,
// once, with a copy button); after a refusal its fields (fields.tsx) show what was typed and mark the field
// in error.
import type { ReactNode } from "react";
import { useActionState, useContext, useState } from "react";
import type { ActionState } from "./action-state";
import { DANGER_BUTTON, SECONDARY_BUTTON } from "./field-styles";
import { FormStateContext } from "./form-state-context";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  children: ReactNode;
  className?: string;
  label?: string;
};

export function ActionForm({ action, children, className, label }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={label} noValidate>
      <FormStateContext value={state}>
        <fieldset disabled={pending} className={className}>
          {children}
        </fieldset>
      </FormStateContext>
      {state ? (
        <div
          role={state.ok ? "status" : "alert"}
          className={`mt-2 text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}
        >
          {state.message}
          {state.token ? <NewToken token={state.token} /> : null}
        </div>
      ) : null}
    </form>
  );
}

function NewToken({ token }: { token: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard (an old browser, plain HTTP): the token stays selectable
    }
  };
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <code
        className="block min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1 font-mono text-slate-900"
        data-testid="new-token"
      >
        {token}
      </code>
      <button type="button" onClick={copy} className={SECONDARY_BUTTON}>
        {copied ? "已复制" : "复制令牌"}
      </button>
      {copied === false ? <span className="text-slate-700">无法自动复制，请选中后手动复制。</span> : null}
    </div>
  );
}

/**
 * A submit button for what cannot be undone: the first click asks, naming the consequence; only 确定 submits.
 */
export function ConfirmSubmit({
  label,
  question,
  confirmLabel,
  className,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  className: string;
}) {
  // Asking lasts until the form's next answer: after it, the button starts over.
  const answeredAt = useContext(FormStateContext)?.answeredAt ?? 0;
  const [askedAt, setAskedAt] = useState<number | null>(null);
  if (askedAt !== answeredAt)
    return (
      <button type="button" onClick={() => setAskedAt(answeredAt)} className={className}>
        {label}
      </button>
    );
  return (
    <span role="group" aria-label="请确认" className="flex flex-wrap items-center gap-2">
      <span className="text-red-800">{question}</span>
      <button type="submit" className={DANGER_BUTTON}>
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAskedAt(null)} className={SECONDARY_BUTTON}>
        取消
      </button>
    </span>
  );
}
