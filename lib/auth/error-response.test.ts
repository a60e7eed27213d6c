import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AuthError } from "./auth-error";
import { errorResponse } from "./error-response";

async function read(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string } },
  };
}

describe("errorResponse", () => {
  it.each([
    [new AuthError("UNAUTHENTICATED"), 401, "UNAUTHENTICATED", "请先登录"],
    [new AuthError("FORBIDDEN"), 403, "FORBIDDEN", "没有权限执行此操作"],
    [new AuthError("CSRF_REJECTED"), 403, "CSRF_REJECTED", "请求来源不可信，已拒绝"],
    [new AuthError("EMAIL_TAKEN"), 409, "EMAIL_TAKEN", "该邮箱已有账号"],
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

  it("keeps the code and status of other areas' coded errors", async () => {
    const error = Object.assign(new Error("文件过大"), { status: 413, code: "TOO_LARGE" });
    expect(await read(errorResponse(error))).toEqual({
      status: 413,
      body: { error: { code: "TOO_LARGE", message: "文件过大" } },
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
