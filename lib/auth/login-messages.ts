// Chinese messages for what can go wrong at login, keyed by the codes better-auth and our hooks return.
export const LOGIN_LOCKED = "LOGIN_LOCKED";
export const ACCOUNT_DISABLED = "ACCOUNT_DISABLED";

export function lockedMessage(minutes: number): string {
  return `尝试次数过多，请 ${minutes} 分钟后再试`;
}

export const LOGIN_MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "账号或密码错误",
  INVALID_EMAIL: "账号或密码错误",
  [ACCOUNT_DISABLED]: "账号已停用，请联系管理员",
  INVALID_ORIGIN: "请求来源不可信，请从本站登录页登录",
  MISSING_OR_NULL_ORIGIN: "请求来源不可信，请从本站登录页登录",
};

export const UNKNOWN_LOGIN_ERROR = "登录失败，请稍后再试";
