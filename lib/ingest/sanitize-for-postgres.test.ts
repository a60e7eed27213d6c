import { expect, test } from "vitest";
import { sanitizeJson, sanitizeText } from "@/lib/ingest/sanitize-for-postgres";

test.each([
  ["年报\u0000全文", "年报全文"],
  ["lone \ud800 high", "lone \ufffd high"],
  ["lone \udc00 low", "lone \ufffd low"],
  ["pair 😀 ok", "pair 😀 ok"],
  ["平常文字", "平常文字"],
])("sanitizeText(%j)", (input, expected) => {
  expect(sanitizeText(input)).toBe(expected);
});

test("sanitizeJson cleans nested strings and keys, keeps other values", () => {
  expect(sanitizeJson({ a: ["x\u0000", 1, null, true], "k\u0000": { b: "\ud83d" } })).toEqual({
    a: ["x", 1, null, true],
    k: { b: "\ufffd" },
  });
});

test("sanitizeJson keeps the keys' order and returns a clean object itself (not a copy)", () => {
  const cleaned = sanitizeJson({ a: 1, "b\u0000": "x", c: "y\u0000" }) as Record<string, unknown>;
  expect(Object.keys(cleaned)).toEqual(["a", "b", "c"]);
  expect(cleaned).toEqual({ a: 1, b: "x", c: "y" });
  const clean = { a: { b: ["平常"] }, c: null };
  expect(sanitizeJson(clean)).toBe(clean);
});
