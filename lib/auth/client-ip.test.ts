import { describe, expect, it } from "vitest";
import { UNKNOWN_CLIENT_IP, createProxyTrust, getClientIp, isHttpsRequest, toLockoutKey } from "./client-ip";
import { peerAddressHeader } from "./peer-address";

const trust = createProxyTrust(["10.0.0.1", "172.16.0.0/12", "::1"]);

function request(peer: string | null, headers: Record<string, string> = {}): Headers {
  return new Headers({ ...headers, ...(peer === null ? {} : { [peerAddressHeader()]: peer }) });
}

describe("getClientIp", () => {
  it.each([
    ["a direct client: its socket", request("203.0.113.9"), "203.0.113.9"],
    ["IPv4-mapped IPv6 socket", request("::ffff:203.0.113.9"), "203.0.113.9"],
    [
      "a direct client's own X-Forwarded-For is ignored",
      request("203.0.113.9", { "x-forwarded-for": "1.2.3.4" }),
      "203.0.113.9",
    ],
    [
      "…and so are X-Real-IP, an empty header and a trailing comma",
      request("203.0.113.9", { "x-real-ip": "1.2.3.4", "x-forwarded-for": "," }),
      "203.0.113.9",
    ],
    [
      "through a trusted proxy: the address it saw",
      request("10.0.0.1", { "x-forwarded-for": "198.51.100.7" }),
      "198.51.100.7",
    ],
    [
      "through two trusted proxies: the first untrusted from the right",
      request("10.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 172.16.3.4" }),
      "198.51.100.7",
    ],
    [
      "a trailing comma from a proxy says nothing",
      request("10.0.0.1", { "x-forwarded-for": "198.51.100.7, " }),
      "198.51.100.7",
    ],
    [
      "a trusted proxy that forwards nothing: the proxy itself",
      request("10.0.0.1", { "x-forwarded-for": "" }),
      "10.0.0.1",
    ],
    [
      "garbage stops the walk at the last address vouched for",
      request("10.0.0.1", { "x-forwarded-for": "<script>, 172.16.3.4" }),
      "172.16.3.4",
    ],
    [
      "no socket address at all: unknown, never null",
      request(null, { "x-forwarded-for": "1.2.3.4" }),
      UNKNOWN_CLIENT_IP,
    ],
  ])("%s", (_name, headers, expected) => {
    expect(getClientIp(headers, trust)).toBe(expected);
  });

  it("trusts nobody by default", () => {
    const headers = request("127.0.0.1", { "x-forwarded-for": "1.2.3.4" });
    expect(getClientIp(headers, createProxyTrust([]))).toBe("127.0.0.1");
  });

  it("refuses a proxy list it cannot read", () => {
    expect(() => createProxyTrust(["10.0.0.0/40"])).toThrow(/TRUSTED_PROXIES/);
    expect(() => createProxyTrust(["proxy.example"])).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("isHttpsRequest", () => {
  it.each([
    [request("10.0.0.1", { "x-forwarded-proto": "https" }), true],
    [request("10.0.0.1", { "x-forwarded-proto": "HTTPS, http" }), true],
    [request("10.0.0.1", { "x-forwarded-proto": "http" }), false],
    [request("10.0.0.1"), false],
    [request("203.0.113.9", { "x-forwarded-proto": "https" }), false],
    [request(null, { "x-forwarded-proto": "https" }), false],
  ])("%#", (headers, expected) => {
    expect(isHttpsRequest(headers, trust)).toBe(expected);
  });
});

describe("toLockoutKey", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:0db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    [UNKNOWN_CLIENT_IP, UNKNOWN_CLIENT_IP],
  ])("%s → %s", (ip, key) => {
    expect(toLockoutKey(ip)).toBe(key);
  });
});
