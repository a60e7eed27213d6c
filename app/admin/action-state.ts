// What every admin server action returns to its form: a message to show, and — for a new API token — the
// token itself, shown exactly once. After a refusal it also carries what was typed (never a password) and
// the field the message is about, so the form shows the input again with that field marked.
export type ActionState = {
  ok: boolean;
  message: string;
  token?: string;
  /** The form's fields as submitted, passwords left out; only after a refusal. */
  values?: Record<string, string>;
  /** The field in error, by its name attribute. */
  field?: string;
  /** A new number per answer: fields re-mount with the values above. */
  answeredAt?: number;
} | null;
