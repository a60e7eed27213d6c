import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { actionFailure, errorResponse } from "@/lib/api/error-response";

async function read(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string } },
  };
}

describe("errorResponse", () => {
  it.each([
    [new AppError("UNAUTHENTICATED"), 401, "UNAUTHENTICATED", "请先登录"],
    [new AppError("FORBIDDEN"), 403, "FORBIDDEN", "没有权限执行此操作"],
    [new AppError("CSRF_REJECTED"), 403, "CSRF_REJECTED", "请求来源不可信，已拒绝"],
    [new AppError("EMAIL_TAKEN"), 409, "EMAIL_TAKEN", "该邮箱已有账号"],
  ])("maps %s", async (error, status, code, message) => {
    expect(await read(errorResponse(error))).toEqual({ status, body: { error: { code, message } } });
  });

  it("answers invalid input with 400 and the first problem", async () => {
    const parsed = z.object({ role: z.enum(["admin"]) }).safeParse({ role: "boss" });
    const { status, body } = await read(errorResponse(parsed.error));
    expect(status).toBe(400);
    expect(body.error.code).toBe("INVALID_INPUT");
    expect(body.error.message).toMatch(/^role：/);
  });

  it("keeps a specific message given at the throw site", async () => {
    expect(await read(errorResponse(new AppError("TOO_LARGE", "文件超过 20 MB")))).toEqual({
      status: 413,
      body: { error: { code: "TOO_LARGE", message: "文件超过 20 MB" } },
    });
  });

  it("does not trust a status or code carried by any other error", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const error = Object.assign(new Error("duplicate key value violates unique constraint"), {
      status: 409,
      code: "P2002",
    });
    const { status, body } = await read(errorResponse(error));
    expect(status).toBe(500);
    expect(body.error).toEqual({ code: "INTERNAL_ERROR", message: "服务器内部错误，请稍后再试" });
    log.mockRestore();
  });

  it("gives server actions the same code and message", () => {
    expect(actionFailure(new AppError("LAST_ADMIN"))).toEqual({
      ok: false,
      code: "LAST_ADMIN",
      message: "至少要保留一位在用的管理员",
    });
  });

  it("hides unexpected errors behind a bare 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { status, body } = await read(errorResponse(new Error('relation "User" does not exist at line 1')));
    expect(status).toBe(500);
    expect(body.error.code).toBe("INTERNAL_ERROR");
    expect(JSON.stringify(body)).not.toContain("relation");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
