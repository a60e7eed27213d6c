// A synthetic reading as the bulk path stores it, without prepareDocument's walk of its cells: the generator
// knows its cells are the template's catalogue ids with finite numbers (or blank), no raw texts and no
// inferred cells, so their COPY lines (cell-copy-rows.ts, in UTF-8 as a reader thread encodes an imported
// file's) are written straight from its numbers — no PreparedCell objects, no record of 200 keys, no map
// lookup per cell — and the rest of the document comes from prepareDocument itself (a reading without cells).
// The rows stored are those prepareDocument would give (generate-synthetic-documents.test.ts compares both
// ways); numbers this does not cover (a value prepareDocument flags as out of range) go through prepareDocument.
//   const document = prepareGeneratedDocument(upload, readingWithoutCells, sha256, { keys, values });
//   document.copyLines.cells;   // "0000000000\t1\tf\t0\t\\N\t\\N\n…" as UTF-8 (the report id written in later)
import { CopyBytes } from "@/lib/db/copy-bytes";
import { parseCellCopyLines, REPORT_ID_WIDTH, type CellCopyLines } from "@/lib/ingest/cell-copy-rows";
import { getCellNo } from "@/lib/ingest/cell-numbers";
import type { IngestInput } from "@/lib/ingest/ingest-types";
import {
  MAX_ABS_VALUE,
  prepareDocument,
  type PreparedCell,
  type PreparedDocument,
} from "@/lib/ingest/prepare-document";
import type { ReadSuccess } from "@/lib/reader/types";
import { cellRecord, type TemplateKeys } from "@/lib/synthetic/generate-cells";

const encoder = new TextEncoder();
/** A line up to the value, "0000000000\tcellNo\tf\t" (never inferred here), as bytes. */
const lineHead = (cellNo: number) => encoder.encode(`${"0".repeat(REPORT_ID_WIDTH)}\t${cellNo}\tf\t`);
/** What follows the value: no raw text, then the unit — none ("\\N") for all but one or two cells a report. */
const NO_RAW_TEXT = encoder.encode("\t\\N\t");
const NO_UNIT = encoder.encode("\\N\n");
// One buffer for every report's lines (finish copies them out: CopyBytes.reset).
const scratch = new CopyBytes(8 * 1024);

/**
 * The document of `reading` (without cells) whose cells are numbers by position in the template's ids
 * (`keys.ids`; NaN for a blank cell): the same document as prepareDocument of the reading with those cells.
 */
export function prepareGeneratedDocument(
  upload: IngestInput,
  reading: ReadSuccess,
  sha256: string,
  cells: { keys: TemplateKeys; values: Float64Array },
): PreparedDocument {
  const lines = encodeGeneratedCells(reading, cells.keys, cells.values);
  if (lines === null)
    return prepareDocument(upload, { ...reading, cells: cellRecord(cells.keys, cells.values) }, sha256);
  return withLines(prepareDocument(upload, reading, sha256), lines);
}

function withLines(prepared: PreparedDocument, lines: CellCopyLines): PreparedDocument {
  let cells: PreparedCell[] | undefined;
  // As a document prepared in a reader thread (prepare-in-thread.ts): the cells only when asked for. The
  // lines are not enumerable: a copy made by spreading ({ ...document, cells }) takes the cells, not the
  // lines, so a copy with other cells stores its own cells rather than the original's lines. The getter is
  // added to a copy without `cells`: turning the existing data property into an accessor made V8 keep the
  // document as a dictionary (slow properties) — larger, every field read in the batch a hash lookup.
  const { cells: _empty, ...rest } = prepared;
  return Object.defineProperties(rest as PreparedDocument, {
    cells: { enumerable: true, get: () => (cells ??= parseCellCopyLines(lines)) },
    copyLines: { enumerable: false, value: { cells: lines } },
  });
}

/** Per template: each position's line head (the ids are in catalogue order, so the lines' order). */
const HEADS = new Map<TemplateKeys, readonly Uint8Array[]>();

function encodeGeneratedCells(
  reading: ReadSuccess,
  keys: TemplateKeys,
  values: Float64Array,
): CellCopyLines | null {
  if (reading.inferred.length > 0) return null;
  for (const id in reading.rawText) if (Object.hasOwn(reading.rawText, id)) return null;
  let heads = HEADS.get(keys);
  if (heads === undefined) {
    heads = keys.ids.map((id) => lineHead(getCellNo(id)));
    HEADS.set(keys, heads);
  }
  const { units } = reading;
  // The positions that have a unit (one or two a report), in `units`' order; an id not in the template has
  // no cell, so no line to carry it (as prepareDocument, which stores units only with their cells).
  let unitAt = -1;
  let unitAt2 = -1;
  for (const id in units) {
    const position = keys.position.get(id);
    if (position === undefined) continue;
    if (unitAt === -1) unitAt = position;
    else if (unitAt2 === -1) unitAt2 = position;
    else return null;
  }
  const count = keys.ids.length;
  const out = scratch;
  out.reset();
  for (let position = 0; position < count; position += 1) {
    const value = values[position]!;
    const blank = Number.isNaN(value);
    if (!blank && !(Math.abs(value) < MAX_ABS_VALUE)) return null;
    const unit = position === unitAt || position === unitAt2 ? (units[keys.ids[position]!] ?? null) : null;
    writeLine(out, heads[position]!, blank ? null : value, unit);
  }
  return { bytes: out.finish(), count };
}

function writeLine(out: CopyBytes, head: Uint8Array, value: number | null, unit: string | null): void {
  out.raw(head);
  // As String(value), which prepareCells stores: numeric text, nothing to escape.
  if (value === null) out.field(null);
  else out.number(value);
  out.raw(NO_RAW_TEXT);
  if (unit !== null) {
    out.field(unit);
    out.end();
  } else out.raw(NO_UNIT);
}
