// Plain text → rows exactly as the TXT extractor yields them (one "line" row per line), for tests and
// benchmarks that start from text rather than bytes.
import type { TextRow } from "@/lib/reader/types";

export function textToRows(text: string): TextRow[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => ({ cells: [line], source: "line" }));
}
