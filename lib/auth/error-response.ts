// Errors → `{ error: { code, message } }` with the right HTTP status, in one place for every API route.
// Known errors keep their code and message; anything else is logged and answered with a bare 500, so no
// stack trace or database message ever reaches a client.
import { ZodError } from "zod";
import { AuthError } from "./auth-error";

export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AuthError) return jsonError(error.status, error.code, error.message);
  if (error instanceof ZodError) {
    const first = error.issues[0];
    return jsonError(
      400,
      "INVALID_INPUT",
      first ? `${first.path.join(".") || "输入"}：${first.message}` : "输入有误",
    );
  }
  if (isCodedError(error)) return jsonError(error.status, error.code, error.message);
  console.error("[api] unexpected error", error);
  return jsonError(500, "INTERNAL_ERROR", "服务器内部错误，请稍后再试");
}

// Errors from other areas of lib/ that carry their own HTTP status and stable code.
function isCodedError(error: unknown): error is Error & { status: number; code: string } {
  if (!(error instanceof Error)) return false;
  const { status, code } = error as Error & { status?: unknown; code?: unknown };
  return typeof status === "number" && status >= 400 && status < 600 && typeof code === "string";
}
