import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { logEvent } from "./log-event";
import { describeRequest, pathOf } from "./request-log";

describe("request log", () => {
  it.each([
    ["/api/reports?token=secret&q=x", "/api/reports"],
    ["/rankings#top", "/rankings"],
    ["/login?next=%2Fadmin", "/login"],
    ["/", "/"],
    ["", ""],
  ])("keeps the path of %j without its query: %j", (url, path) => {
    expect(pathOf(url)).toBe(path);
  });

  it("describes a request by method, path, status and duration — no headers, no cookies", () => {
    const request = {
      method: "GET",
      url: "/api/export?year=2024&token=abc",
      headers: { cookie: "better-auth.session_token=secret", authorization: "Bearer nb_secret" },
      [Symbol.for("nianbao.requestStarted")]: 100,
    } as unknown as IncomingMessage;
    const fields = describeRequest(request, 200, 112.34);
    expect(fields).toEqual({ method: "GET", path: "/api/export", status: 200, durationMs: 12.3 });
    const lines: string[] = [];
    logEvent("request", fields, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    const parsed = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(parsed).toMatchObject({ event: "request", method: "GET", path: "/api/export", status: 200 });
    expect(lines[0]).not.toMatch(/secret|token=|cookie/i);
  });
});
