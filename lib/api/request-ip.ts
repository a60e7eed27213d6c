// The client address recorded with audit entries of uploads, corrections and confirmations — one place,
// so that how the address is told (lib/auth/client-ip.ts: socket, trusted proxies) stays lib/auth's business.
import { getClientIp } from "@/lib/auth/client-ip";

export function getRequestIp(headers: Headers): string | null {
  return getClientIp(headers);
}
