/** "2026/12/4 08:43:10" in China time, for server and client alike (the same text on both). */
export function formatTime(iso: string | null): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}
