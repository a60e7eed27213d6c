// Everything the review page of one report version shows, in one round of parallel queries: the version
// (agency and its region, year, template, status, who confirmed), its document, its cells as they stand
// (readReportCells: value, value as read, printed text, inferred, corrected), its findings (open and settled,
// with who and why), its corrections, and the versions of the same agency × year.
//   const review = await getReportReview(db, reportId);   // null when there is no such report
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql } from "@/lib/db/sql";
import { getCellId } from "@/lib/ingest/cell-numbers";
import { readReportCells, type StoredCell } from "@/lib/ingest/read-report-cells";
import type { TemplateVersion } from "@/lib/reader/types";

export interface ReviewFinding {
  id: number;
  code: string;
  severity: "error" | "warning" | "info";
  kind: "inconsistent" | "uncertain";
  origin: "reader" | "across_years";
  cellIds: string[];
  message: string;
  status: "open" | "confirmed" | "dismissed";
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionReason: string | null;
}

export interface ReviewCorrection {
  id: number;
  cellId: string;
  oldValue: number | null;
  newValue: number | null;
  reason: string;
  correctedBy: string | null;
  correctedAt: string;
  isLatest: boolean;
}

export interface ReviewVersion {
  reportId: number;
  versionNo: number;
  isCurrent: boolean;
  status: "needs_review" | "confirmed";
  template: TemplateVersion;
  createdAt: string;
  fileName: string;
  uploadedBy: string | null;
}

export interface ReportReview {
  id: number;
  agency: { id: number; name: string; kind: string; regionCode: string | null; regionNames: string[] };
  year: number;
  template: TemplateVersion;
  versionNo: number;
  isCurrent: boolean;
  status: "needs_review" | "confirmed";
  createdAt: string;
  confirmedAt: string | null;
  confirmedBy: string | null;
  document: {
    id: number;
    fileName: string;
    mediaType: string | null;
    size: number;
    agencyAsPrinted: string | null;
    uploadedAt: string;
    uploadedBy: string | null;
  };
  cells: Record<string, StoredCell>;
  findings: ReviewFinding[];
  corrections: ReviewCorrection[];
  versions: ReviewVersion[];
}

type ReportRow = Omit<
  ReportReview,
  "agency" | "document" | "cells" | "findings" | "corrections" | "versions"
> & {
  agencyId: number;
  agencyName: string;
  agencyKind: string;
  regionCode: string | null;
  regionNames: string[] | null;
  documentId: number;
  fileName: string;
  mediaType: string | null;
  size: number;
  agencyAsPrinted: string | null;
  uploadedAt: string;
  uploadedBy: string | null;
};

export async function getReportReview(db: Db, reportId: number): Promise<ReportReview | null> {
  const pool = getPool(db);
  const [report] = await runQuery<ReportRow>(
    pool,
    sql`SELECT r."id", r."year", r."template", r."versionNo", r."isCurrent", r."status"::text AS "status",
               to_json(r."createdAt") #>> '{}' AS "createdAt", to_json(r."confirmedAt") #>> '{}' AS "confirmedAt",
               cu."name" AS "confirmedBy",
               a."id" AS "agencyId", a."name" AS "agencyName", a."kind" AS "agencyKind", a."regionCode",
               (SELECT array_agg(x."name" ORDER BY length(x."path")) FROM "Region" x
                 WHERE g."path" LIKE x."path" || '%') AS "regionNames",
               d."id" AS "documentId", d."fileName", d."mediaType", d."size", d."agencyAsPrinted",
               to_json(d."uploadedAt") #>> '{}' AS "uploadedAt", du."name" AS "uploadedBy"
          FROM "Report" r
          JOIN "Agency" a ON a."id" = r."agencyId"
          LEFT JOIN "Region" g ON g."code" = a."regionCode"
          JOIN "Document" d ON d."id" = r."documentId"
          LEFT JOIN "User" cu ON cu."id" = r."confirmedById"
          LEFT JOIN "User" du ON du."id" = d."uploadedById"
         WHERE r."id" = ${reportId}::int`,
  );
  if (!report) return null;
  const [cells, findings, corrections, versions] = await Promise.all([
    readReportCells(pool, [reportId]),
    runQuery<ReviewFinding>(
      pool,
      sql`SELECT f."id", f."code", f."severity"::text AS "severity", f."kind"::text AS "kind",
                 f."origin"::text AS "origin", f."cellIds", f."message", f."status"::text AS "status",
                 to_json(f."resolvedAt") #>> '{}' AS "resolvedAt", u."name" AS "resolvedBy", f."resolutionReason"
            FROM "Finding" f LEFT JOIN "User" u ON u."id" = f."resolvedById"
           WHERE f."reportId" = ${reportId}::int
           ORDER BY f."status" = 'open' DESC, f."kind", f."id"`,
    ),
    runQuery<
      Omit<ReviewCorrection, "cellId"> & { cellNo: number; oldValue: string | null; newValue: string | null }
    >(
      pool,
      sql`SELECT k."id", k."cellNo", trim_scale(k."oldValue")::text AS "oldValue",
                 trim_scale(k."newValue")::text AS "newValue", k."reason", u."name" AS "correctedBy",
                 to_json(k."correctedAt") #>> '{}' AS "correctedAt", k."isLatest"
            FROM "CellCorrection" k LEFT JOIN "User" u ON u."id" = k."correctedById"
           WHERE k."reportId" = ${reportId}::int ORDER BY k."correctedAt" DESC, k."id" DESC`,
    ),
    runQuery<ReviewVersion>(
      pool,
      sql`SELECT v."id" AS "reportId", v."versionNo", v."isCurrent", v."status"::text AS "status", v."template",
                 to_json(v."createdAt") #>> '{}' AS "createdAt", d."fileName", u."name" AS "uploadedBy"
            FROM "Report" v JOIN "Document" d ON d."id" = v."documentId"
            LEFT JOIN "User" u ON u."id" = d."uploadedById"
           WHERE v."agencyId" = ${report.agencyId}::int AND v."year" = ${report.year}::int
           ORDER BY v."versionNo" DESC`,
    ),
  ]);
  return {
    id: report.id,
    agency: {
      id: report.agencyId,
      name: report.agencyName,
      kind: report.agencyKind,
      regionCode: report.regionCode,
      regionNames: report.regionNames ?? [],
    },
    year: report.year,
    template: report.template,
    versionNo: report.versionNo,
    isCurrent: report.isCurrent,
    status: report.status,
    createdAt: report.createdAt,
    confirmedAt: report.confirmedAt,
    confirmedBy: report.confirmedBy,
    document: {
      id: report.documentId,
      fileName: report.fileName,
      mediaType: report.mediaType,
      size: report.size,
      agencyAsPrinted: report.agencyAsPrinted,
      uploadedAt: report.uploadedAt,
      uploadedBy: report.uploadedBy,
    },
    cells: Object.fromEntries(cells.get(reportId) ?? []),
    findings,
    corrections: corrections.map(({ cellNo, oldValue, newValue, ...rest }) => ({
      ...rest,
      cellId: getCellId(cellNo),
      oldValue: oldValue === null ? null : Number(oldValue),
      newValue: newValue === null ? null : Number(newValue),
    })),
    versions,
  };
}
