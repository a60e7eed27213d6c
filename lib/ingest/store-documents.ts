// Writes prepared documents (lib/ingest/prepare-document.ts) in the caller's transaction: their agencies,
// the Document rows (bytes and slim reading) and, for the accepted ones, their report versions through
// acceptReadings. Set-based: one upload or a batch of hundreds take the same statements; a batch sends its
// documents through COPY into a session-local staging table (the bytes stream instead of travelling as one
// huge parameter), one upload sends its row as parameters. Both then run the same INSERT … SELECT, so
// their rows are identical.
// The same bytes already stored (a concurrent upload committed first) are recognised by the unique
// sha256: that document is answered as the duplicate it is, and nothing of it is written.
import type pg from "pg";
import { copyRows, type CopyValue } from "@/lib/db/copy-rows";
import { emptySql, rawSql, runQuery, sql, type Sql } from "@/lib/db/sql";
import { acceptReadings, AGENCY_LOCK_SPACE } from "@/lib/ingest/accept-readings";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";
import { findDuplicates } from "@/lib/ingest/find-duplicate";
import type { IngestOutcome } from "@/lib/ingest/ingest-types";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { upsertAgencies } from "@/lib/ingest/upsert-agencies";

/** A turn among transactions: `start` waits for it, `end` passes it on (again: nothing). */
export interface Turn {
  start(): Promise<void>;
  end(): void;
}

const DOCUMENT_COLUMNS = [
  "sha256",
  "fileName",
  "mediaType",
  "size",
  "bytes",
  "uploadedById",
  "status",
  "errorCode",
  "errorMessage",
  "agencyId",
  "year",
  "agencyAsPrinted",
  "template",
  "readerVersion",
  "reading",
  "sourceUrl",
  "fetchedAt",
] as const;

const STAGING_TABLE = `CREATE TEMP TABLE IF NOT EXISTS "stage_document" (
  "n" INTEGER, "sha256" TEXT, "fileName" TEXT, "mediaType" TEXT, "size" INTEGER, "bytes" BYTEA,
  "uploadedById" TEXT, "status" TEXT, "errorCode" TEXT, "errorMessage" TEXT, "agencyId" INTEGER, "year" INTEGER,
  "agencyAsPrinted" TEXT, "template" TEXT, "readerVersion" INTEGER, "reading" JSONB,
  "sourceUrl" TEXT, "fetchedAt" TIMESTAMP(3)
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
    /**
     * Batches stored at once run their agencies' and documents' statements (rows inserted by unique
     * name, code and sha256) one batch at a time (bulk-writer.ts): this batch's turn.
     */
    turn?: Turn;
  } = {},
): Promise<IngestOutcome[]> {
  await options.turn?.start();
  const { byName, regionFilled, updated } = await upsertAgencies(
    client,
    documents.flatMap((d) => (d.agency && d.regionCodes ? [{ info: d.agency, codes: d.regionCodes }] : [])),
  );
  const agencyIds = documents.map((d) => (d.agency ? byName.get(d.agency.name)!.id : null));
  // One upload that becomes a report takes its agency's lock (accept-readings.ts) in the statement that
  // stores its document, right after the row is written — where it took it the statement after — one round
  // trip less. A batch takes its agencies' locks in id order in acceptReadings.
  const [only] = documents;
  const lockWithDocument =
    documents.length === 1 && only!.status === "accepted" && agencyIds[0] !== null && only!.year !== null;
  const inserted = await insertDocuments(client, documents, agencyIds, lockWithDocument);
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
      // Read when used: a document prepared in a reader thread makes its cells from cellRows on demand.
      get cells() {
        return document.cells;
      },
      cellRows: document.cellRows,
      findings: document.findings,
    })),
    {
      alsoRefreshAgencies: regionFilled,
      deferSummaries: options.deferSummaries,
      agenciesUnchanged: updated.length === 0,
      agencyLocked: lockWithDocument,
    },
  );
  accepted.forEach(({ index }, position) => {
    outcomes[index] = {
      ...outcomes[index]!,
      reportId: reports[position]!.id,
      versionNo: reports[position]!.versionNo,
    };
  });
  const missing = documents.filter((_, index) => !outcomes[index]).map((document) => document.sha256);
  const duplicates = await findDuplicates(client, missing);
  return outcomes.map((outcome, index) => outcome ?? duplicates.get(documents[index]!.sha256)!);
}

function documentRow(document: PreparedDocument, agencyId: number | null): CopyValue[] {
  return [
    document.sha256,
    document.fileName,
    document.mediaType,
    document.size,
    document.bytes,
    document.uploadedById,
    document.status,
    document.errorCode,
    document.errorMessage,
    agencyId,
    document.year,
    document.agencyAsPrinted,
    document.template,
    document.readerVersion,
    JSON.stringify(document.reading),
    document.sourceUrl,
    // UTC text: the column is a timestamp without time zone, as Prisma writes its DateTime fields.
    document.fetchedAt?.toISOString() ?? null,
  ];
}

// Evaluated for the row once written (none for a duplicate, which makes no report).
const LOCK_AGENCY = rawSql(`, pg_advisory_xact_lock(${AGENCY_LOCK_SPACE}::int, "agencyId") AS "locked"`);

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
  const rows = documents.map((document, index) => documentRow(document, agencyIds[index]!));
  const bytes = documents.reduce((sum, d) => sum + d.size, 0);
  let source: Sql;
  if (documents.length >= COPY_THRESHOLD_DOCUMENTS || bytes >= COPY_THRESHOLD_BYTES) {
    await client.query(STAGING_TABLE);
    await copyRows(
      client,
      { table: '"stage_document"', columns: ["n", ...DOCUMENT_COLUMNS].map((c) => `"${c}"`) },
      rows.map((row, index) => [index, ...row]),
    );
    source = rawSql(`"stage_document"`);
  } else {
    const column = (position: number) => rows.map((row) => row[position]);
    // node-postgres writes a Buffer inside an array as bytea; a plain Uint8Array it would not.
    const bytesColumn = documents.map((d) =>
      Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength),
    );
    source = sql`(SELECT * FROM unnest(${column(0)}::text[], ${column(1)}::text[], ${column(2)}::text[],
                   ${column(3)}::int[], ${bytesColumn}::bytea[], ${column(5)}::text[], ${column(6)}::text[],
                   ${column(7)}::text[], ${column(8)}::text[], ${column(9)}::int[], ${column(10)}::int[],
                   ${column(11)}::text[], ${column(12)}::text[], ${column(13)}::int[], ${column(14)}::jsonb[],
                   ${column(15)}::text[], ${column(16)}::timestamp(3)[])
                 WITH ORDINALITY AS u(${rawSql(DOCUMENT_COLUMNS.map((c) => `"${c}"`).join(", "))}, "n"))`;
  }
  const written = await runQuery<{ id: number; sha256: string }>(
    client,
    sql`${rawSql(INSERT_DOCUMENTS)}
        SELECT ${rawSql(SELECT_STAGED)} FROM ${source} AS s ORDER BY s."n"
        ON CONFLICT ("sha256") DO NOTHING
        RETURNING "id", "sha256"${lockAgency ? LOCK_AGENCY : emptySql}`,
  );
  return new Map(written.map((row) => [row.sha256, row.id]));
}
