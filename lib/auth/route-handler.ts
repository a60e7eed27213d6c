// The wrapper every API route handler uses, so each reads top to bottom: parse → authorise → act → respond.
//   export const POST = withAuth({ permission: "upload" }, async ({ request, user }) => { … });
// It refuses cross-site state-changing requests (403 CSRF_REJECTED), anonymous ones (401 UNAUTHENTICATED)
// and the wrong role (403 FORBIDDEN), and maps thrown errors to `{ error: { code, message } }` in one place.
// proxy.ts does not cover /api (it would buffer upload bodies), so this wrapper is the gate for APIs.
import "server-only";
import { ZodError } from "zod";
import { db } from "@/lib/db";
import { getAuth, getAuthConfig } from "./auth";
import { AuthError } from "./auth-error";
import type { AuthUser } from "./auth-user";
import { checkCsrf } from "./csrf";
import { can, type Action } from "./permissions";
import { resolveUser } from "./resolve-user";

type Params = Record<string, string | string[] | undefined>;

export type AuthedContext<P extends Params> = { request: Request; user: AuthUser; params: P };

export function withAuth<P extends Params = Params>(
  options: { permission: Action },
  handler: (context: AuthedContext<P>) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const trusted = getAuthConfig().baseUrl ? [new URL(getAuthConfig().baseUrl!).origin] : [];
      if (!checkCsrf(request, trusted).ok) throw new AuthError("CSRF_REJECTED");
      const user = await resolveUser({ db, auth: getAuth(), headers: request.headers });
      if (!user) throw new AuthError("UNAUTHENTICATED");
      if (!can(user, options.permission)) throw new AuthError("FORBIDDEN");
      return await handler({ request, user, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Known errors keep their code and message; anything else is logged and answered with a bare 500. */
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
