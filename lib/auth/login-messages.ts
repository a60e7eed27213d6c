// Chinese messages for what can go wrong at login, keyed by the codes better-auth and our hooks return.
// A deactivated account answers INVALID_EMAIL_OR_PASSWORD like a wrong password (create-auth.ts).
export const LOGIN_LOCKED = "LOGIN_LOCKED";
export const LOGIN_THROTTLED = "LOGIN_THROTTLED";

export function lockedMessage(minutes: number): string {
  return `尝试次数过多，请 ${minutes} 分钟后再试`;
}

export const LOGIN_MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "账号或密码错误",
  INVALID_EMAIL: "账号或密码错误",
  [LOGIN_THROTTLED]: "登录请求过于频繁，请稍后再试",
  INPUT_TOO_LONG: "邮箱或密码过长",
  INVALID_INPUT: "请输入邮箱和密码",
  BUSY: "服务器繁忙，请稍后再试",
  INVALID_ORIGIN: "请求来源不可信，请从本站登录页登录",
  MISSING_OR_NULL_ORIGIN: "请求来源不可信，请从本站登录页登录",
};

export const UNKNOWN_LOGIN_ERROR = "登录失败，请稍后再试";
