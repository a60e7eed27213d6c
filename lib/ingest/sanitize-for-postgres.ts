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
    let cleaned: unknown[] | null = null;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const clean = sanitizeJson(item);
      if (clean !== item) cleaned ??= value.slice();
      if (cleaned) cleaned[index] = clean;
    }
    return cleaned ?? value;
  }
  if (value !== null && typeof value === "object") {
    // Walked key by key (for…in: no array of entries per object — a reading has three objects of ~200 keys,
    // walked for every file imported); the first key or value that needs cleaning starts the copy.
    const source = value as Record<string, unknown>;
    let cleaned: Record<string, unknown> | null = null;
    for (const key in source) {
      if (!Object.hasOwn(source, key)) continue;
      const inner = source[key];
      const cleanKey = sanitizeText(key);
      const cleanInner = sanitizeJson(inner);
      if (!cleaned && (cleanKey !== key || cleanInner !== inner)) cleaned = copyKeysBefore(source, key);
      if (cleaned) cleaned[cleanKey] = cleanInner;
    }
    return cleaned ?? value;
  }
  return value;
}

/** The own keys of `source` that come before `stop`, with their values (already clean: walked before it). */
function copyKeysBefore(source: Record<string, unknown>, stop: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in source) {
    if (key === stop) break;
    if (Object.hasOwn(source, key)) copy[key] = source[key];
  }
  return copy;
}
