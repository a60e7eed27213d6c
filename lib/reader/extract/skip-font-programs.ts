// pdf.js parses and sanitises every embedded font program of every document — most of the time a PDF takes
// (a Word export carries half a dozen CJK TrueType subsets). Reading text needs none of it when each font
// maps its codes to Unicode through a /ToUnicode CMap and states its glyph widths (/W, /Widths), as
// Word/WPS exports do. Then we hide the programs from pdf.js by renaming their keys — /FontFile2 becomes
// /FontFilX2, the same length, so every byte offset and the cross-reference table stay valid.

/** Dictionaries packed inside object streams cannot be seen (or renamed) in the raw bytes. */
const OBJECT_STREAM = /\/Type\s*\/ObjStm\b/;
const FONT_PROGRAM = /\/FontFile([23]?)(?=[\s/<>[\]()])/g;
const FONT_DICT = /\/Type\s*\/Font\b/g;
/** Descendant fonts of a composite font: their Type0 parent carries the ToUnicode map. */
const DESCENDANT_FONT = /\/Subtype\s*\/CIDFontType[02]\b/g;
const TYPE3_FONT = /\/Subtype\s*\/Type3\b/;
const TO_UNICODE = /\/ToUnicode\b/g;

/** A copy of the PDF with its font programs hidden, or null when some font might need its program for text. */
export function skipFontPrograms(bytes: Uint8Array): Uint8Array | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (OBJECT_STREAM.test(text) || TYPE3_FONT.test(text)) return null;
  const programs = count(text, FONT_PROGRAM);
  const fonts = count(text, FONT_DICT) - count(text, DESCENDANT_FONT);
  if (programs === 0 || fonts <= 0 || count(text, TO_UNICODE) < fonts) return null;
  return new Uint8Array(Buffer.from(text.replace(FONT_PROGRAM, "/FontFilX$1"), "latin1"));
}

function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}
