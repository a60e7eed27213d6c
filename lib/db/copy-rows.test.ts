import { expect, test } from "vitest";
import { formatCopyValue } from "@/lib/db/copy-rows";

test.each([
  [null, "\\N"],
  [true, "t"],
  [false, "f"],
  [-3.25, "-3.25"],
  ["普通文字", "普通文字"],
  ["a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e"],
  ["\\N", "\\\\N"],
  [new Uint8Array([0, 0xff, 0x10]), "\\\\x00ff10"],
])("formatCopyValue(%j)", (value, expected) => {
  expect(formatCopyValue(value)).toBe(expected);
});
