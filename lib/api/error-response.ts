// Errors → `{ error: { code, message } }` with the right HTTP status, in one place for every API route; and
// the same mapping for server actions, which show the message instead. AppError keeps its code and message,
// a zod error is INVALID_INPUT with its first problem; anything else is logged and answered with a bare 500,
// so no stack trace or database message ever reaches a client.
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { APP_ERRORS, AppError, type AppErrorCode } from "./app-error";
import "./zod-messages";

export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

/** The client-facing code and message of an error; unexpected errors are logged here. */
export function describeError(error: unknown): { status: number; code: AppErrorCode; message: string } {
  if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const message = first
      ? `${first.path.join(".") || "输入"}：${first.message}`
      : APP_ERRORS.INVALID_INPUT.message;
    return { status: 400, code: "INVALID_INPUT", message };
  }
  if (isDatabaseUnavailable(error)) {
    // One line, not a stack per request while the database is down.
    console.error(
      "[api] database unavailable:",
      error instanceof Error ? error.message.split("\n").at(-1) : error,
    );
    return { status: 503, code: "DATABASE_UNAVAILABLE", message: APP_ERRORS.DATABASE_UNAVAILABLE.message };
  }
  console.error("[api] unexpected error", error);
  return { status: 500, code: "INTERNAL_ERROR", message: APP_ERRORS.INTERNAL_ERROR.message };
}

export function errorResponse(error: unknown): Response {
  const { status, code, message } = describeError(error);
  return jsonError(status, code, message);
}

/** What a server action returns to its form on failure; an unexpected error shows the generic message. */
export function actionFailure(error: unknown): { ok: false; code: AppErrorCode; message: string } {
  const { code, message } = describeError(error);
  return { ok: false, code, message };
}
