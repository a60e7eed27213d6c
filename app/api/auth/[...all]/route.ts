// POST /api/auth/sign-in/email, POST /api/auth/sign-out — the only better-auth endpoints served over HTTP.
// Everything else better-auth offers (password checks, session lists, account changes…) the app either
// does not use or does server-side with its own lockout and audit, so over HTTP it is a 404. Bodies are
// read here with a cap: a 4 MB "email" is refused before better-auth parses it.
import { AppError } from "@/lib/api/app-error";
import { errorResponse } from "@/lib/api/error-response";
import { getAuth, getRequestIp } from "@/lib/auth/auth";
import { toLockoutKey } from "@/lib/auth/client-ip";
import { asClient } from "@/lib/auth/password";
import { readCappedBody } from "@/lib/api/read-capped-body";

const SERVED = new Set(["POST /api/auth/sign-in/email", "POST /api/auth/sign-out"]);
const MAX_BODY_BYTES = 8 * 1024;

export function GET(): Response {
  return errorResponse(new AppError("NOT_FOUND"));
}

export async function POST(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (!SERVED.has(`POST ${pathname.replace(/\/+$/, "")}`)) return errorResponse(new AppError("NOT_FOUND"));
  try {
    const body = await readCappedBody(request, MAX_BODY_BYTES);
    const capped = new Request(request.url, { method: "POST", headers: request.headers, body });
    const client = toLockoutKey(getRequestIp(request.headers));
    return await asClient(client, () => getAuth(request.headers).handler(capped));
  } catch (error) {
    return errorResponse(error);
  }
}
