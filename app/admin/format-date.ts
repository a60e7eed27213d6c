// Dates in the admin tables: Beijing time, to the minute (the server's own time zone may be UTC).
const FORMAT = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatDateTime(date: Date | null): string {
  return date ? FORMAT.format(date) : "—";
}
