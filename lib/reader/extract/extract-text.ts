// TXT → one "line" row per line. Tabs and pipes stay inside the line: table reading decides what they mean.
import type { ExtractedDocument, TextRow } from "@/lib/reader/types";

export function extractText(text: string): ExtractedDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Most text breaks lines with \n alone: a plain split, without a regular expression's matching — and the
  // body is then its lines joined again, which the reading's text need not rebuild.
  if (!body.includes("\r") && !body.includes("\f"))
    return { mediaType: "text/plain", rows: toRows(body.split("\n")), text: body };
  // Form feeds are page breaks in text extracted from PDFs (pdftotext): a line break for us.
  return { mediaType: "text/plain", rows: toRows(body.split(/\r\n|\r|\n|\f/)) };
}

function toRows(lines: string[]): TextRow[] {
  return lines.map((line) => ({ cells: [line], source: "line" }));
}
