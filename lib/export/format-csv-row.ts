// One CSV record as RFC 4180 writes it (quotes only where needed, quotes doubled, CRLF at the end), for the
// lines written in JavaScript (the header; the JSON-less parts of an export). The rows themselves come from
// PostgreSQL's COPY, which follows the same rules (see crlf-records.ts for its line ends).
//   formatCsvRow(["机构名称", 'a "b"', null, 12]) → '机构名称,"a ""b""",,12\r\n'
export function formatCsvRow(fields: ReadonlyArray<string | number | null>): string {
  return `${fields.map(formatCsvField).join(",")}\r\n`;
}

export function formatCsvField(field: string | number | null): string {
  if (field === null) return "";
  const text = typeof field === "number" ? String(field) : neutraliseFormula(field);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Text that Excel would run as a formula (= + - @ tab CR LF first) gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r\n]/.test(text) ? `'${text}` : text;
}
