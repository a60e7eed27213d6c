// Class names and help text shared by the admin pages (server and client components alike).
export const INPUT = "mt-1 block w-full min-w-0 rounded border border-slate-300 px-2 py-1.5 text-sm";
export const BUTTON = "rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700";
export const SECONDARY_BUTTON = "rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100";
export const DANGER_BUTTON = "rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-600";

export const ROLE_HELP =
  "管理员：全部功能及用户管理；填报员：上传、更正、确认（可限定地区）；督查员：浏览全部，导出需单独授权；分析员：浏览、导出。";
