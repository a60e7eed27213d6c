// Writes prepared documents (lib/ingest/prepare-document.ts) in the caller's transaction: their agencies,
// the Document rows (bytes and slim reading) and, for the accepted ones, their report versions through
// acceptReadings. Set-based: one upload or a batch of hundreds take the same statements; a batch sends its
// documents through COPY into a session-local staging table (the bytes stream instead of travelling as one
// huge parameter), one upload sends its row as parameters — with its agency's statements, inside one
// function call (write-upload-document.ts). All run the same INSERT … SELECT, so their rows are identical.
// The same bytes already stored (a concurrent upload committed first) are recognised by the unique
// sha256: that document is answered as the duplicate it is, and nothing of it is written.
import type pg from "pg";
import type { AuditEntry } from "@/lib/auth/audit";
import { COPY_CHUNK_BYTES, copyText, joinCopyChunks } from "@/lib/db/copy-rows";
import { emptySql, joinSql, rawSql, runQuery, sql, type Sql } from "@/lib/db/sql";
import { acceptReadings, AGENCY_LOCK_SPACE } from "@/lib/ingest/accept-readings";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";
import { findDuplicates } from "@/lib/ingest/find-duplicate";
import type { IngestOutcome } from "@/lib/ingest/ingest-types";
import {
  DOCUMENT_COLUMN_TYPES,
  DOCUMENT_COLUMNS,
  DOCUMENT_COPY_COLUMNS,
  documentCopyHead,
  documentRow,
  encodeDocumentCopyFields,
} from "@/lib/ingest/document-copy-row";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { upsertAgencies, type AgencyRef } from "@/lib/ingest/upsert-agencies";
import { canWriteUploadDocument, writeUploadDocument } from "@/lib/ingest/write-upload-document";

/** A turn among transactions: `start` waits for it, `end` passes it on (again: nothing). */
export interface Turn {
  start(): Promise<void>;
  end(): void;
}

/** The array type of each of documentColumns' arrays, in their order. */
export const DOCUMENT_ARRAY_TYPES = DOCUMENT_COLUMNS.map((column) => `${DOCUMENT_COLUMN_TYPES[column]}[]`);

const STAGING_TABLE = `CREATE TEMP TABLE IF NOT EXISTS "stage_document" (
  "n" int, ${DOCUMENT_COLUMNS.map((column) => `"${column}" ${DOCUMENT_COLUMN_TYPES[column]}`).join(", ")}
) ON COMMIT DELETE ROWS`;

// Above this many documents (or bytes) a batch stages its documents through COPY.
const COPY_THRESHOLD_DOCUMENTS = 8;
const COPY_THRESHOLD_BYTES = 4 * 1024 * 1024;

