// The client address for lockout and the audit log. Next sets X-Forwarded-For to the socket address when the
// request has none; a reverse proxy appends the address it saw. The rightmost entry is therefore the one
// added by the nearest hop we trust (a client can prepend fake entries, not append after the proxy's).
export function getClientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim() || headers.get("x-real-ip")?.trim();
  if (!last) return null;
  return last.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").slice(0, 64);
}
