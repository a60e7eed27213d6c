// PostgreSQL's text form of a one-dimensional array ('{1,2,NULL}', '{"a","b\"c"}'), built in one pass, for
// the large array parameters of a single upload (a report's ~200 cells sent as six arrays to unnest).
// node-postgres builds the same text element by element — each one through prepareValue, two regex
// replaces and quoting, numbers included — which made it the largest producer of garbage on the upload
// path (about 200 KB per upload, measured with V8's sampling heap profiler). PostgreSQL parses both the
// same way: pass the literal with a cast, `${arrayLiteral(ids)}::int[]`.
export type ArrayElement = string | number | boolean | null;

const NEEDS_ESCAPE = /["\\]/;

export function arrayLiteral(values: readonly ArrayElement[]): string {
  // One native join rather than a string grown element by element (a chain of partial strings).
  return `{${values.map(formatElement).join(",")}}`;
}

function formatElement(value: ArrayElement): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`arrayLiteral: ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "t" : "f";
  // Strings are always quoted: an unquoted NULL, an empty string or a comma would mean something else.
  return `"${NEEDS_ESCAPE.test(value) ? value.replace(/["\\]/g, "\\$&") : value}"`;
}

/**
 * A query parameter as it is sent: a flat array of strings, finite numbers and nulls as arrayLiteral's text
 * (the values node-postgres would send for it, built for less); anything else — a string already formatted,
 * booleans (node-postgres sends "true", arrayLiteral t), Dates, nested arrays, undefined or NaN elements — as
 * it is, for node-postgres.
 */
export function asArrayParameter(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  for (const element of value)
    if (
      element !== null &&
      typeof element !== "string" &&
      !(typeof element === "number" && Number.isFinite(element))
    )
      return value;
  return arrayLiteral(value as ArrayElement[]);
}
