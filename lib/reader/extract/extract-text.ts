// TXT → one "line" row per line. Tabs and pipes stay inside the line: table reading decides what they mean.
import type { ExtractedDocument, TextRow } from "@/lib/reader/types";

function splitLines(text: string): string[] {
  // Form feeds are page breaks in text extracted from PDFs (pdftotext): a line break for us.
  return text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n|\f/);
}

export function extractText(text: string): ExtractedDocument {
  const rows: TextRow[] = splitLines(text).map((line) => ({ cells: [line], source: "line" }));
  return { mediaType: "text/plain", rows };
}
