// PostgreSQL text and jsonb refuse two things JavaScript strings may hold: NUL characters (common in text
// extracted from PDFs and mis-decoded files) and unpaired UTF-16 surrogates. Either would make the insert
// fail and lose the upload, so strings are cleaned before they are stored: NUL is dropped, an unpaired
// surrogate becomes U+FFFD. The original bytes are stored untouched in Document.bytes.

export function sanitizeText(value: string): string {
  return value.replaceAll("\u0000", "").toWellFormed();
}

/** A deep copy of a JSON-like value with every string (keys included) sanitised. */
export function sanitizeJson(value: unknown): unknown {
  if (typeof value === "string") return sanitizeText(value);
  if (Array.isArray(value)) return value.map(sanitizeJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [sanitizeText(key), sanitizeJson(inner)]),
    );
  }
  return value;
}
