import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiToken, hashApiToken, looksLikeApiToken, readAuthorization } from "./api-token-secret";

describe("generateApiToken", () => {
  it("returns a token, its sha256 and a short prefix", () => {
    const { token, tokenHash, prefix } = generateApiToken();
    expect(token).toMatch(/^nbt_[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(token.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeLessThan(12);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateApiToken().token));
    expect(tokens.size).toBe(1000);
  });

  it("hashes deterministically and distinguishes tokens", () => {
    expect(hashApiToken("nbt_a")).toBe(hashApiToken("nbt_a"));
    expect(hashApiToken("nbt_a")).not.toBe(hashApiToken("nbt_b"));
  });

  it("recognises its own format only", () => {
    expect(looksLikeApiToken(generateApiToken().token)).toBe(true);
    expect(looksLikeApiToken("nbt_short")).toBe(false);
    expect(looksLikeApiToken("Bearer x")).toBe(false);
  });
});

describe("readAuthorization", () => {
  it.each([
    ["Bearer nbt_abc", { kind: "bearer", token: "nbt_abc" }],
    ["bearer   nbt_abc  ", { kind: "bearer", token: "nbt_abc" }],
    ["Basic dXNlcjpwdw==", { kind: "malformed" }],
    ["Bearer", { kind: "malformed" }],
    ["Bearer ", { kind: "malformed" }],
    ["Bearer a b", { kind: "malformed" }],
    ["", { kind: "malformed" }],
    [null, { kind: "none" }],
  ])("%j → %j", (header, expected) => {
    const headers = new Headers(header === null ? {} : { authorization: header });
    expect(readAuthorization(headers)).toEqual(expected);
  });
});
