// The closed set of errors lib/auth raises, each with its HTTP status and a Chinese message for people.
// Route handlers turn them into `{ error: { code, message } }` (route-handler.ts); pages and server actions
// show the message.

export const AUTH_ERRORS = {
  UNAUTHENTICATED: { status: 401, message: "请先登录" },
  INVALID_TOKEN: { status: 401, message: "API 令牌无效或已吊销" },
  FORBIDDEN: { status: 403, message: "没有权限执行此操作" },
  CSRF_REJECTED: { status: 403, message: "请求来源不可信，已拒绝" },
  INVALID_INPUT: { status: 400, message: "输入有误" },
  EMAIL_TAKEN: { status: 409, message: "该邮箱已有账号" },
  USER_NOT_FOUND: { status: 404, message: "用户不存在" },
  TOKEN_NOT_FOUND: { status: 404, message: "令牌不存在或已吊销" },
  LAST_ADMIN: { status: 409, message: "至少要保留一位在用的管理员" },
  WEAK_PASSWORD: { status: 400, message: "密码不符合要求" },
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

export class AuthError extends Error {
  override name = "AuthError";
  readonly code: AuthErrorCode;
  readonly status: number;

  constructor(code: AuthErrorCode, message: string = AUTH_ERRORS[code].message) {
    super(message);
    this.code = code;
    this.status = AUTH_ERRORS[code].status;
  }
}
