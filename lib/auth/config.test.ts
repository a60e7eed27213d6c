import { describe, expect, it } from "vitest";
import { readAuthConfig } from "./config";

describe("readAuthConfig", () => {
  it("has safe defaults on a fresh clone", () => {
    expect(readAuthConfig({})).toEqual({
      baseUrl: undefined,
      secret: undefined,
      allowedHosts: [],
      secureCookies: false,
      trustedProxies: [],
      lockout: { maxFailures: 5, maxFailuresPerIp: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
      audit: { signInRetentionMs: 90 * 24 * 60 * 60_000, signInMaxRows: 200_000 },
      passwordHashing: { concurrency: expect.any(Number), maxQueued: 32 },
    });
  });

  it("uses Secure cookies exactly when the public URL is https", () => {
    expect(readAuthConfig({ BETTER_AUTH_URL: "https://nb.example.gov.cn/" })).toMatchObject({
      baseUrl: "https://nb.example.gov.cn",
      secureCookies: true,
    });
    expect(readAuthConfig({ BETTER_AUTH_URL: "http://10.1.2.3:3000" }).secureCookies).toBe(false);
  });

  it("keeps localhost when narrowing the hosts", () => {
    expect(readAuthConfig({ AUTH_ALLOWED_HOSTS: "nb.example.gov.cn, 10.1.2.3:3000" }).allowedHosts).toEqual(
      expect.arrayContaining(["localhost:*", "nb.example.gov.cn", "10.1.2.3:3000"]),
    );
  });

  it("reads the lockout settings and treats blank values as unset", () => {
    const config = readAuthConfig({
      LOGIN_MAX_FAILURES: "3",
      LOGIN_LOCK_MINUTES: "60",
      LOGIN_WINDOW_MINUTES: " ",
    });
    expect(config.lockout).toMatchObject({ maxFailures: 3, lockMs: 60 * 60_000, windowMs: 15 * 60_000 });
  });

  it("reads the trusted proxies, the audit retention and the argon2 limits", () => {
    const config = readAuthConfig({
      TRUSTED_PROXIES: " 10.0.0.1, 10.1.0.0/16 ,::1 ",
      AUDIT_SIGN_IN_RETENTION_DAYS: "30",
      AUDIT_SIGN_IN_MAX_ROWS: "5000",
      PASSWORD_HASH_CONCURRENCY: "2",
      PASSWORD_HASH_QUEUE: "0",
    });
    expect(config.trustedProxies).toEqual(["10.0.0.1", "10.1.0.0/16", "::1"]);
    expect(config.audit).toEqual({ signInRetentionMs: 30 * 24 * 60 * 60_000, signInMaxRows: 5000 });
    expect(config.passwordHashing).toEqual({ concurrency: 2, maxQueued: 0 });
  });

  it.each([
    [{ TRUSTED_PROXIES: "10.0.0.1, proxy.example" }],
    [{ TRUSTED_PROXIES: "10.0.0.0/33" }],
    [{ AUDIT_SIGN_IN_MAX_ROWS: "10" }],
    [{ PASSWORD_HASH_CONCURRENCY: "0" }],
    [{ BETTER_AUTH_URL: "ftp://x" }],
    [{ BETTER_AUTH_SECRET: "too short" }],
    [{ LOGIN_MAX_FAILURES: "0" }],
    [{ LOGIN_LOCK_MINUTES: "a while" }],
  ])("rejects %j", (env) => {
    expect(() => readAuthConfig(env)).toThrow(/Invalid auth configuration/);
  });
});
