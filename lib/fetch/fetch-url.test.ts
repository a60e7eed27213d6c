// The fetcher against a local HTTP server on 127.0.0.1 (listed in the allow list, as FETCH_ALLOW_HOSTS would).
// Refusals point at loopback addresses outside the allow list (127.0.0.2, [::1], names resolving to them)
// on a port nobody listens on: a broken guard would answer FETCH_FAILED (connection refused), never the
// guard's FETCH_BLOCKED_ADDRESS, so these tests hold only while the guard works. No other traffic.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FetchConfig } from "./fetch-config";
import { fetchUrl, FETCH_USER_AGENT, type LookupAddresses } from "./fetch-url";

let server: http.Server;
let port: number;
let closedPort: number;
let base: string;
const seenHeaders: http.IncomingHttpHeaders[] = [];
let active = 0;
let maxActive = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seenHeaders.push(request.headers);
    const path = request.url ?? "/";
    if (path === "/page") return void response.end("<html><body>年报</body></html>");
    if (path === "/to-page") return void response.writeHead(302, { Location: "/page" }).end();
    if (path === "/to-internal")
      return void response.writeHead(302, { Location: `http://127.0.0.2:${closedPort}/secret` }).end();
    if (path === "/to-evil")
      return void response.writeHead(301, { Location: `http://evil.test:${closedPort}/` }).end();
    if (path === "/loop") return void response.writeHead(302, { Location: "/loop" }).end();
    if (path === "/cookie")
      return void response.writeHead(302, { Location: "/page", "Set-Cookie": "sid=secret; Path=/" }).end();
    if (path === "/missing") return void response.writeHead(404).end("no");
    if (path === "/slow") {
      response.writeHead(200, { "Content-Type": "text/html" });
      response.write("<html>");
      return; // never ends
    }
    if (path === "/huge-declared") {
      response.writeHead(200, { "Content-Length": "5000" });
      return void response.end("x".repeat(5000));
    }
    if (path === "/huge-streamed") {
      response.writeHead(200, { "Content-Type": "application/pdf" });
      for (let i = 0; i < 10; i += 1) response.write("y".repeat(500));
      return void response.end();
    }
    if (path.startsWith("/one-at-a-time")) {
      active += 1;
      maxActive = Math.max(maxActive, active);
      setTimeout(() => {
        active -= 1;
        response.end("done");
      }, 80);
      return;
    }
    if (path === "/named")
      return void response
        .writeHead(200, {
          "Content-Type": "application/pdf",
          "Content-Disposition": "attachment; filename*=UTF-8''2024%E5%B9%B4%E6%8A%A5.pdf",
        })
        .end("%PDF-1.4");
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  // A loopback port nobody listens on: bound, then released.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function config(overrides: Partial<FetchConfig> = {}): FetchConfig {
  return { allowHosts: [{ host: "127.0.0.1", port }], timeoutMs: 5_000, maxBytes: 1_000, ...overrides };
}

/** A resolver where evil.test and rebind names point at loopback addresses, never at the network. */
const fakeLookup: LookupAddresses = async (hostname) => {
  if (hostname === "evil.test") return [{ address: "127.0.0.2", family: 4 }];
  if (hostname === "evil6.test") return [{ address: "::1", family: 6 }];
  if (hostname === "mixed.test")
    return [
      { address: "127.0.0.1", family: 4 },
      { address: "127.0.0.2", family: 4 },
    ];
  if (hostname === "localhost") return [{ address: "127.0.0.1", family: 4 }];
  throw new Error("ENOTFOUND");
};

