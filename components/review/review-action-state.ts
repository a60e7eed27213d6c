// What the review page's server actions answer their forms: a message to show, good or bad. A zod problem
// shows its own Chinese message; an AppError its message; anything else the generic one (never a stack).
import { z } from "zod";
import { actionFailure } from "@/lib/api/error-response";

export type ReviewActionState = { ok: boolean; message: string } | null;

export function describeFailure(error: unknown): ReviewActionState {
  if (error instanceof z.ZodError) return { ok: false, message: error.issues[0]?.message ?? "输入有误" };
  // redirect() and notFound() throw to do their work: they must pass through.
  if (
    error instanceof Error &&
    "digest" in error &&
    String((error as { digest: unknown }).digest).startsWith("NEXT_")
  )
    throw error;
  return { ok: false, message: actionFailure(error).message };
}
