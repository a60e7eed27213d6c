// The reader's one entry point: bytes → extract → find tables → map cells → check → resolve agency.
// Never throws: an unexpected failure is answered as CORRUPT_FILE, so one bad file never stops a batch, and is
// passed to onUnexpectedError listeners (unexpected-errors.ts) so it is never silently swallowed.
import type { ExtractedDocument, ReadError, ReadResult, TextRow } from "@/lib/reader/types";
import { extractDocument } from "@/lib/reader/extract/extract-document";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { resolveAgency } from "@/lib/reader/region/resolve-agency";
import { readDocument, type DocumentReading } from "./read-document";
import { reportUnexpectedError } from "./unexpected-errors";

type ReadOptions = Parameters<typeof readDocument>[1];

/** Findings that say the tables were not read cleanly. Blank cells are not among them: they are printed so. */
const READING_DOUBTS = new Set([
  "LABEL_UNMATCHED",
  "ROW_SHORT",
  "ROW_LONG",
  "DIGITS_AMBIGUOUS",
  "DIGITS_WRAPPED",
  "SUM_BOUND_BROKEN",
]);
/** Findings that send a PDF to its second reading: any trouble in the tables, blanks included. */
const TABLE_TROUBLE = new Set([
  ...READING_DOUBTS,
  "TABLE_MISSING",
  "ROW_EMPTY",
  "CELL_BLANK",
  "VALUE_INFERRED",
]);

export async function readReport(
  bytes: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  try {
    const extracted = await extractDocument(bytes, fileName);
    if ("ok" in extracted) return extracted;
    const { reading } = await readBestReading(extracted, options);
    if (reading.ok === false) return reading;
    const resolved = resolveAgency({ asPrinted: reading.agencyAsPrinted, text: reading.text });
    // Written out rather than spread from the reading (an object rest, a spread and two copies cost ≈ 3 % of a
    // text read): the reading's keys in its order, then the agency's — the order the spread gave. The agency
    // resolved keeps the name as printed (its as_printed is asPrinted), and the reading's findings are its own
    // fresh list.
    for (const finding of resolved.findings) reading.findings.push(finding);
    return {
      ok: true,
      mediaType: reading.mediaType,
      year: reading.year,
      template: reading.template,
      cells: reading.cells,
      rawText: reading.rawText,
      inferred: reading.inferred,
      units: reading.units,
      findings: reading.findings,
      text: reading.text,
      agency: resolved.agency,
      regionCodes: resolved.regionCodes,
    };
  } catch (error) {
    reportUnexpectedError(error, "readReport");
    return makeReadError("CORRUPT_FILE", null);
  }
}

/**
 * A PDF's rows are first grouped line by line (fast, exact for most exports). When that leaves its tables in
 * doubt — blank cells printed for zeros, numbers wrapped in narrow cells — the pages are read again by their ruled
 * tables, and the reading with fewer doubts is kept (the ruled one when equal: its cells are the printed ones).
 * Returns the rows the kept reading came from, so that lib/reader/locate finds its cells in the same rows.
 */
export async function readBestReading(
  extracted: ExtractedDocument,
  options: ReadOptions = {},
): Promise<{ reading: DocumentReading | ReadError; rows: TextRow[] }> {
  const first = { reading: readDocument(extracted, options), rows: extracted.rows };
  if (!extracted.regrid || !leavesTablesInDoubt(first.reading)) return first;
  try {
    const rows = await extracted.regrid();
    if (!rows) return first;
    const second = readDocument({ mediaType: extracted.mediaType, rows }, options);
    return countDoubts(second) <= countDoubts(first.reading) ? { reading: second, rows } : first;
  } catch (error) {
    // The first reading stands: a failure of the second is ours to fix, not a reason to lose the report.
    reportUnexpectedError(error, "readBestReading");
    return first;
  }
}

function leavesTablesInDoubt(reading: DocumentReading | ReadError): boolean {
  if (reading.ok === false) return true;
  return reading.findings.some(
    (finding) => finding.kind === "inconsistent" || TABLE_TROUBLE.has(finding.code),
  );
}

/** Broken sums weigh most, then a missing table, then each cell whose reading is in doubt. */
function countDoubts(reading: DocumentReading | ReadError): number {
  if (reading.ok === false) return Number.POSITIVE_INFINITY;
  let score = 0;
  const doubted = new Set<string>();
  for (const finding of reading.findings) {
    if (finding.kind === "inconsistent") score += 10_000;
    else if (finding.code === "TABLE_MISSING") score += 1_000;
    else if (READING_DOUBTS.has(finding.code)) {
      for (const id of finding.cells) doubted.add(id);
      if (finding.cells.length === 0) doubted.add(`${finding.code}:${finding.message}`);
    }
  }
  return score + doubted.size;
}
