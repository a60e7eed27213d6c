// MHTML (.mht/.mhtml, "web archive, single file"): a MIME message whose text/html part is the saved page,
// usually quoted-printable or base64 in the page's own charset. The page is then read like any HTML.
import type { ExtractedDocument } from "@/lib/reader/types";
import { decodeText } from "@/lib/reader/extract/decode-text";
import { readHtmlRows } from "@/lib/reader/extract/read-html-rows";

interface MimePart {
  headers: string;
  body: string;
}

export function looksLikeMhtml(bytes: Uint8Array): boolean {
  // Asked of every text upload, nearly none of them MHTML: the bytes are searched for multipart/related
  // first, before 2 KB are copied into a string for the header test (≈ 2 % of reading a text report).
  const headBytes = bytes.subarray(0, 2048);
  if (!holdsMultipartRelated(headBytes)) return false;
  return /^(mime-version|content-type|from|subject|date|x-mimeole)\s*:/im.test(latin1(headBytes));
}

const MULTIPART = "multipart";
const RELATED = "related";

/**
 * Whether the bytes hold “multipart/related” in any ASCII case: exactly when their latin1 string matches
 * /multipart\/related/i, which without the u flag matches an ASCII letter only by an ASCII letter (ES
 * Canonicalize). Found from each “/” (a native search), its neighbours compared in place.
 */
function holdsMultipartRelated(bytes: Uint8Array): boolean {
  for (
    let slash = bytes.indexOf(0x2f, MULTIPART.length);
    slash !== -1;
    slash = bytes.indexOf(0x2f, slash + 1)
  ) {
    if (slash + RELATED.length >= bytes.length) return false;
    if (
      sameLettersCaseless(bytes, slash - MULTIPART.length, MULTIPART) &&
      sameLettersCaseless(bytes, slash + 1, RELATED)
    )
      return true;
  }
  return false;
}

/** `word` (lowercase ASCII letters) at `at` in the bytes, in any case. */
function sameLettersCaseless(bytes: Uint8Array, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const byte = bytes[at + i]!;
    const letter = word.charCodeAt(i);
    if (byte !== letter && byte !== letter - 0x20) return false;
  }
  return true;
}

export function extractMhtml(bytes: Uint8Array): ExtractedDocument | null {
  const message = latin1(bytes);
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(message)?.[1];
  if (!boundary) return null;
  const html = message
    .split(`--${boundary}`)
    .slice(1)
    .map(splitPart)
    .find((part) => /content-type\s*:\s*text\/html/i.test(part.headers));
  if (!html) return null;
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(html.headers)?.[1] ?? null;
  const encoding = /content-transfer-encoding\s*:\s*([\w-]+)/i.exec(html.headers)?.[1]?.toLowerCase();
  const body =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(html.body)
      : encoding === "base64"
        ? new Uint8Array(Buffer.from(html.body, "base64"))
        : new Uint8Array(Buffer.from(html.body, "latin1"));
  const decoded = decodeText(body, charset);
  return decoded ? { mediaType: "multipart/related", rows: readHtmlRows(decoded.text) } : null;
}

function splitPart(raw: string): MimePart {
  const text = raw.replace(/^\r?\n/, "");
  const end = /\r?\n\r?\n/.exec(text);
  return end
    ? { headers: text.slice(0, end.index), body: text.slice(end.index + end[0].length) }
    : { headers: text, body: "" };
}

function decodeQuotedPrintable(text: string): Uint8Array {
  const unfolded = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const hex = unfolded[i] === "=" ? unfolded.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(unfolded.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

/** Bytes as one char each, so MIME structure can be found whatever the body's charset. */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}
