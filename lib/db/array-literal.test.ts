import { expect, test } from "vitest";
import { arrayLiteral } from "@/lib/db/array-literal";

test.each([
  [[], "{}"],
  [[1, -2, 3.5, null], "{1,-2,3.5,NULL}"],
  [[true, false, null], "{t,f,NULL}"],
  [
    ["a", "", "NULL", "x,y", 'say "hi"', "back\\slash", "{}", " 空格 "],
    '{"a","","NULL","x,y","say \\"hi\\"","back\\\\slash","{}"," 空格 "}',
  ],
])("arrayLiteral(%j)", (values, expected) => {
  expect(arrayLiteral(values)).toBe(expected);
});

test("refuses numbers PostgreSQL would not read back as sent", () => {
  expect(() => arrayLiteral([Number.NaN])).toThrow(/finite/);
  expect(() => arrayLiteral([Number.POSITIVE_INFINITY])).toThrow(/finite/);
});
