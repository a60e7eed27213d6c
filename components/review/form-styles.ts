// Class names of the review forms' fields and buttons (plain strings: usable from server and client).
export const FIELD = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";
export const PRIMARY =
  "rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50";
export const SECONDARY =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50";
