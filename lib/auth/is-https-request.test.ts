import { describe, expect, it } from "vitest";
import { isHttpsRequest } from "./is-https-request";

describe("isHttpsRequest", () => {
  it.each([
    [{ "x-forwarded-proto": "https" }, true],
    [{ "x-forwarded-proto": "HTTPS, http" }, true],
    [{ "x-forwarded-proto": "http" }, false],
    [{ "x-forwarded-proto": "http, https" }, false],
    [{}, false],
  ])("%j → %s", (headers, expected) => {
    expect(isHttpsRequest(new Headers(headers))).toBe(expected);
  });
});
