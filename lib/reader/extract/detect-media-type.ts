// Decide the format from the bytes first and the file name second: uploads are often misnamed
// (a .doc that is really HTML, a .txt saved from a web page).

export type DetectedKind =
  "pdf" | "docx" | "legacy-doc" | "encrypted-office" | "rtf" | "ofd" | "other-binary" | "text";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b];
/** Images, archives and executables that are never a report we can read. */
const BINARY_MAGICS: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // Windows executable
];

export function startsWith(bytes: Uint8Array, magic: number[], offset = 0): boolean {
  return magic.every((byte, index) => bytes[offset + index] === byte);
}

/** The few needles searched for, as bytes: built once each rather than on every file. */
const NEEDLES = { narrow: new Map<string, number[]>(), wide: new Map<string, number[]>() };

/** Index of an ASCII (or UTF-16LE when `wide`) string in the bytes, -1 when absent. */
export function indexOfAscii(bytes: Uint8Array, text: string, wide = false, limit = bytes.length): number {
  const needles = wide ? NEEDLES.wide : NEEDLES.narrow;
  let needle = needles.get(text);
  if (needle === undefined) {
    needle = wide
      ? [...text].flatMap((ch) => [ch.charCodeAt(0), 0])
      : [...text].map((ch) => ch.charCodeAt(0));
    // Callers pass constants; should one ever pass arbitrary text, the map stays small all the same.
    if (needles.size < 64) needles.set(text, needle);
  }
  const end = Math.min(limit, bytes.length) - needle.length;
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === needle[0] && startsWith(bytes, needle, i)) return i;
  }
  return -1;
}

export function detectMediaType(bytes: Uint8Array, fileName: string): DetectedKind {
  const name = fileName.toLowerCase();
  // The PDF header may follow a little junk (the spec tolerates up to 1 KB).
  if (indexOfAscii(bytes, "%PDF-", false, 1024) >= 0) return "pdf";
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (indexOfAscii(bytes, "word/document.xml") >= 0) return "docx";
    // OFD, the Chinese national fixed-layout format some government sites publish in.
    if (indexOfAscii(bytes, "OFD.xml") >= 0 || name.endsWith(".ofd")) return "ofd";
    // A zip named .docx whose main part is missing is a broken Word file, not some other type.
    return name.endsWith(".docx") ? "docx" : "other-binary";
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    // Password-protected .docx files are OLE containers holding an EncryptedPackage stream.
    if (indexOfAscii(bytes, "EncryptedPackage", true) >= 0) return "encrypted-office";
    if (indexOfAscii(bytes, "WordDocument", true) >= 0 || /\.(doc|wps)$/.test(name)) return "legacy-doc";
    return "other-binary";
  }
  // Word's "save as RTF", often published with a .doc name.
  if (indexOfAscii(bytes, "{\\rtf", false, 16) >= 0) return "rtf";
  if (BINARY_MAGICS.some((magic) => startsWith(bytes, magic))) return "other-binary";
  return "text";
}
