// Bytes → string for TXT and HTML in the encodings Chinese government sites actually use:
// UTF-8 (with or without BOM), GBK/GB2312/GB18030, UTF-16 (with or without BOM).
import { isUtf8, transcode } from "node:buffer";

export interface DecodedText {
  text: string;
  encoding: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** Decoders hold no state between whole-buffer decode() calls: one of each serves every report. */
const UTF8 = new TextDecoder("utf-8");

/**
 * Decode text; `declared` is an encoding named by the document itself (HTML meta charset), used only
 * when the bytes are not valid UTF-8 — saved web pages often keep a stale gb2312 declaration.
 * Returns null when the bytes do not look like text at all.
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): DecodedText | null {
  if (bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) {
    return checkText({ text: UTF8.decode(bytes.subarray(3)), encoding: "utf-8" });
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith(bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith(bytes.subarray(2), "utf-16be");
  // UTF-16 without a BOM has zero bytes, and NUL bytes never occur in UTF-8 or GB text: one search for a zero byte
  // rules out both for nearly every file (it cost two, guessUtf16's over the first 8 KB and one over them all).
  if (bytes.indexOf(0) !== -1) {
    const utf16 = guessUtf16(bytes);
    return utf16 ? decodeWith(bytes, utf16) : null;
  }
  if (isUtf8(bytes)) return checkText({ text: decodeValidUtf8(bytes), encoding: "utf-8" });
  // Not UTF-8: the declared or the usual Chinese legacy encoding.
  const nearlyUtf8 = decodeMostlyUtf8(bytes);
  if (nearlyUtf8) return nearlyUtf8;
  const fallback = normaliseEncoding(declared);
  return decodeWith(bytes, fallback) ?? decodeWith(bytes, "gb18030");
}

/**
 * Bytes known to be valid UTF-8 (no BOM) → the string a strict UTF-8 TextDecoder gives. V8 builds a string
 * from UTF-8 a character at a time (≈ 30 µs for a 6 KB Chinese report, a tenth of reading it); ICU's
 * transcoding to UTF-16 and a string made from those units take a fraction of that. Only valid input comes
 * here, where every decoder agrees (decode-text.test.ts compares them).
 */
export function decodeValidUtf8(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return transcode(buffer, "utf8", "utf16le").toString("utf16le");
}

/** GBK and GB2312 are subsets of GB18030: decoding as the superset is always right. */
function normaliseEncoding(label: string | null | undefined): string {
  const lower = (label ?? "").trim().toLowerCase();
  if (lower === "" || /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312)$/.test(lower)) return "gb18030";
  return lower;
}

/** A UTF-8 file with a few broken bytes (cut mid-character) is still UTF-8; GBK read as UTF-8 breaks everywhere. */
function decodeMostlyUtf8(bytes: Uint8Array): DecodedText | null {
  const text = UTF8.decode(bytes);
  let replaced = 0;
  for (let i = text.indexOf("\uFFFD"); i >= 0; i = text.indexOf("\uFFFD", i + 1)) replaced++;
  return replaced <= Math.max(1, text.length / 2000) ? checkText({ text, encoding: "utf-8" }) : null;
}

function decodeWith(bytes: Uint8Array, encoding: string): DecodedText | null {
  try {
    return checkText({ text: new TextDecoder(encoding).decode(bytes), encoding });
  } catch {
    return null; // unknown encoding label
  }
}

/**
 * UTF-16 without a BOM: ASCII characters (digits, newlines, spaces — plentiful in any report) leave a
 * zero byte on one side of each pair; few CJK characters do (一 is U+4E00), so the other side stays rare.
 */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192) & ~1);
  if (sample.length < 4) return null;
  // No zero byte in the first 8 KB: both counts below would be 0 — found by one native search.
  if (sample.indexOf(0) === -1) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  const pairs = sample.length / 2;
  if (zeroOdd >= pairs * 0.1 && zeroEven <= zeroOdd * 0.3) return "utf-16le";
  if (zeroEven >= pairs * 0.1 && zeroOdd <= zeroEven * 0.3) return "utf-16be";
  return null;
}

const BAD_CHAR = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/;

/** Whether the text holds a character checkText counts bad (decode-text.test.ts compares them on every code unit). */
export function holdsBadChar(text: string): boolean {
  return BAD_CHAR.test(text);
}

/** Reject decodings that are mostly control characters or replacement characters: binary data. */
function checkText(decoded: DecodedText): DecodedText | null {
  const { text } = decoded;
  // Nearly every text holds no bad character at all: a native search says so in half the time of the loop.
  if (!holdsBadChar(text)) return decoded;
  let bad = 0;
  // Code units, not code points: the characters counted bad are all single units, and a loop over units
  // costs a fraction of the string iterator on every report.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code < 0x20 && code !== 9 && code !== 10 && code !== 12 && code !== 13)) bad++;
  }
  return text.length > 0 && bad / text.length > 0.02 ? null : decoded;
}
