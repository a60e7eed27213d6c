// A document read and prepared in a reader thread (an import: lib/ingest/import-files.ts), as it travels
// back to the main thread: everything prepareDocument gives but the bytes (the main thread has them) and
// the cells, which come as their COPY lines (cell-copy-rows.ts) — one string instead of 200 objects. The
// extracted text, the raw texts and units by cell id stay in the thread. The main thread then has to take
// in a few KB of strings per file rather than the whole reading, and no longer sanitises, prepares or
// formats the cells itself; the rows written are the same (prepareDocument runs, only elsewhere).
//   worker:  return packPreparedDocument(prepareDocument(input, await readReport(bytes, fileName), sha256));
//   main:    const document = unpackPreparedDocument(packed, bytes);
import { formatCellCopyRows, parseCellCopyRows } from "@/lib/ingest/cell-copy-rows";
import type { PreparedCell, PreparedDocument } from "@/lib/ingest/prepare-document";
import type { ReadResult } from "@/lib/reader/types";

export type PackedDocument = Omit<PreparedDocument, "bytes" | "cells" | "cellRows"> & { cellRows: string };

/** What a reader thread answers: the packed document, or the reading when preparing it threw. */
export type PreparedInThread = { packed: PackedDocument } | { reading: ReadResult };

export function packPreparedDocument(document: PreparedDocument): PackedDocument {
  const { bytes: _bytes, cells, cellRows: _rows, ...rest } = document;
  return { ...rest, cellRows: formatCellCopyRows(cells) };
}

/**
 * The prepared document again. Its cells are parsed from their lines only when something asks for them (a
 * batch small enough to insert its cells without COPY, a batch split after a failure): the COPY of a
 * batch uses the lines as they are.
 */
export function unpackPreparedDocument(packed: PackedDocument, bytes: Uint8Array): PreparedDocument {
  let cells: PreparedCell[] | undefined;
  return Object.defineProperty({ ...packed, bytes } as PreparedDocument, "cells", {
    enumerable: true,
    get: () => (cells ??= parseCellCopyRows(packed.cellRows)),
  });
}