describe("fetchUrl", () => {
  test("fetches an allowed page with an identifying User-Agent and nothing that identifies a user", async () => {
    const file = await fetchUrl(`${base}/page`, { config: config() });
    expect(new TextDecoder().decode(file.bytes)).toContain("年报");
    expect(file.fileName).toBe("page");
    const headers = seenHeaders.at(-1)!;
    expect(headers["user-agent"]).toBe(FETCH_USER_AGENT);
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
  });

  test("follows a redirect on the allowed host and records the final URL", async () => {
    const file = await fetchUrl(`${base}/to-page`, { config: config() });
    expect(file.url).toBe(`${base}/page`);
    expect(file.requestedUrl).toBe(`${base}/to-page`);
  });

  test("does not send back a cookie the server set", async () => {
    await fetchUrl(`${base}/cookie`, { config: config() });
    expect(seenHeaders.at(-1)!.cookie).toBeUndefined();
  });

  test.each([
    ["127.0.0.2 outside the allow list", () => `http://127.0.0.2:${closedPort}/`],
    ["[::1]", () => `http://[::1]:${closedPort}/`],
    ["localhost (resolves to loopback)", () => `http://localhost:${closedPort}/`],
    ["a name resolving to 127.0.0.2", () => `http://evil.test:${closedPort}/`],
    ["a name resolving to ::1", () => `http://evil6.test:${closedPort}/`],
    ["a name with one allowed-looking and one internal address", () => `http://mixed.test:${closedPort}/`],
    ["the allowed address on another port", () => `http://127.0.0.1:${closedPort}/`],
    ["an IPv4-mapped loopback", () => `http://[::ffff:127.0.0.2]:${closedPort}/`],
    ["a decimal-integer loopback", () => `http://2130706434:${closedPort}/`],
  ])("refuses %s with the guard's own error", async (_name, url) => {
    await expect(fetchUrl(url(), { config: config(), lookup: fakeLookup })).rejects.toMatchObject({
      code: "FETCH_BLOCKED_ADDRESS",
    });
  });

  test.each([
    ["a redirect to 127.0.0.2", "/to-internal"],
    ["a redirect to a name resolving to 127.0.0.2", "/to-evil"],
  ])("refuses %s after the redirect", async (_name, path) => {
    await expect(fetchUrl(`${base}${path}`, { config: config(), lookup: fakeLookup })).rejects.toMatchObject({
      code: "FETCH_BLOCKED_ADDRESS",
    });
  });

  test.each([
    ["ftp://127.0.0.1/file", "FETCH_INVALID_URL"],
    ["file:///etc/passwd", "FETCH_INVALID_URL"],
    ["http://user:pw@127.0.0.1/", "FETCH_INVALID_URL"],
    ["not a url", "FETCH_INVALID_URL"],
  ])("refuses %s", async (url, code) => {
    await expect(fetchUrl(url, { config: config() })).rejects.toMatchObject({ code });
  });

  test("pins the checked address: the name is looked up once per hop and the socket never asks again", async () => {
    let calls = 0;
    // First answer the allowed loopback server, afterwards an address outside the allow list.
    const rebinding: LookupAddresses = async () => {
      calls += 1;
      return [{ address: calls === 1 ? "127.0.0.1" : "127.0.0.2", family: 4 }];
    };
    const file = await fetchUrl(`http://rebind.test:${port}/page`, {
      config: config({ allowHosts: [{ host: "rebind.test", port }] }),
      lookup: rebinding,
    });
    expect(new TextDecoder().decode(file.bytes)).toContain("年报");
    expect(calls).toBe(1);
  });

  test("the system resolver's localhost is refused too", async () => {
    await expect(fetchUrl(`http://localhost:${closedPort}/`, { config: config() })).rejects.toMatchObject({
      code: "FETCH_BLOCKED_ADDRESS",
    });
  });

  test("stops after too many redirects", async () => {
    await expect(fetchUrl(`${base}/loop`, { config: config() })).rejects.toMatchObject({
      code: "FETCH_TOO_MANY_REDIRECTS",
    });
  });

  test("an error status is FETCH_HTTP_ERROR", async () => {
    await expect(fetchUrl(`${base}/missing`, { config: config() })).rejects.toMatchObject({
      code: "FETCH_HTTP_ERROR",
    });
  });

  test("a response that never ends times out", async () => {
    await expect(fetchUrl(`${base}/slow`, { config: config({ timeoutMs: 300 }) })).rejects.toMatchObject({
      code: "FETCH_TIMEOUT",
    });
  });

  test.each(["/huge-declared", "/huge-streamed"])(
    "%s over the size limit is FETCH_TOO_LARGE",
    async (path) => {
      await expect(fetchUrl(`${base}${path}`, { config: config() })).rejects.toMatchObject({
        code: "FETCH_TOO_LARGE",
      });
    },
  );

  test("takes the file name from Content-Disposition", async () => {
    const file = await fetchUrl(`${base}/named`, { config: config() });
    expect(file.fileName).toBe("2024年报.pdf");
    expect(file.contentType).toBe("application/pdf");
  });

  test("sends one request at a time to a host", async () => {
    maxActive = 0;
    await Promise.all([1, 2, 3, 4].map((n) => fetchUrl(`${base}/one-at-a-time/${n}`, { config: config() })));
    expect(maxActive).toBe(1);
  });
});
