// PostgreSQL text and jsonb refuse two things JavaScript strings may hold: NUL characters (common in text
// extracted from PDFs and mis-decoded files) and unpaired UTF-16 surrogates. Either would make the insert
// fail and lose the upload, so strings are cleaned before they are stored: NUL is dropped, an unpaired
// surrogate becomes U+FFFD. The original bytes are stored untouched in Document.bytes.

// Matches what needs cleaning; strings without it (nearly all) are kept as they are.
const NEEDS_CLEANING = /[\u0000\ud800-\udfff]/;

export function sanitizeText(value: string): string {
  if (!NEEDS_CLEANING.test(value)) return value;
  return value.replaceAll("\u0000", "").toWellFormed();
}

/**
 * A JSON-like value with every string (keys included) sanitised. Parts with nothing to clean are returned
 * as they are (not copied): a reading of a few hundred cells is checked, not rebuilt.
 */
export function sanitizeJson(value: unknown): unknown {
  if (typeof value === "string") return sanitizeText(value);
  if (Array.isArray(value)) {
    const cleaned = value.map(sanitizeJson);
    return cleaned.every((item, index) => item === value[index]) ? value : cleaned;
  }
  if (value !== null && typeof value === "object") {
    let changed = false;
    const entries = Object.entries(value).map(([key, inner]) => {
      const entry = [sanitizeText(key), sanitizeJson(inner)] as const;
      if (entry[0] !== key || entry[1] !== inner) changed = true;
      return entry;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}
