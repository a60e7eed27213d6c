// `npm run reread`: every stored document read again with the current reader (those read by an older reader
// version, or all of them), so an improved reader improves what is already in the database.
//   const summary = await rereadDocuments(db, { all: false, onDocument });
// Per document, in its own transaction:
//   - cells unchanged (and the same agency, year, template) → only the reading and reader version are
//     updated: no new version;
//   - cells changed, or a document that was rejected or incomplete is now read as a report → a new report
//     version from the same document becomes current, with staff corrections of the version it replaces
//     carried over (staff's word wins over any reader) and findings and the read model following;
//   - the document's report was superseded by a later upload → the reading is updated, no version is made
//     (the later upload stays current);
//   - the new reader reads less than the old one (an accepted report now rejected or incomplete) → nothing
//     changes, and the document is reported for a person to look at.
import type pg from "pg";
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql, withTransaction, type SqlClient } from "@/lib/db/sql";
import type { DocumentStatus } from "@/lib/generated/prisma/client";
import { acceptReadings } from "@/lib/ingest/accept-readings";
import { applyCorrections } from "@/lib/ingest/correct-cell";
import { prepareDocument, type PreparedCell, type PreparedDocument } from "@/lib/ingest/prepare-document";
import { readInWorker } from "@/lib/ingest/reader-pool";
import { upsertAgencies } from "@/lib/ingest/upsert-agencies";
import { READER_VERSION } from "@/lib/reader/reader-version";
import type { TemplateVersion } from "@/lib/reader/types";

export type RereadOutcome = "unchanged" | "new_version" | "status_changed" | "superseded" | "regressed";

export interface RereadSummary {
  examined: number;
  byOutcome: Record<RereadOutcome, number>;
}

const PAGE = 50;

export async function rereadDocuments(
  db: Db,
  options: {
    all?: boolean;
    onDocument?: (document: { id: number; fileName: string; outcome: RereadOutcome }) => void;
  } = {},
): Promise<RereadSummary> {
  const pool = getPool(db);
  const summary: RereadSummary = {
    examined: 0,
    byOutcome: { unchanged: 0, new_version: 0, status_changed: 0, superseded: 0, regressed: 0 },
  };
  const below = options.all ? 2 ** 31 - 1 : READER_VERSION;
  let after = 0;
  for (;;) {
    const page = await runQuery<{
      id: number;
      fileName: string;
      bytes: Buffer;
      sha256: string;
      mediaType: string | null;
      uploadedById: string | null;
    }>(
      pool,
      sql`SELECT "id", "fileName", "bytes", "sha256", "mediaType", "uploadedById" FROM "Document"
           WHERE "id" > ${after}::int AND "readerVersion" < ${below}::int ORDER BY "id" LIMIT ${PAGE}::int`,
    );
    if (page.length === 0) break;
    after = page.at(-1)!.id;
    // Read a page on every core, then write each document in its own transaction.
    const readings = await Promise.all(
      page.map((document) => readInWorker(document.bytes, document.fileName)),
    );
    for (const [index, document] of page.entries()) {
      const prepared = prepareDocument(
        {
          bytes: document.bytes,
          fileName: document.fileName,
          mediaType: document.mediaType,
          uploadedById: document.uploadedById,
        },
        readings[index]!,
        document.sha256,
      );
      const outcome = await withTransaction(pool, (client) => rereadOne(client, document.id, prepared));
      summary.examined += 1;
      summary.byOutcome[outcome] += 1;
      options.onDocument?.({ id: document.id, fileName: document.fileName, outcome });
    }
  }
  return summary;
}

interface StoredState {
  status: DocumentStatus;
  reportId: number | null;
  agencyId: number | null;
  year: number | null;
  template: TemplateVersion | null;
  isCurrent: boolean | null;
}

