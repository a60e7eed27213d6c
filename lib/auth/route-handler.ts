// The wrapper every API route handler uses, so each reads top to bottom: parse → authorise → act → respond.
//   export const POST = withAuth({ permission: "upload" }, async ({ request, user }) => { … });
// It refuses cross-site state-changing requests (403 CSRF_REJECTED), anonymous ones (401 UNAUTHENTICATED)
// and the wrong role (403 FORBIDDEN), and maps thrown errors to `{ error: { code, message } }` in one place.
// proxy.ts does not cover /api (it would buffer upload bodies), so this wrapper is the gate for APIs.
// Checks that depend on the data (a region-limited staff member correcting a report) happen in the handler:
//   if (!can(user, "correct", { regionCode: report.agency.regionCode })) throw new AppError("FORBIDDEN");
// Errors thrown by the handler become responses through errorResponse() (lib/api/error-response.ts).
import "server-only";
import { db } from "@/lib/db";
import { getAuth, getAuthConfig } from "./auth";
import { AppError } from "@/lib/api/app-error";
import type { AuthUser } from "./auth-user";
import { checkCsrf } from "./csrf";
import { errorResponse } from "@/lib/api/error-response";
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
      const { baseUrl } = getAuthConfig();
      if (!checkCsrf(request, baseUrl ? [new URL(baseUrl).origin] : []).ok)
        throw new AppError("CSRF_REJECTED");
      const user = await resolveUser({ db, auth: getAuth(request.headers), headers: request.headers });
      if (!user) throw new AppError("UNAUTHENTICATED");
      if (!can(user, options.permission)) throw new AppError("FORBIDDEN");
      return await handler({ request, user, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
