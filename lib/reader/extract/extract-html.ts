// HTML bytes → rows. The charset comes from the bytes (BOM, valid UTF-8) before the page's own
// declaration, because saved pages are often re-encoded without updating their meta tag.
import type { ExtractedDocument } from "@/lib/reader/types";
import { decodeText } from "@/lib/reader/extract/decode-text";
import { readHtmlRows } from "@/lib/reader/extract/read-html-rows";

function findDeclaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1] ?? null;
}

export function extractHtml(bytes: Uint8Array): ExtractedDocument | null {
  const decoded = decodeText(bytes, findDeclaredCharset(bytes));
  if (!decoded) return null;
  return { mediaType: "text/html", rows: readHtmlRows(decoded.text) };
}

export function looksLikeHtml(text: string, fileName: string): boolean {
  if (/\.(x?html?|shtml)$/i.test(fileName)) return true;
  // Both tests below need a tag: most text has no “<” at all, found without copying or lowering its head.
  if (!text.includes("<")) return false;
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?<(!doctype html|html|head|body|meta|title|table|div|p)\b/.test(head)) return true;
  // An HTML fragment (a table copied from a page) still has its tags even without a document shell.
  return /<table[\s>]/i.test(text) && /<\/t[dh]>/i.test(text);
}
