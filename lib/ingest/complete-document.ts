// Staff complete a document the reader could not place: they name the agency and/or the year, and the
// stored reading becomes a report through the same path as an upload.
//   await completeDocument(db, { documentId, agencyName: "郾城区裴城镇", year: 2023, completedById });
// The agency name is resolved like a printed one (full name, kind, region); when the gazetteer cannot
// resolve it, the name is taken as given (staff know their agencies) with kind 其他. The reader's
// AGENCY_UNRESOLVED / YEAR_MISSING findings are dropped once staff have supplied what they were about.
import { AppError } from "@/lib/api/app-error";
import { acceptReading } from "@/lib/ingest/accept-reading";
import type { DocumentStatus } from "@/lib/generated/prisma/client";
import type { Db, IngestOutcome } from "@/lib/ingest/ingest-types";
import { sanitizeText } from "@/lib/ingest/sanitize-for-postgres";
import { upsertAgency } from "@/lib/ingest/upsert-agency";
import { resolveAgency } from "@/lib/reader/region/resolve-agency";
import type { ReadSuccess } from "@/lib/reader/types";

export interface CompleteDocumentInput {
  documentId: number;
  agencyName?: string;
  year?: number;
}

export async function completeDocument(db: Db, input: CompleteDocumentInput): Promise<IngestOutcome> {
  const document = await db.document.findUnique({ where: { id: input.documentId } });
  if (!document) throw new AppError("DOCUMENT_NOT_FOUND");
  if (document.status !== "needs_agency" && document.status !== "needs_year") {
    throw new AppError("DOCUMENT_NOT_INCOMPLETE");
  }
  const result = completeReading(
    document.readResult as unknown as ReadSuccess,
    input,
    document.agencyId !== null,
  );
  return db.$transaction(async (tx) => {
    // The agency staff name now, else the one already attached (staff may give the agency and the year
    // in two steps; the stored reading keeps what the reader found).
    const agency = result.agency.name
      ? await upsertAgency(tx, { ...result.agency, name: result.agency.name }, result.regionCodes)
      : document.agencyId !== null
        ? await tx.agency.findUniqueOrThrow({
            where: { id: document.agencyId },
            select: { id: true, kind: true, region: { select: { code: true, path: true } } },
          })
        : null;
    const year = input.year ?? document.year;
    const status: DocumentStatus = !agency ? "needs_agency" : year === null ? "needs_year" : "accepted";
    // Conditional on the status, so two staff completing the same document at once make one report.
    const { count } = await tx.document.updateMany({
      where: { id: document.id, status: { in: ["needs_agency", "needs_year"] } },
      data: { status, agencyId: agency?.id ?? null, year },
    });
    if (count === 0) throw new AppError("DOCUMENT_NOT_INCOMPLETE", "该文件已由他人补充完成");
    const outcome: IngestOutcome = {
      duplicate: false,
      documentId: document.id,
      sha256: document.sha256,
      status,
      errorCode: null,
      agencyId: agency?.id ?? null,
      year,
      reportId: null,
      versionNo: null,
    };
    if (!agency || year === null) return outcome;
    const report = await acceptReading(tx, {
      documentId: document.id,
      agency,
      year,
      result: { ...result, year },
    });
    return { ...outcome, reportId: report.id, versionNo: report.versionNo };
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