export async function storeDocuments(
  client: pg.PoolClient | pg.Client,
  documents: readonly PreparedDocument[],
  options: {
    /** Bulk imports collect the summaries' keys here and recompute them once at the end. */
    deferSummaries?: SummaryKey[];
    /** With deferSummaries: a batch keeps the summaries by difference where it can (acceptReadings). */
    summaryDifference?: boolean;
    /** With deferSummaries: the summaries are rebuilt at the load's end, no keys wanted (acceptReadings). */
    summariesRebuilt?: boolean;
    /**
     * Batches stored at once run their agencies' and documents' statements (rows inserted by unique
     * name, code and sha256) one batch at a time (bulk-writer.ts): this batch's turn.
     */
    turn?: Turn;
    /**
     * One upload's audit entry once its document and report are known: written with the report's last
     * statement when it becomes one (acceptReadings), and its outcome then comes with `detail`.
     */
    audit?: (written: { documentId: number; reportId: number }) => AuditEntry;
  } = {},
): Promise<IngestOutcome[]> {
  await options.turn?.start();
  const [only] = documents;
  // One upload's agency and document in one round trip (write-upload-document.ts), the same statements.
  const single =
    documents.length === 1 && only!.size < COPY_THRESHOLD_BYTES && (await canWriteUploadDocument(client));
  // One upload that becomes a report takes its agency's lock (accept-readings.ts) in the statement that
  // stores its document, right after the row is written — where it took it the statement after — one round
  // trip less. A batch takes its agencies' locks in id order in acceptReadings.
  const lockWithDocument =
    documents.length === 1 &&
    only!.status === "accepted" &&
    only!.agency !== null &&
    only!.regionCodes !== null &&
    only!.year !== null;
  const { regionFilled, updated, agencyIds, inserted } = single
    ? await writeOneDocument(client, only!, lockWithDocument)
    : await writeDocuments(client, documents, lockWithDocument);
  options.turn?.end();
  const outcomes: (IngestOutcome | null)[] = documents.map((document, index) => {
    const id = inserted.get(document.sha256);
    if (id === undefined) return null;
    return {
      duplicate: false,
      documentId: id,
      sha256: document.sha256,
      status: document.status,
      errorCode: document.errorCode,
      agencyId: agencyIds[index]!,
      year: document.year,
      reportId: null,
      versionNo: null,
    };
  });
  const accepted = documents.flatMap((document, index) => {
    const outcome = outcomes[index];
    if (!outcome || document.status !== "accepted" || outcome.agencyId === null || document.year === null)
      return [];
    return [{ index, document, outcome, agencyId: outcome.agencyId, year: document.year }];
  });
  const reports = await acceptReadings(
    client,
    accepted.map(({ document, outcome, agencyId, year }) => ({
      documentId: outcome.documentId,
      agencyId,
      year,
      template: document.template!,
      readerVersion: document.readerVersion,
      // Read when used: a document prepared in a reader thread makes its cells from its lines on demand.
      get cells() {
        return document.cells;
      },
      cellLines: document.copyLines?.cells,
      findings: document.findings,
    })),
    {
      alsoRefreshAgencies: regionFilled,
      deferSummaries: options.deferSummaries,
      summaryDifference: options.summaryDifference,
      summariesRebuilt: options.summariesRebuilt,
      agenciesUnchanged: updated.length === 0,
      agencyLocked: lockWithDocument,
      ...(options.audit && documents.length === 1 ? { audit: options.audit } : {}),
    },
  );
  accepted.forEach(({ index }, position) => {
    const { id, versionNo, detail } = reports[position]!;
    outcomes[index] = { ...outcomes[index]!, reportId: id, versionNo, ...(detail ? { detail } : {}) };
  });
  const missing = documents.filter((_, index) => !outcomes[index]).map((document) => document.sha256);
  const duplicates = await findDuplicates(client, missing);
  return outcomes.map((outcome, index) => outcome ?? duplicates.get(documents[index]!.sha256)!);
}

interface Written {
  byName: Map<string, AgencyRef>;
  regionFilled: number[];
  updated: number[];
  agencyIds: (number | null)[];
  /** The ids of the documents written, by sha256; a document missing from the map was already stored. */
  inserted: Map<string, number>;
}

/** The documents' agencies, then their rows (two or three round trips for a batch of any size). */
async function writeDocuments(
  client: pg.PoolClient | pg.Client,
  documents: readonly PreparedDocument[],
  lockAgency: boolean,
): Promise<Written> {
  const agencies = await upsertAgencies(
    client,
    documents.flatMap((d) => (d.agency && d.regionCodes ? [{ info: d.agency, codes: d.regionCodes }] : [])),
  );
  const agencyIds = documents.map((d) => (d.agency ? agencies.byName.get(d.agency.name)!.id : null));
  const inserted = await insertDocuments(client, documents, agencyIds, lockAgency);
  return { ...agencies, agencyIds, inserted };
}

/** The same for one document, in one round trip (write-upload-document.ts). */
async function writeOneDocument(
  client: pg.PoolClient | pg.Client,
  document: PreparedDocument,
  lockAgency: boolean,
): Promise<Written> {
  const { documentId, ...agencies } = await writeUploadDocument(client, { document, lockAgency });
  return {
    ...agencies,
    agencyIds: [document.agency ? agencies.byName.get(document.agency.name)!.id : null],
    inserted: new Map(documentId === null ? [] : [[document.sha256, documentId]]),
  };
}

