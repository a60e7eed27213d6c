import { describe, expect, it } from "vitest";
import { isPublicPage, loginPath, safeNextPath } from "./public-paths";

describe("safeNextPath", () => {
  it.each([
    ["/rankings?year=2024", "/rankings?year=2024"],
    ["/", "/"],
    [null, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/login?next=/x", "/"],
    // What a browser makes of these after dropping tabs/newlines, reading "\\" as "/" and collapsing "..".
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r/evil.example", "/"],
    ["/\t\\evil.example", "/"],
    ["/..//evil.example", "/"],
    ["/.//evil.example", "/"],
    ["///evil.example", "/"],
    ["/\\\\evil.example", "/"],
    ["/x/../..//evil.example/", "/"],
    ["/排名?year=2024#top", "/%E6%8E%92%E5%90%8D?year=2024#top"],
    ["/regions/../rankings", "/rankings"],
  ])("%j → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe("loginPath", () => {
  it("carries where the visitor wanted to go", () => {
    expect(loginPath("/regions?code=5303")).toBe("/login?next=%2Fregions%3Fcode%3D5303");
  });

  it("leaves next off for the home page and unsafe targets", () => {
    expect(loginPath("/")).toBe("/login");
    expect(loginPath("//evil.example")).toBe("/login");
  });
});

describe("isPublicPage", () => {
  it("lets only the login page through", () => {
    expect(isPublicPage("/login")).toBe(true);
    expect(isPublicPage("/")).toBe(false);
    expect(isPublicPage("/admin/users")).toBe(false);
  });
});
