// Text → bytes in the legacy encodings real reports arrive in. Node can decode GB18030 but not encode it:
// the GBK table is built once by decoding every two-byte code.

export type TextEncoding =
  "utf-8" | "utf-8-bom" | "gbk" | "utf-16le" | "utf-16be" | "utf-16le-bom" | "utf-16be-bom";

let gbkTable: Map<string, number> | null = null;

function loadGbkTable(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<string, number>();
  const decoder = new TextDecoder("gbk");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== "\uFFFD" && !table.has(char)) table.set(char, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding) {
    case "utf-8":
      return new TextEncoder().encode(text);
    case "utf-8-bom":
      return new TextEncoder().encode("\uFEFF" + text);
    case "gbk":
      return encodeGbk(text);
    case "utf-16le":
    case "utf-16be":
      return encodeUtf16(text, encoding === "utf-16be");
    case "utf-16le-bom":
    case "utf-16be-bom":
      return encodeUtf16("\uFEFF" + text, encoding === "utf-16be-bom");
  }
}

function encodeGbk(text: string): Uint8Array {
  const table = loadGbkTable();
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = table.get(char);
    if (pair === undefined) throw new Error(`not encodable in GBK: ${char}`);
    bytes.push(pair >> 8, pair & 0xff);
  }
  return Uint8Array.from(bytes);
}

function encodeUtf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[i * 2] = bigEndian ? unit >> 8 : unit & 0xff;
    bytes[i * 2 + 1] = bigEndian ? unit & 0xff : unit >> 8;
  }
  return bytes;
}
