// Everything ingestion writes for one file, worked out before any database round trip: the document row
// (sanitised names and reading), its classification, and — for a reading with cells — the cell rows keyed
// by cell number. Both paths (one upload in its own transaction, a bulk batch through COPY) write exactly
// these values, which is what makes their rows identical.
import type { CopyBytes } from "@/lib/db/copy-bytes";
import { appendCellCopyLines, REPORT_ID_WIDTH, type CellCopyLines } from "@/lib/ingest/cell-copy-rows";
import { CELL_DEFINITIONS, findCellNo } from "@/lib/ingest/cell-numbers";
import { classifyReadResult } from "@/lib/ingest/classify-read-result";
import type { IngestInput } from "@/lib/ingest/ingest-types";
import { sanitizeJson, sanitizeText } from "@/lib/ingest/sanitize-for-postgres";
import { toStoredReading, type StoredReading } from "@/lib/ingest/stored-reading";
import { READER_VERSION } from "@/lib/reader/reader-version";
import type { DocumentStatus } from "@/lib/generated/prisma/client";
import type { AgencyInfo, Finding, ReadResult, RegionCodes, TemplateVersion } from "@/lib/reader/types";

/** DECIMAL(20, 4) holds 16 digits before the point; a reading beyond that is a misreading, kept as text. */
export const MAX_ABS_VALUE = 1e16;

export interface PreparedCell {
  cellNo: number;
  /** The value as PostgreSQL numeric text (String(number)), null = not printed. */
  value: string | null;
  /** The printed text, only where it differs from the value's own text. */
  rawText: string | null;
  inferred: boolean;
  unit: string | null;
}

export interface PreparedDocument {
  sha256: string;
  fileName: string;
  mediaType: string | null;
  size: number;
  bytes: Uint8Array;
  uploadedById: string | null;
  sourceUrl: string | null;
  fetchedAt: Date | null;
  status: DocumentStatus;
  errorCode: string | null;
  errorMessage: string | null;
  agencyAsPrinted: string | null;
  template: TemplateVersion | null;
  year: number | null;
  readerVersion: number;
  reading: StoredReading;
  /** The agency to file the report under (null when the reader could not name it). */
  agency: (AgencyInfo & { name: string }) | null;
  regionCodes: RegionCodes | null;
  cells: PreparedCell[];
  /**
   * The document's staging row and its cells as the bulk path COPYs them, encoded where the document was
   * prepared — a reader thread (prepare-in-thread.ts: both) or the synthetic generator
   * (prepare-synthetic-document.ts: the cells) — its fields (document-copy-row.ts) and its cell lines
   * (cell-copy-rows.ts). Not enumerable: a copy spread with other fields or cells must not take stale lines.
   */
  copyLines?: { document?: Uint8Array; cells: CellCopyLines };
  /** The reader's findings, plus those ingestion adds (a value out of range). */
  findings: Finding[];
}

export function prepareDocument(
  upload: IngestInput,
  reading: ReadResult,
  sha256: string,
  readerVersion: number = READER_VERSION,
): PreparedDocument {
  const prepared = prepareCells(reading);
  return prepareDocumentWithCells(upload, reading, sha256, readerVersion, prepared.cells, prepared.findings);
}

/**
 * prepareDocument's document for cells prepared elsewhere (`cells`, and `cellFindings` their findings): a
 * reader thread writes the cells straight into their COPY lines (appendCellLinesOfReading) and passes none.
 */
export function prepareDocumentWithCells(
  upload: IngestInput,
  reading: ReadResult,
  sha256: string,
  readerVersion: number,
  cells: PreparedCell[],
  cellFindings: Finding[],
): PreparedDocument {
  // Strings PostgreSQL would refuse (NUL, lone surrogates) must not cost the upload; the bytes stay exact.
  // Only what is stored is cleaned — the slim reading here, the cells' texts in prepareCells — not the
  // extracted text or the cell maps the reading also carries (a third of preparing a file, for nothing).
  const stored = sanitizeJson(toStoredReading(reading, cellFindings)) as StoredReading;
  const { status, errorCode, mediaType } = classifyReadResult(stored);
  return {
    sha256,
    fileName: sanitizeText(upload.fileName),
    mediaType: mediaType ?? upload.mediaType ?? null,
    size: upload.bytes.byteLength,
    bytes: upload.bytes,
    uploadedById: upload.uploadedById ?? null,
    sourceUrl: upload.source?.url ?? null,
    fetchedAt: upload.source?.fetchedAt ?? null,
    status,
    errorCode,
    errorMessage: stored.ok ? null : stored.error.message,
    agencyAsPrinted: stored.ok ? stored.agency.as_printed : null,
    template: stored.ok ? stored.template : null,
    year: stored.ok ? stored.year : null,
    readerVersion,
    reading: stored,
    agency: stored.ok && stored.agency.name ? { ...stored.agency, name: stored.agency.name } : null,
    regionCodes: stored.ok ? stored.regionCodes : null,
    cells,
    findings: stored.ok ? stored.findings : [],
  };
}

