// One line of the parse CLI's output (the contract of issue 3): `{file, ok, error?, agency, year, template, cells,
// findings}` with every agency key present and every cell id of the detected template. Built field by field so
// that nothing outside the contract (raw text, region codes, the document text) is ever printed.
import type { AgencyInfo, ReadResult } from "@/lib/reader/types";

const EMPTY_AGENCY: AgencyInfo = {
  name: null,
  as_printed: null,
  kind: null,
  province: null,
  city: null,
  county: null,
  town: null,
  department: null,
  parent: null,
};

/** A file the CLI could not open: not a reader result, so its code is the CLI's own. */
export interface FileError {
  code: "FILE_NOT_FOUND" | "FILE_UNREADABLE";
  message: string;
}

export function formatParseLine(file: string, result: ReadResult | FileError): string {
  return formatParseLineParts(file, result).join("");
}

/**
 * The same line in pieces whose concatenation is the line: the cells, most of a line and plain ASCII, apart from
 * the agency and findings, which carry Chinese. A writer that encodes each piece on its own keeps the cells a
 * one-byte string; joined to the Chinese they become two-byte, and Node encodes two-byte strings to UTF-8 about
 * ten times slower (the parse CLI spent ~0.1 ms a report on it).
 */
export function formatParseLineParts(file: string, result: ReadResult | FileError): string[] {
  if (!("ok" in result) || !result.ok)
    return [
      JSON.stringify({
        file,
        ok: false,
        error: "ok" in result ? result.error : { code: result.code, message: result.message },
        agency: EMPTY_AGENCY,
        year: null,
        template: null,
        cells: {},
        findings: [],
      }),
    ];
  const { agency } = result;
  const head = JSON.stringify({
    file,
    ok: true,
    agency: {
      name: agency.name,
      as_printed: agency.as_printed,
      kind: agency.kind,
      province: agency.province,
      city: agency.city,
      county: agency.county,
      town: agency.town,
      department: agency.department,
      parent: agency.parent,
    },
    year: result.year,
    template: result.template,
  });
  const findings = result.findings.map(({ code, severity, kind, cells, message }) => ({
    code,
    severity,
    kind,
    cells,
    message,
  }));
  return [
    `${head.slice(0, -1)},"cells":`,
    JSON.stringify(result.cells),
    `,"findings":${JSON.stringify(findings)}}`,
  ];
}
