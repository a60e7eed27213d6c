import { describe, expect, it } from "vitest";
import { checkCsrf } from "./csrf";

function request(method: string, headers: Record<string, string>) {
  return { method, headers: new Headers({ host: "localhost:3000", ...headers }) };
}

describe("checkCsrf", () => {
  it.each([
    ["a GET without Origin", request("GET", {})],
    ["a same-origin POST", request("POST", { origin: "http://localhost:3000" })],
    [
      "a POST with Sec-Fetch-Site same-origin and no Origin",
      request("POST", { "sec-fetch-site": "same-origin" }),
    ],
    [
      "a cross-origin POST with a Bearer token",
      request("POST", { origin: "https://evil.example", authorization: "Bearer abc" }),
    ],
    [
      "a POST whose Origin matches X-Forwarded-Host",
      request("DELETE", { origin: "https://nb.example.gov.cn", "x-forwarded-host": "nb.example.gov.cn" }),
    ],
  ])("accepts %s", (_name, req) => {
    expect(checkCsrf(req).ok).toBe(true);
  });

  it.each([
    ["a cross-origin POST", request("POST", { origin: "https://evil.example" })],
    ["a POST from another port", request("PATCH", { origin: "http://localhost:4000" })],
    ["a POST with Origin null", request("POST", { origin: "null" })],
    ["a POST without Origin or Sec-Fetch-Site", request("POST", {})],
    ["a cross-site POST without Origin", request("PUT", { "sec-fetch-site": "cross-site" })],
    ["a same-site (other subdomain) POST without Origin", request("POST", { "sec-fetch-site": "same-site" })],
    ["an empty Bearer header", request("POST", { origin: "https://evil.example", authorization: "Bearer " })],
    [
      "a malformed Bearer header (two words) riding with a cookie",
      request("POST", { origin: "https://evil.example", authorization: "Bearer x y", cookie: "s=1" }),
    ],
    ["a Basic header", request("POST", { origin: "https://evil.example", authorization: "Basic eDp5" })],
  ])("rejects %s", (_name, req) => {
    expect(checkCsrf(req).ok).toBe(false);
  });

  it("accepts an explicitly trusted origin", () => {
    const req = request("POST", { origin: "https://nb.example.gov.cn" });
    expect(checkCsrf(req, ["https://nb.example.gov.cn"]).ok).toBe(true);
  });
});
