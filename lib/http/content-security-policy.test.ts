import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, createNonce } from "./content-security-policy";

describe("buildContentSecurityPolicy", () => {
  it("lets scripts run only with this request's nonce — no 'unsafe-inline', no 'unsafe-eval' in production", () => {
    const policy = buildContentSecurityPolicy({ nonce: "abc123", dev: false });
    const scripts = policy.split("; ").find((directive) => directive.startsWith("script-src"));
    expect(scripts).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("base-uri 'self'");
  });

  it("adds 'unsafe-eval' for the dev server's fast refresh only", () => {
    expect(buildContentSecurityPolicy({ nonce: "n", dev: true })).toContain("'unsafe-eval'");
  });
});

describe("createNonce", () => {
  it("draws 144 random bits, different each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });
});
