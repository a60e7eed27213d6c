// Runs once when the Next server starts, before it serves a request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // zod's messages in Chinese for every schema in the process (zod keeps its config on globalThis).
  await import("@/lib/api/zod-messages");
  // Each request carries its socket address under a header only this process can name (lib/auth/client-ip.ts).
  const { installPeerAddressHeader } = await import("@/lib/auth/peer-address");
  installPeerAddressHeader();
  // One JSON line per request on stdout (lib/log/request-log.ts).
  const { installRequestLog } = await import("@/lib/log/request-log");
  installRequestLog();
}
