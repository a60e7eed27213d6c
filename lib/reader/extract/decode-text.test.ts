import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText, decodeValidUtf8, holdsBadChar } from "@/lib/reader/extract/decode-text";
import { encodeText, type TextEncoding } from "@/lib/reader/testing/encode-text";

const SAMPLE =
  "淮安市洪泽区人民政府2024年政府信息公开工作年度报告\r\n一、本年新收政府信息公开申请数量\t95\t0\n（七）总计 95";

describe("decodeText", () => {
  // Independent of our encoder: bytes as published in the GB2312 and UTF-16 code charts.
  it.each([
    ["GBK bytes", [0xc4, 0xea, 0xb1, 0xa8, 0x31, 0x32], "年报12"],
    ["UTF-16LE with BOM", [0xff, 0xfe, 0x74, 0x5e, 0xa5, 0x62], "年报"],
    ["UTF-16BE with BOM", [0xfe, 0xff, 0x5e, 0x74, 0x62, 0xa5], "年报"],
    ["UTF-8 with BOM", [0xef, 0xbb, 0xbf, 0xe5, 0xb9, 0xb4], "年"],
    ["GB18030 four-byte character", [0x81, 0x30, 0x81, 0x30, 0x31], "\u0080" + "1"],
  ])("decodes %s", (_name, bytes, expected) => {
    expect(decodeText(Uint8Array.from(bytes))?.text).toBe(expected);
  });

  it.each<TextEncoding>([
    "utf-8",
    "utf-8-bom",
    "gbk",
    "utf-16le",
    "utf-16be",
    "utf-16le-bom",
    "utf-16be-bom",
  ])("round-trips a report excerpt encoded as %s", (encoding) => {
    expect(decodeText(encodeText(SAMPLE, encoding))?.text).toBe(SAMPLE);
  });

  it("prefers valid UTF-8 over a stale gb2312 declaration", () => {
    expect(decodeText(encodeText(SAMPLE, "utf-8"), "gb2312")?.text).toBe(SAMPLE);
  });

  it("uses the declared charset when the bytes are not UTF-8", () => {
    const big5 = Uint8Array.from([0xa6, 0x7e]); // 年 in Big5
    expect(decodeText(big5, "big5")?.text).toBe("年");
  });

  it("keeps a UTF-8 file whose last character was cut in half", () => {
    const bytes = encodeText(SAMPLE.repeat(20), "utf-8");
    expect(decodeText(bytes.subarray(0, bytes.length - 1))?.encoding).toBe("utf-8");
  });

  it("refuses binary data", () => {
    const bytes = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256);
    expect(decodeText(bytes)).toBeNull();
  });

  // decodeText tells UTF-8 by isUtf8 and decodes it by transcoding (faster than V8's own UTF-8 decoding): the
  // answer must be a strict WHATWG decoder's, for any bytes — valid (any code point, astral included, BOMs
  // inside) or not (a strict decoder throws: another reading is chosen, as before).
  it("reads UTF-8 exactly as a strict TextDecoder does", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    const strictly = (bytes: Uint8Array): string | null => {
      try {
        return strict.decode(bytes);
      } catch {
        return null;
      }
    };
    const texts = fc.string({ unit: "binary", maxLength: 300 }).map((text) => new TextEncoder().encode(text));
    const broken = fc
      .tuple(texts, fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat())
      .map(([bytes, junk, at]) => {
        const cut = bytes.length === 0 ? 0 : at % bytes.length;
        return Uint8Array.from([...bytes.subarray(0, cut), ...junk, ...bytes.subarray(cut)]);
      });
    fc.assert(
      fc.property(fc.oneof(texts, broken, fc.uint8Array({ maxLength: 64 })), (bytes) => {
        const expected = strictly(bytes);
        if (expected !== null && bytes[0] !== 0xef) expect(decodeValidUtf8(bytes)).toBe(expected);
        const decoded = decodeText(bytes);
        if (expected !== null && decoded !== null && !bytes.includes(0) && decoded.encoding === "utf-8")
          expect(decoded.text).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("tells bad characters (controls but tab, line feed, form feed, return; U+FFFD) on every code unit", () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const bad = unit === 0xfffd || (unit < 0x20 && ![9, 10, 12, 13].includes(unit));
      const text = `年报${String.fromCharCode(unit)}12`;
      if (holdsBadChar(text) !== bad) expect([unit, holdsBadChar(text)]).toEqual([unit, bad]);
    }
  });

  it("refuses text of NUL bytes after 8 KB of text, and reads UTF-16 without a BOM", () => {
    const text = new TextEncoder().encode("年报".repeat(3000));
    const withNul = new Uint8Array(text.length + 4);
    withNul.set(text);
    expect(decodeText(withNul)).toBeNull();
    expect(decodeText(encodeText(SAMPLE, "utf-16be"))?.text).toBe(SAMPLE);
  });
});
