// What every admin server action returns to its form: a message to show, and — for a new API token — the
// token itself, shown exactly once.
export type ActionState = { ok: boolean; message: string; token?: string } | null;
