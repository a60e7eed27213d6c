import { expect, test } from "vitest";
import { arrayLiteral, asArrayParameter } from "@/lib/db/array-literal";

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

test("asArrayParameter: flat arrays of strings, finite numbers and nulls as literals; the rest untouched", () => {
  expect(asArrayParameter([3, null, 'a"b'])).toBe('{3,NULL,"a\\"b"}');
  expect(asArrayParameter([])).toBe("{}");
  const untouched = ["{1,2}", 7, null, [true, false], [new Date(0)], [[1, 2]], [1, undefined], [Number.NaN]];
  for (const value of untouched) expect(asArrayParameter(value)).toBe(value);
});
