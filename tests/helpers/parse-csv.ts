// A small RFC 4180 reader for tests: CRLF-separated records, quoted fields with doubled quotes and line
// breaks inside. Written here, apart from the export code, so a test reads a file the way Excel would.
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 1;
    } else if (char === "\n") throw new Error(`bare LF outside quotes at ${i}`);
    else field += char;
    i += 1;
  }
  if (field !== "" || record.length > 0) throw new Error("the last record has no CRLF");
  return records;
}
