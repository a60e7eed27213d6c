import { describe, expect, it } from "vitest";
import { MAX_AUDIT_TEXT, cleanText } from "./audit";

describe("cleanText", () => {
  it.each([
    ["li@example.gov.cn", "li@example.gov.cn"],
    ["admin\u202Emoc.live@x", "admin\\u{202e}moc.live@x"],
    ["a\u200Bb\u200Dc\uFEFF", "a\\u{200b}b\\u{200d}c\\u{feff}"],
    ["nul\u0000byte\nline", "nul\\u{0}byte\\u{a}line"],
    ["中文名", "中文名"],
  ])("%j → %j", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it("cuts long text to the limit, marking the cut", () => {
    const cut = cleanText("x".repeat(4 * 1024 * 1024));
    expect(cut).toHaveLength(MAX_AUDIT_TEXT);
    expect(cut.endsWith("…")).toBe(true);
  });
});
