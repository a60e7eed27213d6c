// PDFs written by Java/iText and some CMS exports use CJK fonts that are not embedded (STSong-Light …) with
// Adobe's predefined CMaps (UniGB-UCS2-H, GBK-EUC-H …). pdf.js needs those CMap files to read the text, and
// unpdf ships none. We answer pdf.js's requests ourselves: each encoding CMap maps a character code to a
// made-up CID equal to the character's Unicode value, and Adobe-<ordering>-UCS2 maps every CID back to
// itself — so text comes out exact. Glyph widths (keyed by real CIDs) may be off, which only moves text
// inside one run, never the positions of separate cells.

const cache = new Map<string, Uint8Array>();

/** pdf.js's BinaryDataFactory interface: standard font files are not available, CMaps are generated. */
export class BuiltInCMapFactory {
  constructor(_options: unknown) {}

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const cmap = kind === "cMapUrl" ? buildCMap(filename) : null;
    if (!cmap) throw new Error(`no built-in ${kind} data for ${filename}`);
    return cmap;
  }
}

export function buildCMap(name: string): Uint8Array | null {
  const cached = cache.get(name);
  if (cached) return cached;
  const text = /^Adobe-(GB1|CNS1|Japan1|Korea1)-UCS2$/.test(name)
    ? identityToUnicode(name)
    : encodingCMap(name);
  if (!text) return null;
  const bytes = new TextEncoder().encode(text);
  cache.set(name, bytes);
  return bytes;
}

function encodingCMap(name: string): string | null {
  const vertical = name.endsWith("-V");
  if (/^Uni(GB|CNS|JIS|KS)-(UCS2|UTF16)-[HV]$/.test(name)) {
    return cmapText(name, vertical, ["<0000> <FFFF>"], ["1 begincidrange", "<0000> <FFFF> 0", "endcidrange"]);
  }
  if (/^(GBK|GBKp|GBK2K|GB)-EUC-[HV]$|^GBpc-EUC-[HV]$/.test(name)) return legacyCMap(name, vertical, "gbk");
  if (/^(B5pc|ETen-B5|HKscs-B5)-[HV]$/.test(name)) return legacyCMap(name, vertical, "big5");
  return null;
}

/** One- and two-byte codes of a legacy encoding, each mapped to its Unicode value through the platform decoder. */
function legacyCMap(name: string, vertical: boolean, encoding: string): string {
  const entries = decodeTwoByteCodes(encoding).map(([code, unicode]) => `<${hex(code, 4)}> ${unicode}`);
  const chunks: string[] = ["1 begincidrange", "<00> <80> 0", "endcidrange"];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    chunks.push(`${chunk.length} begincidchar`, ...chunk, "endcidchar");
  }
  return cmapText(name, vertical, ["<00> <80>", "<8140> <FEFE>"], chunks);
}

/** Every two-byte code 81–FE × 40–FE decoded in one pass, each followed by a newline to keep them apart. */
function decodeTwoByteCodes(encoding: string): [number, number][] {
  const codes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) codes.push((lead << 8) | trail);
  }
  const bytes = new Uint8Array(codes.length * 3);
  codes.forEach((code, i) => bytes.set([code >> 8, code & 0xff, 0x0a], i * 3));
  const chars = new TextDecoder(encoding).decode(bytes).split("\n");
  return codes.flatMap((code, i): [number, number][] => {
    const char = chars[i] ?? "";
    return char.length === 1 && char !== "\uFFFD" ? [[code, char.charCodeAt(0)]] : [];
  });
}

function identityToUnicode(name: string): string {
  return cmapText(name, false, ["<0000> <FFFF>"], ["1 beginbfrange", "<0000> <FFFF> <0000>", "endbfrange"]);
}

function cmapText(name: string, vertical: boolean, spaces: string[], body: string[]): string {
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    `/CMapName /${name} def`,
    `/WMode ${vertical ? 1 : 0} def`,
    `${spaces.length} begincodespacerange`,
    ...spaces,
    "endcodespacerange",
    ...body,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, "0");
}
