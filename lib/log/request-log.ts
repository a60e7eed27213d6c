// One JSON line per HTTP request the server answers: method, path (never the query string: it may carry a
// token or a search term), status and duration in ms — no headers, no cookies. instrumentation.ts installs it
// on Node's "http.server.request.start" / "http.server.response.finish" channels, which see every request
// (pages, API, static files) before and after Next. LOG_REQUESTS=0 turns it off.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logEvent } from "./log-event";

const STARTED = Symbol.for("nianbao.requestStarted");
const INSTALLED = Symbol.for("nianbao.requestLogInstalled");

type Timed = IncomingMessage & { [STARTED]?: number };

export function installRequestLog(env: Readonly<Record<string, string | undefined>> = process.env): void {
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (holder[INSTALLED] || env.LOG_REQUESTS === "0") return;
  holder[INSTALLED] = true;
  subscribe("http.server.request.start", (message) => {
    (message as { request: Timed }).request[STARTED] = performance.now();
  });
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as { request: Timed; response: ServerResponse };
    logEvent("request", describeRequest(request, response.statusCode, performance.now()));
  });
}

export function describeRequest(request: Timed, status: number, now: number) {
  const started = request[STARTED];
  return {
    method: request.method ?? "",
    path: pathOf(request.url ?? ""),
    status,
    durationMs: started === undefined ? null : Math.round((now - started) * 10) / 10,
  };
}

/** The path alone: no query string, no fragment, at most 300 characters. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return (end === -1 ? url : url.slice(0, end)).slice(0, 300);
}
