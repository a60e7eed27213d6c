// GET/POST /api/auth/* — better-auth's own endpoints (sign-in, sign-out, session). It checks the Origin of
// cookie-carrying requests itself; sign-up and account self-service are disabled in lib/auth/create-auth.ts.
import { getAuth } from "@/lib/auth/auth";

export function GET(request: Request): Promise<Response> {
  return getAuth(request.headers).handler(request);
}

export function POST(request: Request): Promise<Response> {
  return getAuth(request.headers).handler(request);
}
