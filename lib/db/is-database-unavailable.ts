// Whether an error means "the database cannot be reached right now" (down, restarting, refusing
// connections, a connection cut mid-query) rather than a fault in the query: those become 503
// DATABASE_UNAVAILABLE for API clients and the Chinese "数据库暂时无法连接" page, and the pool reconnects by
// itself once the server is back. Errors arrive in three wrappings: Prisma's (P1001 …, or a driver-adapter
// error whose cause names the kind), node-postgres' own, and Node's socket errors.

// Node socket errors, and node-postgres' messages for a connection that went away or never came.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTCONN",
]);
const CONNECTION_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Can't reach database server/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];
// Prisma's codes: can't reach, timed out, server closed the connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
// SQLSTATE class 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now).
const SQLSTATE = /^(08\d{3}|57P0[123])$/;
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const candidate = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    kind?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const code = typeof candidate.code === "string" ? candidate.code : "";
  if (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || SQLSTATE.test(code)) return true;
  if (typeof candidate.kind === "string" && ADAPTER_KINDS.has(candidate.kind)) return true;
  const message = typeof candidate.message === "string" ? candidate.message : "";
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (
    candidate.meta?.driverAdapterError &&
    isDatabaseUnavailable(candidate.meta.driverAdapterError, depth + 1)
  )
    return true;
  if (
    error instanceof AggregateError &&
    error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))
  )
    return true;
  return isDatabaseUnavailable(candidate.cause, depth + 1);
}
