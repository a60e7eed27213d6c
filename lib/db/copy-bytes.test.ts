import { expect, test } from "vitest";
import { CopyBytes } from "@/lib/db/copy-bytes";
import { formatCopyValue, type CopyValue } from "@/lib/db/copy-rows";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test("each field is written as formatCopyValue writes it, in UTF-8", () => {
  const values: CopyValue[] = [
    null,
    true,
    false,
    0,
    -0,
    7,
    -7,
    1_000_000,
    2_147_483_647,
    -2_147_483_648,
    2_147_483_648,
    -123_456_789_012_345,
    9_007_199_254_740_992,
    -12.5,
    0.1,
    1e-7,
    1e21,
    Number.NaN,
    "",
    "plain ascii 123",
    "万元",
    "a\tb\\c\nd\re",
    "混合 text\twith tab",
    "\\N",
    "😀 and a lone \ud800",
    new Uint8Array([0, 1, 0x7f, 0x80, 0xfe, 0xff]),
    new Uint8Array(),
    // Past the length hex() hands to Buffer, and a view into a larger buffer.
    new Uint8Array(1000).map((_, index) => (index * 37) % 256).subarray(3, 900),
  ];
  for (const value of values) {
    const out = new CopyBytes();
    out.field(value);
    expect(decode(out.finish())).toBe(formatCopyValue(value).toWellFormed());
  }
});

test("lines: fields, tabs and line ends; the buffer grows past its first size", () => {
  const out = new CopyBytes(4);
  const big = new Uint8Array(5000).map((_, index) => index % 256);
  out.field(42);
  out.tab();
  out.field("x".repeat(3000));
  out.tab();
  out.field(big);
  out.tab();
  out.field("税".repeat(2000));
  out.end();
  out.ascii("0000000000\t");
  out.end();
  out.raw(new TextEncoder().encode("\\N\t税\n"));
  out.field(-2_147_483_648);
  out.end();
  const expected = `42\t${"x".repeat(3000)}\t${formatCopyValue(big)}\t${"税".repeat(2000)}\n0000000000\t\n\\N\t税\n-2147483648\n`;
  expect(decode(out.finish())).toBe(expected);
  expect(out.length).toBe(new TextEncoder().encode(expected).byteLength);
  // finish() copies: the array owns its buffer, of exactly its length.
  expect(out.finish().buffer.byteLength).toBe(out.length);
});

test("reset: the next row from the start of the same buffer; what finish returned stays as it was", () => {
  const out = new CopyBytes(8);
  out.field("first row");
  out.end();
  const first = out.finish();
  out.reset();
  out.field(7);
  out.end();
  expect(decode(first)).toBe("first row\n");
  expect(decode(out.finish())).toBe("7\n");
  // After a row past the kept size, the buffer starts small again and still takes any row.
  out.reset();
  out.field("x".repeat(2 * 1024 * 1024));
  out.reset();
  out.field("税");
  expect(decode(out.finish())).toBe("税");
});

test("whole numbers of every length are written as String writes them; short and long raw bytes as they are", () => {
  const out = new CopyBytes(8);
  const expected: string[] = [];
  for (let power = 1; power <= 1e10; power *= 10)
    for (const value of [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]) {
      out.field(value);
      out.tab();
      expected.push(String(value));
    }
  const short = new Uint8Array([0x61, 0x09, 0x62]);
  const long = new Uint8Array(100).fill(0x7a);
  out.raw(short);
  out.raw(long);
  out.raw(new Uint8Array());
  expect(decode(out.finish())).toBe(expected.map((text) => `${text}\t`).join("") + "a\tb" + "z".repeat(100));
});
