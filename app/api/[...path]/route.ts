// /api/<anything no route serves> — a JSON 404 with a stable code (ROUTE_NOT_FOUND) instead of the HTML
// not-found page, for every method. Anonymous callers get 401 first, as from every API route, so the
// answer tells nobody signed out which addresses exist.
import { AppError } from "@/lib/api/app-error";
import { withAuth } from "@/lib/auth/route-handler";

const notFound = withAuth({ permission: "browse" }, async () => {
  throw new AppError("ROUTE_NOT_FOUND");
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
