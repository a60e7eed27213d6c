"use client";
// The admin forms' fields. After a refused submission each shows what was typed (passwords excepted) and the
// field the message is about is marked (red, aria-invalid, the message under it).
import type { ReactNode } from "react";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { useFieldState } from "./form-state-context";
import { INPUT } from "./field-styles";

const INVALID = "border-red-500 ring-1 ring-red-500";

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      {children}
    </label>
  );
}

function FieldError({ name, error }: { name: string; error: string | null }) {
  if (!error) return null;
  return (
    <span id={`${name}-error`} className="mt-1 block text-xs text-red-700">
      {error}
    </span>
  );
}

type TextFieldProps = {
  label: string;
  name: string;
  type?: "text" | "email" | "password";
  defaultValue?: string;
  required?: boolean;
  placeholder?: string;
  autoComplete?: string;
};

/** A text input that keeps what was typed after a refusal — except a password, which is typed again. */
export function TextField({ label, name, type = "text", defaultValue, ...rest }: TextFieldProps) {
  const { typed, error, key } = useFieldState(name);
  const value = type === "password" ? undefined : (typed ?? defaultValue);
  return (
    <Field label={label}>
      <input
        key={key}
        name={name}
        type={type}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        className={`${INPUT} ${error ? INVALID : ""}`}
        {...rest}
      />
      <FieldError name={name} error={error} />
    </Field>
  );
}

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function RoleSelect({ defaultValue }: { defaultValue?: Role }) {
  return (
    <SelectField label="角色" name="role" options={ROLE_OPTIONS} defaultValue={defaultValue ?? "analyst"} />
  );
}

export function CheckboxField({
  label,
  name,
  defaultChecked = false,
  className = "flex items-center gap-2 text-sm",
}: {
  label: string;
  name: string;
  defaultChecked?: boolean;
  className?: string;
}) {
  const { typed, refused, key } = useFieldState(name);
  return (
    <label className={className}>
      <input
        key={key}
        name={name}
        type="checkbox"
        defaultChecked={refused ? typed === "on" : defaultChecked}
      />{" "}
      {label}
    </label>
  );
}

/** A select that keeps the option picked before a refusal (a form reset would fall back to the first). */
export function SelectField({
  label,
  name,
  options,
  defaultValue,
}: {
  label: string;
  name: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
}) {
  const { typed, error, key } = useFieldState(name);
  return (
    <Field label={label}>
      <select
        key={key}
        name={name}
        defaultValue={typed || defaultValue}
        aria-invalid={error ? true : undefined}
        className={`${INPUT} ${error ? INVALID : ""}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError name={name} error={error} />
    </Field>
  );
}