function prepareCells(result: ReadResult): { cells: PreparedCell[]; findings: Finding[] } {
  if (!result.ok) return { cells: [], findings: [] };
  const inferred = new Set(result.inferred);
  const findings: Finding[] = [];
  const cells: PreparedCell[] = [];
  const unknown: string[] = [];
  // for…in, not Object.entries: no pair array per cell (this runs for every file imported).
  for (const cellId in result.cells) {
    const read = result.cells[cellId] as number | null;
    const cellNo = findCellNo(cellId);
    if (cellNo === undefined) {
      unknown.push(sanitizeText(cellId));
      continue;
    }
    const finite = read !== null && Number.isFinite(read);
    const inRange = finite && Math.abs(read) < MAX_ABS_VALUE;
    if (finite && !inRange) findings.push(outOfRange(cellId, read));
    const value = inRange ? String(read) : null;
    const raw = result.rawText[cellId];
    const printed = raw === undefined ? null : sanitizeText(raw);
    const unit = result.units[cellId];
    cells.push({
      cellNo,
      value,
      rawText: printed === value ? null : printed,
      inferred: inferred.has(cellId),
      unit: unit == null ? null : sanitizeText(unit),
    });
  }
  // The catalogue is the contract of the database keys: a reader that invents ids is a bug, not bad input.
  if (unknown.length > 0)
    throw new Error(`The reading has cell ids outside spec/cells.json: ${unknown.join(", ")}`);
  return { cells, findings };
}

// Each cell's line: the report id's zeros, the cell number and a tab, made once per cell number.
const LINE_HEADS = CELL_DEFINITIONS.map(({ cellNo }) =>
  new TextEncoder().encode(`${"0".repeat(REPORT_ID_WIDTH)}\t${cellNo}\t`),
);

/**
 * The reading's cells written straight into their COPY lines at the end of `out` — the lines
 * appendCellCopyLines writes for prepareCells' cells, byte for byte, without a PreparedCell per cell (a
 * reader thread needs only the lines). Returns the cells' findings and how many lines were written. A
 * reading whose cells are not in catalogue order, or hold an id outside it, goes through prepareCells.
 */
export function appendCellLinesOfReading(
  out: CopyBytes,
  result: ReadResult,
): { findings: Finding[]; count: number } {
  if (!result.ok) return { findings: [], count: 0 };
  const { cells, rawText, units, inferred } = result;
  const findings: Finding[] = [];
  const start = out.length;
  let count = 0;
  let last = 0;
  for (const cellId in cells) {
    const cellNo = findCellNo(cellId);
    if (cellNo === undefined || cellNo <= last) {
      out.length = start; // what was written of the lines, undone
      const prepared = prepareCells(result);
      appendCellCopyLines(out, prepared.cells);
      return { findings: prepared.findings, count: prepared.cells.length };
    }
    last = cellNo;
    const read = cells[cellId] as number | null;
    const finite = read !== null && Number.isFinite(read);
    const inRange = finite && Math.abs(read) < MAX_ABS_VALUE;
    if (finite && !inRange) findings.push(outOfRange(cellId, read));
    out.raw(LINE_HEADS[cellNo - 1]!);
    // A reading infers few cells, most none: a search of the array, no Set per file.
    out.field(inferred.length > 0 && inferred.includes(cellId));
    out.tab();
    // value is numeric text (String of a finite number): nothing in it needs escaping.
    const value = inRange ? String(read) : null;
    if (value === null) out.field(null);
    else out.ascii(value);
    out.tab();
    // The printed text is mostly the value's own (digits: nothing to clean) — compared before cleaning.
    const raw = rawText[cellId];
    const printed = raw === undefined ? null : raw === value ? value : sanitizeText(raw);
    out.field(printed === value ? null : printed);
    out.tab();
    const unit = units[cellId];
    out.field(unit == null ? null : sanitizeText(unit));
    out.end();
    count += 1;
  }
  return { findings, count };
}

function outOfRange(cellId: string, value: number): Finding {
  return {
    code: "VALUE_OUT_OF_RANGE",
    severity: "warning",
    kind: "uncertain",
    cells: [cellId],
    message: `读出的数字 ${value} 超出可存储范围，已按未读出保存（原文保留），请核对原文。`,
  };
}
