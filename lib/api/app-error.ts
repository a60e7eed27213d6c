// The one error type of the application: a closed set of codes, each with its HTTP status and a Chinese
// message for people. Library code throws it; route handlers answer `{ error: { code, message } }` through
// errorResponse() and server actions show the message through actionFailure() — both in lib/api — so a coded
// error never reaches a client as a 500. New codes are added here, never made up at the throw site.

export const APP_ERRORS = {
  // Accounts and access
  UNAUTHENTICATED: { status: 401, message: "请先登录" },
  INVALID_TOKEN: { status: 401, message: "API 令牌无效或已吊销" },
  FORBIDDEN: { status: 403, message: "没有权限执行此操作" },
  CSRF_REJECTED: { status: 403, message: "请求来源不可信，已拒绝" },
  EMAIL_TAKEN: { status: 409, message: "该邮箱已有账号" },
  INVALID_EMAIL: { status: 400, message: "邮箱格式不正确" },
  USER_NOT_FOUND: { status: 404, message: "用户不存在" },
  TOKEN_NOT_FOUND: { status: 404, message: "令牌不存在或已吊销" },
  LAST_ADMIN: { status: 409, message: "至少要保留一位在用的管理员" },
  WEAK_PASSWORD: { status: 400, message: "密码不符合要求" },
  WRONG_PASSWORD: { status: 400, message: "当前密码不正确" },
  LOGIN_LOCKED: { status: 429, message: "尝试次数过多，请稍后再试" },
  LOGIN_THROTTLED: { status: 429, message: "登录请求过于频繁，请稍后再试" },
  // Input
  INVALID_INPUT: { status: 400, message: "输入有误" },
  INPUT_TOO_LONG: { status: 400, message: "输入内容过长" },
  NOT_FOUND: { status: 404, message: "所请求的内容不存在" },
  ROUTE_NOT_FOUND: { status: 404, message: "没有这个接口，请检查地址和请求方法" },
  TOO_LARGE: { status: 413, message: "文件超过大小上限" },
  INVALID_CURSOR: { status: 400, message: "分页游标无效，请从第一页重新开始" },
  // Documents, reports and corrections
  DOCUMENT_NOT_FOUND: { status: 404, message: "文件不存在" },
  DOCUMENT_NOT_INCOMPLETE: { status: 409, message: "该文件无需补充机关或年度" },
  REPORT_NOT_FOUND: { status: 404, message: "报告不存在" },
  CELL_NOT_FOUND: { status: 404, message: "该报告模板没有这个单元格" },
  FINDING_NOT_FOUND: { status: 404, message: "问题记录不存在" },
  CONFLICT: { status: 409, message: "数据已被他人修改，请刷新后重试" },
  FINDING_ALREADY_RESOLVED: { status: 409, message: "该问题已由他人处理，请刷新页面" },
  REPORT_HAS_OPEN_FINDINGS: { status: 409, message: "报告还有未处理的问题，请先逐条确认或排除" },
  REPORT_ALREADY_CONFIRMED: { status: 409, message: "该报告已确认" },
  OUT_OF_REGION: { status: 403, message: "该机关不在您负责的地区内" },
  AGENCY_NOT_FOUND: { status: 404, message: "机关不存在" },
  UNREADABLE_DOCUMENT: { status: 409, message: "原文件无法按要求重新读取" },
  // Importing from the web (lib/fetch): the fetcher's own refusals and failures, per address
  FETCH_INVALID_URL: { status: 400, message: "网址无效：只能导入 http 或 https 网址，且不能带用户名或密码" },
  FETCH_BLOCKED_ADDRESS: { status: 403, message: "该网址指向内部或保留地址，不允许抓取" },
  FETCH_TIMEOUT: { status: 504, message: "对方网站响应超时" },
  FETCH_TOO_LARGE: { status: 413, message: "对方文件超过大小上限" },
  FETCH_TOO_MANY_REDIRECTS: { status: 502, message: "跳转次数过多" },
  FETCH_HTTP_ERROR: { status: 502, message: "对方网站返回错误" },
  FETCH_FAILED: { status: 502, message: "无法连接对方网站" },
  NO_REPORTS_FOUND: { status: 404, message: "该网页不是年报，也没有找到年报链接" },
  // Capacity and infrastructure
  BUSY: { status: 503, message: "服务器繁忙，请稍后再试" },
  // The client went away before the answer began (nginx's 499): nobody reads it.
  CLIENT_CLOSED_REQUEST: { status: 499, message: "请求已取消" },
  DATABASE_UNAVAILABLE: { status: 503, message: "数据库暂时无法连接，请稍后再试" },
  INTERNAL_ERROR: { status: 500, message: "服务器内部错误，请稍后再试" },
} as const satisfies Record<string, { status: number; message: string }>;

export type AppErrorCode = keyof typeof APP_ERRORS;

export const APP_ERROR_DIGEST_PREFIX = "APP_ERROR:";

export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  readonly status: number;
  /** Next passes a thrown error's digest to the page's error boundary, which sees no message in production. */
  readonly digest: string;

  constructor(code: AppErrorCode, message: string = APP_ERRORS[code].message) {
    super(message);
    this.code = code;
    this.status = APP_ERRORS[code].status;
    this.digest = `${APP_ERROR_DIGEST_PREFIX}${code}`;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