// Evaluated for the row once written (none for a duplicate, which makes no report). Built when used:
// accept-readings.ts, which exports the key space, imports this module through the upload's functions.
const lockAgency = () => rawSql(`, pg_advisory_xact_lock(${AGENCY_LOCK_SPACE}::int, "agencyId") AS "locked"`);

const INSERT_DOCUMENTS = `INSERT INTO "Document" (${DOCUMENT_COLUMNS.map((c) => `"${c}"`).join(", ")})`;
const SELECT_STAGED = DOCUMENT_COLUMNS.map((c) =>
  c === "status" ? `s."status"::"DocumentStatus"` : `s."${c}"`,
).join(", ");

/** The ids of the documents written, by sha256; a document missing from the map was already stored. */
async function insertDocuments(
  client: pg.PoolClient | pg.Client,
  documents: readonly PreparedDocument[],
  agencyIds: readonly (number | null)[],
  /** Also take the agency lock of the (one) document written. */
  lockAgency: boolean,
): Promise<Map<string, number>> {
  const bytes = documents.reduce((sum, d) => sum + d.size, 0);
  let source: Sql;
  if (documents.length >= COPY_THRESHOLD_DOCUMENTS || bytes >= COPY_THRESHOLD_BYTES) {
    await client.query(STAGING_TABLE);
    await copyText(
      client,
      { table: '"stage_document"', columns: DOCUMENT_COPY_COLUMNS.map((c) => `"${c}"`) },
      joinCopyChunks(documentCopyLines(documents, agencyIds), COPY_CHUNK_BYTES),
    );
    source = rawSql(`"stage_document"`);
  } else source = documentsSourceSql(documentColumns(documents, agencyIds));
  const written = await runQuery<{ id: number; sha256: string }>(
    client,
    insertDocumentsSql(source, lockAgency),
  );
  return new Map(written.map((row) => [row.sha256, row.id]));
}

/**
 * Each document's COPY line as its parts: its number and agency id, then its fields — made in the reader
 * thread for a file of an import (document-copy-row.ts), here for the others.
 */
function* documentCopyLines(
  documents: readonly PreparedDocument[],
  agencyIds: readonly (number | null)[],
): Generator<Uint8Array> {
  for (const [index, document] of documents.entries()) {
    yield Buffer.from(documentCopyHead(index, agencyIds[index]!), "latin1");
    yield document.copyLines?.document ?? encodeDocumentCopyFields(document);
  }
}

/** The documents' rows as one array per column of DOCUMENT_COLUMNS (what documentsSourceSql takes). */
export function documentColumns(
  documents: readonly PreparedDocument[],
  agencyIds: readonly (number | null)[],
): unknown[][] {
  const rows = documents.map((document, index) => documentRow(document, agencyIds[index]!));
  return DOCUMENT_COLUMNS.map((column, position) =>
    // node-postgres writes a Buffer inside an array as bytea; a plain Uint8Array it would not.
    column === "bytes"
      ? documents.map((d) => Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength))
      : rows.map((row) => row[position]),
  );
}

/** The documents from one array per column (`columns`: what documentColumns gives), as a row source `s`. */
export function documentsSourceSql(columns: readonly unknown[]): Sql {
  return sql`(SELECT * FROM unnest(${typedDocumentArrays(columns)})
                 WITH ORDINALITY AS u(${rawSql(DOCUMENT_COLUMNS.map((c) => `"${c}"`).join(", "))}, "n"))`;
}

/** documentColumns' arrays, each cast to its type: `$1::text[], $2::text[], …`. */
export function typedDocumentArrays(columns: readonly unknown[]): Sql {
  return joinSql(columns.map((column, index) => sql`${column}::${rawSql(DOCUMENT_ARRAY_TYPES[index]!)}`));
}

/** The INSERT of the documents of `source` (stage_document's columns), the written ones' ids returned. */
export function insertDocumentsSql(source: Sql, withLock: boolean): Sql {
  return sql`${rawSql(INSERT_DOCUMENTS)}
        SELECT ${rawSql(SELECT_STAGED)} FROM ${source} AS s ORDER BY s."n"
        ON CONFLICT ("sha256") DO NOTHING
        RETURNING "id", "sha256"${withLock ? lockAgency() : emptySql}`;
}