async function rereadOne(
  client: pg.PoolClient,
  documentId: number,
  prepared: PreparedDocument,
): Promise<RereadOutcome> {
  // Locked, so a concurrent completion or reread of the same document waits for this one.
  const [state] = await runQuery<StoredState>(
    client,
    sql`SELECT d."status", r."id" AS "reportId", r."agencyId", r."year", r."template", r."isCurrent"
          FROM "Document" d
          LEFT JOIN LATERAL (SELECT * FROM "Report" WHERE "documentId" = d."id" ORDER BY "versionNo" DESC LIMIT 1) r ON true
         WHERE d."id" = ${documentId}::int
           FOR UPDATE OF d`,
  );
  const wasAccepted = state!.status === "accepted";
  if (wasAccepted && prepared.status !== "accepted") return "regressed";
  const agencies = prepared.agency
    ? await upsertAgencies(client, [{ info: prepared.agency, codes: prepared.regionCodes! }])
    : null;
  const agencyId = prepared.agency ? agencies!.byName.get(prepared.agency.name)!.id : null;
  const sameReport =
    wasAccepted &&
    state!.agencyId === agencyId &&
    state!.year === prepared.year &&
    state!.template === prepared.template &&
    (await cellsEqual(client, state!.reportId!, prepared.cells));
  const superseded = wasAccepted && !state!.isCurrent;
  const makeVersion = prepared.status === "accepted" && !sameReport && !superseded;
  await updateDocument(client, documentId, prepared, agencyId);
  if (sameReport) {
    await runQuery(
      client,
      sql`UPDATE "Report" SET "readerVersion" = ${prepared.readerVersion}::int WHERE "id" = ${state!.reportId}::int`,
    );
    return "unchanged";
  }
  if (superseded) return "superseded";
  if (!makeVersion) return prepared.status === state!.status ? "unchanged" : "status_changed";
  const [report] = await acceptReadings(
    client,
    [
      {
        documentId,
        agencyId: agencyId!,
        year: prepared.year!,
        template: prepared.template!,
        readerVersion: prepared.readerVersion,
        cells: prepared.cells,
        findings: prepared.findings,
      },
    ],
    { alsoRefreshAgencies: agencies?.regionFilled ?? [] },
  );
  if (state!.reportId !== null && state!.agencyId === agencyId && state!.year === prepared.year) {
    const carried = await carryCorrections(client, state!.reportId, report!.id);
    if (carried > 0)
      await applyCorrections(client, {
        reportId: report!.id,
        agencyId: agencyId!,
        year: prepared.year!,
        template: prepared.template!,
        isCurrent: true,
      });
  }
  return wasAccepted ? "new_version" : "status_changed";
}

async function cellsEqual(
  client: SqlClient,
  reportId: number,
  cells: readonly PreparedCell[],
): Promise<boolean> {
  const [row] = await runQuery<{ differing: number }>(
    client,
    sql`SELECT count(*)::int AS "differing"
          FROM (SELECT * FROM "ReportCell" WHERE "reportId" = ${reportId}::int) c
          FULL JOIN unnest(${cells.map((c) => c.cellNo)}::int2[], ${cells.map((c) => c.value)}::numeric[],
                           ${cells.map((c) => c.rawText)}::text[], ${cells.map((c) => c.inferred)}::bool[],
                           ${cells.map((c) => c.unit)}::text[]) AS n("cellNo", "value", "rawText", "inferred", "unit")
            ON n."cellNo" = c."cellNo"
         WHERE c."cellNo" IS NULL OR n."cellNo" IS NULL
            OR (c."value", c."rawText", c."inferred", c."unit") IS DISTINCT FROM (n."value", n."rawText", n."inferred", n."unit")`,
  );
  return row!.differing === 0;
}

async function updateDocument(
  client: SqlClient,
  documentId: number,
  prepared: PreparedDocument,
  agencyId: number | null,
): Promise<void> {
  await runQuery(
    client,
    sql`UPDATE "Document"
           SET "status" = ${prepared.status}::"DocumentStatus", "errorCode" = ${prepared.errorCode},
               "errorMessage" = ${prepared.errorMessage}, "mediaType" = coalesce(${prepared.mediaType}, "mediaType"),
               "agencyId" = ${agencyId}::int, "year" = ${prepared.year}::int,
               "agencyAsPrinted" = ${prepared.agencyAsPrinted}, "template" = ${prepared.template},
               "readerVersion" = ${prepared.readerVersion}::int, "reading" = ${JSON.stringify(prepared.reading)}::jsonb
         WHERE "id" = ${documentId}::int`,
  );
}

/** Staff corrections of the replaced version, as the latest corrections of the new one. */
async function carryCorrections(
  client: SqlClient,
  fromReportId: number,
  toReportId: number,
): Promise<number> {
  const rows = await runQuery<{ id: number }>(
    client,
    sql`INSERT INTO "CellCorrection" ("reportId", "cellNo", "oldValue", "newValue", "reason", "correctedById", "correctedAt")
        SELECT ${toReportId}::int, k."cellNo", c."value", k."newValue", k."reason", k."correctedById", k."correctedAt"
          FROM "CellCorrection" k
          JOIN "ReportCell" c ON c."reportId" = ${toReportId}::int AND c."cellNo" = k."cellNo"
         WHERE k."reportId" = ${fromReportId}::int AND k."isLatest"
           AND c."value" IS DISTINCT FROM k."newValue"
        RETURNING "id"`,
  );
  return rows.length;
}

export { READER_VERSION };
