// Staff correct the template version the reader detected (2019 ↔ 2021): the stored file is read again with
// the tables taken as that version, and the reading becomes a new current version of the same agency × year
// from the same document (the old version stays listed, untouched). Staff corrections of cells both versions
// share carry over; the agency and year stay as staff last left them.
//   const { reportId } = await rereadAsTemplate(db, { reportId, template: "2019" });
import { AppError } from "@/lib/api/app-error";
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql, withTransaction } from "@/lib/db/sql";
import { acceptReadings } from "@/lib/ingest/accept-readings";
import { applyCorrections } from "@/lib/ingest/correct-cell";
import { prepareDocument } from "@/lib/ingest/prepare-document";
import { readInWorker } from "@/lib/ingest/reader-pool";
import { carryCorrections } from "@/lib/ingest/reread-documents";
import type { TemplateVersion } from "@/lib/reader/types";

// What staff already settled about this report is not asked again.
const SETTLED_CODES = new Set(["AGENCY_UNRESOLVED", "YEAR_MISSING"]);

export async function rereadAsTemplate(
  db: Db,
  input: { reportId: number; template: TemplateVersion },
): Promise<{ reportId: number; versionNo: number }> {
  const pool = getPool(db);
  const [report] = await runQuery<{
    agencyId: number;
    year: number;
    template: TemplateVersion;
    documentId: number;
    bytes: Buffer;
    fileName: string;
    sha256: string;
    mediaType: string | null;
    uploadedById: string | null;
  }>(
    pool,
    sql`SELECT r."agencyId", r."year", r."template", r."documentId", d."bytes", d."fileName", d."sha256",
               d."mediaType", d."uploadedById"
          FROM "Report" r JOIN "Document" d ON d."id" = r."documentId"
         WHERE r."id" = ${input.reportId}::int`,
  );
  if (!report) throw new AppError("REPORT_NOT_FOUND");
  if (report.template === input.template) throw new AppError("INVALID_INPUT", "模板版本没有变化");
  const reading = await readInWorker(report.bytes, report.fileName, { template: input.template });
  if (!reading.ok)
    throw new AppError(
      "UNREADABLE_DOCUMENT",
      `原文件无法按 ${input.template} 版模板读取：${reading.error.message}`,
    );
  const prepared = prepareDocument(
    {
      bytes: report.bytes,
      fileName: report.fileName,
      mediaType: report.mediaType,
      uploadedById: report.uploadedById,
    },
    reading,
    report.sha256,
  );
  return withTransaction(pool, async (client) => {
    const [created] = await acceptReadings(client, [
      {
        documentId: report.documentId,
        agencyId: report.agencyId,
        year: report.year,
        template: input.template,
        readerVersion: prepared.readerVersion,
        cells: prepared.cells,
        findings: prepared.findings.filter((finding) => !SETTLED_CODES.has(finding.code)),
      },
    ]);
    const carried = await carryCorrections(client, input.reportId, created!.id);
    if (carried > 0)
      await applyCorrections(client, {
        reportId: created!.id,
        agencyId: report.agencyId,
        year: report.year,
        template: input.template,
        isCurrent: true,
      });
    return { reportId: created!.id, versionNo: created!.versionNo };
  });
}
