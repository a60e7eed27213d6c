// Staff complete a document the reader could not place: they name the agency and/or the year, and the
// stored reading becomes a report through the same path as an upload.
//   await completeDocument(db, { documentId, agencyName: "郾城区裴城镇", year: 2023, completedById });
// The agency name is resolved like a printed one (full name, kind, region); when the gazetteer cannot
// resolve it, the name is taken as given (staff know their agencies) with kind 其他. The reader's
// AGENCY_UNRESOLVED / YEAR_MISSING findings are dropped once staff have supplied what they were about.
import { AppError } from "@/lib/api/app-error";
import { getPool } from "@/lib/db/create-client";
import { runQuery, sql, withTransaction } from "@/lib/db/sql";
import type { DocumentStatus } from "@/lib/generated/prisma/client";
import { acceptReadings } from "@/lib/ingest/accept-readings";
import type { Db, IngestOutcome } from "@/lib/ingest/ingest-types";
import { prepareDocument } from "@/lib/ingest/prepare-document";
import { readInWorker } from "@/lib/ingest/reader-pool";
import { sanitizeText } from "@/lib/ingest/sanitize-for-postgres";
import { upsertAgencies } from "@/lib/ingest/upsert-agencies";
import { resolveAgency } from "@/lib/reader/region/resolve-agency";
import type { ReadSuccess } from "@/lib/reader/types";

export interface CompleteDocumentInput {
  documentId: number;
  agencyName?: string;
  year?: number;
}

export async function completeDocument(db: Db, input: CompleteDocumentInput): Promise<IngestOutcome> {
  const document = await db.document.findUnique({
    where: { id: input.documentId },
    select: { id: true, sha256: true, fileName: true, bytes: true, status: true, agencyId: true, year: true },
  });
  if (!document) throw new AppError("DOCUMENT_NOT_FOUND");
  if (document.status !== "needs_agency" && document.status !== "needs_year") {
    throw new AppError("DOCUMENT_NOT_INCOMPLETE");
  }
  // The document keeps a slim reading, not its cells: read its bytes again (the reader is deterministic,
  // and a newer reader may read them better).
  const reading = await readInWorker(document.bytes, document.fileName);
  if (!reading.ok)
    throw new AppError("DOCUMENT_NOT_INCOMPLETE", `该文件已无法读取：${reading.error.message}`);
  const result = completeReading(reading, input, document.agencyId !== null);
  const year = input.year ?? document.year;
  const prepared = prepareDocument(
    { bytes: document.bytes, fileName: document.fileName },
    { ...result, year },
    document.sha256,
  );
  return withTransaction(getPool(db), async (client) => {
    // The agency staff name now, else the one already attached (staff may give the agency and the year
    // in two steps).
    const named = input.agencyName || document.agencyId === null ? prepared.agency : null;
    const upserted = named
      ? await upsertAgencies(client, [{ info: named, codes: result.regionCodes }])
      : null;
    const agencyId = named ? upserted!.byName.get(named.name)!.id : document.agencyId;
    const status: DocumentStatus =
      agencyId === null ? "needs_agency" : year === null ? "needs_year" : "accepted";
    // Conditional on the status, so two staff completing the same document at once make one report.
    const updated = await runQuery(
      client,
      sql`UPDATE "Document"
             SET "status" = ${status}::"DocumentStatus", "agencyId" = ${agencyId}::int, "year" = ${year}::int,
                 "agencyAsPrinted" = ${prepared.agencyAsPrinted}, "template" = ${prepared.template},
                 "readerVersion" = ${prepared.readerVersion}::int, "reading" = ${JSON.stringify(prepared.reading)}::jsonb
           WHERE "id" = ${document.id}::int AND "status" IN ('needs_agency', 'needs_year')
       RETURNING "id"`,
    );
    if (updated.length === 0) throw new AppError("DOCUMENT_NOT_INCOMPLETE", "该文件已由他人补充完成");
    const outcome: IngestOutcome = {
      duplicate: false,
      documentId: document.id,
      sha256: document.sha256,
      status,
      errorCode: null,
      agencyId,
      year,
      reportId: null,
      versionNo: null,
    };
    if (agencyId === null || year === null) return outcome;
    const [report] = await acceptReadings(
      client,
      [
        {
          documentId: document.id,
          agencyId,
          year,
          template: prepared.template!,
          readerVersion: prepared.readerVersion,
          cells: prepared.cells,
          findings: prepared.findings,
        },
      ],
      { alsoRefreshAgencies: upserted?.regionFilled ?? [] },
    );
    return { ...outcome, reportId: report!.id, versionNo: report!.versionNo };
  });
}

function completeReading(
  stored: ReadSuccess,
  input: CompleteDocumentInput,
  agencyAlreadyGiven: boolean,
): ReadSuccess {
  let result = agencyAlreadyGiven
    ? { ...stored, findings: stored.findings.filter((f) => f.code !== "AGENCY_UNRESOLVED") }
    : stored;
  const agencyName = input.agencyName ? sanitizeText(input.agencyName).trim() : "";
  if (agencyName) {
    const resolved = resolveAgency({ asPrinted: agencyName, text: stored.text });
    const agency = resolved.agency.name
      ? resolved.agency
      : {
          ...resolved.agency,
          name: agencyName,
          as_printed: agencyName,
          kind: resolved.agency.kind ?? "其他",
        };
    result = {
      ...result,
      agency,
      regionCodes: resolved.regionCodes,
      findings: result.findings.filter((f) => f.code !== "AGENCY_UNRESOLVED"),
    };
  }
  if (input.year !== undefined) {
    result = {
      ...result,
      year: input.year,
      findings: result.findings.filter((f) => f.code !== "YEAR_MISSING"),
    };
  }
  return result;
}
