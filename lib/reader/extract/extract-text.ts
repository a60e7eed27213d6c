// TXT → one "line" row per line. Tabs and pipes stay inside the line: table reading decides what they mean.
import type { ExtractedDocument, TextRow } from "@/lib/reader/types";

function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Most text breaks lines with \n alone: a plain split, without a regular expression's matching.
  if (!body.includes("\r") && !body.includes("\f")) return body.split("\n");
  // Form feeds are page breaks in text extracted from PDFs (pdftotext): a line break for us.
  return body.split(/\r\n|\r|\n|\f/);
}

export function extractText(text: string): ExtractedDocument {
  const rows: TextRow[] = splitLines(text).map((line) => ({ cells: [line], source: "line" }));
  return { mediaType: "text/plain", rows };
}
