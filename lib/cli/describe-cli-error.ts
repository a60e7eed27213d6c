// One line (or a few) for a person at the terminal, from any error a command meets: an AppError's Chinese
// message, a zod error's Chinese issues (lib/api/zod-messages.ts), or another error's message without the
// stack frames some libraries fold into it.
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import "@/lib/api/zod-messages";

export function describeCliError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof z.ZodError)
    return error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}：${issue.message}` : issue.message))
      .join("；");
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").filter((line) => line.trim() !== "" && !/^\s+at\s/.test(line));
  return lines.join("\n") || "未知错误";
}
