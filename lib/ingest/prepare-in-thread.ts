// A document read and prepared in a reader thread (an import: lib/ingest/import-files.ts), as it travels
// back to the main thread: everything prepareDocument gives but the bytes (the main thread has them) and
// the cells, with what the bulk path COPYs for it made here, in UTF-8, in one buffer moved (not copied) to
// the main thread — the document's staging row (document-copy-row.ts) and its cell lines
// (cell-copy-rows.ts). The extracted text, the raw texts and units by cell id stay in the thread. The main
// thread then takes in a few hundred bytes of fields per file and no longer sanitises, prepares, formats or
// encodes anything itself: it puts the row's number, the agency id and the report id in front of the
// bytes. The rows written are the same (prepareDocument runs, only elsewhere).
//   worker:  return prepareAndPackDocument(input, await readReport(bytes, fileName), sha256);
//            (with transferOf(packed) as the answer's transfer list)
//   main:    const document = unpackPreparedDocument(packed, bytes);
import { CopyBytes } from "@/lib/db/copy-bytes";
import { appendCellCopyLines, parseCellCopyLines } from "@/lib/ingest/cell-copy-rows";
import { appendDocumentCopyFields } from "@/lib/ingest/document-copy-row";
import type { IngestInput } from "@/lib/ingest/ingest-types";
import {
  appendCellLinesOfReading,
  prepareDocumentWithCells,
  type PreparedCell,
  type PreparedDocument,
} from "@/lib/ingest/prepare-document";
import { READER_VERSION } from "@/lib/reader/reader-version";
import type { ReadResult } from "@/lib/reader/types";

export type PackedDocument = Omit<PreparedDocument, "bytes" | "cells" | "copyLines"> & {
  /** The document's COPY fields, then its cell lines, in one buffer. */
  copy: Uint8Array;
  documentBytes: number;
  cellCount: number;
};

/** What a reader thread answers: the packed document, or the reading when preparing it threw. */
export type PreparedInThread = { packed: PackedDocument } | { reading: ReadResult };

export function packPreparedDocument(document: PreparedDocument): PackedDocument {
  cellScratch.reset();
  appendCellCopyLines(cellScratch, document.cells);
  return pack(document, document.cells.length);
}

/**
 * packPreparedDocument(prepareDocument(upload, reading, sha256)), the same bytes and fields, in less CPU:
 * the cells go from the reading straight into their lines (appendCellLinesOfReading: no PreparedCell per
 * cell, ~200 a file).
 */
export function prepareAndPackDocument(
  upload: IngestInput,
  reading: ReadResult,
  sha256: string,
): PackedDocument {
  cellScratch.reset();
  const cells = appendCellLinesOfReading(cellScratch, reading);
  return pack(
    prepareDocumentWithCells(upload, reading, sha256, READER_VERSION, [], cells.findings),
    cells.count,
  );
}

// One buffer for the document's fields and one for its cells' lines (written first: the fields need the
// cells' findings), reused for every document this thread packs.
const scratch = new CopyBytes();
const cellScratch = new CopyBytes();

/** The document's fields, picked (not spread), and one buffer: its COPY fields, then cellScratch's lines. */
function pack(d: PreparedDocument, cellCount: number): PackedDocument {
  scratch.reset();
  appendDocumentCopyFields(scratch, d);
  const documentBytes = scratch.length;
  const copy = new Uint8Array(documentBytes + cellScratch.length);
  copy.set(scratch.written(), 0);
  copy.set(cellScratch.written(), documentBytes);
  return {
    sha256: d.sha256,
    fileName: d.fileName,
    mediaType: d.mediaType,
    size: d.size,
    uploadedById: d.uploadedById,
    sourceUrl: d.sourceUrl,
    fetchedAt: d.fetchedAt,
    status: d.status,
    errorCode: d.errorCode,
    errorMessage: d.errorMessage,
    agencyAsPrinted: d.agencyAsPrinted,
    template: d.template,
    year: d.year,
    readerVersion: d.readerVersion,
    reading: d.reading,
    agency: d.agency,
    regionCodes: d.regionCodes,
    findings: d.findings,
    copy,
    documentBytes,
    cellCount,
  };
}

/** The buffers to move with an answer (each packed document's one buffer, which it owns). */
export function transferOf(answers: readonly PreparedInThread[]): ArrayBuffer[] {
  return answers.flatMap((answer) => ("packed" in answer ? [answer.packed.copy.buffer as ArrayBuffer] : []));
}

/**
 * The prepared document again. Its cells are parsed from their lines only when something asks for them (a
 * batch small enough to insert its cells without COPY, a batch split after a failure): the COPY of a
 * batch uses the bytes as they are.
 */
export function unpackPreparedDocument(packed: PackedDocument, bytes: Uint8Array): PreparedDocument {
  const { copy, documentBytes, cellCount, ...rest } = packed;
  const copyLines = {
    document: copy.subarray(0, documentBytes),
    cells: { bytes: copy.subarray(documentBytes), count: cellCount },
  };
  let cells: PreparedCell[] | undefined;
  // The lines not enumerable: a copy spread with other fields (a refusal, other cells) gets none of them.
  return Object.defineProperties({ ...rest, bytes } as PreparedDocument, {
    cells: { enumerable: true, get: () => (cells ??= parseCellCopyLines(copyLines.cells)) },
    copyLines: { enumerable: false, value: copyLines },
  });
}
