// Writes a new version of an agency's report for a year and makes it the current one: the previous
// current version is demoted (its cells follow through the composite foreign key), the new one gets the
// next version number, its cells and the reader's findings. Serialised per agency with a transaction-
// scoped advisory lock: two uploads for the same report cannot both become current, and the cross-year
// findings that follow always compare against the neighbouring years' committed current versions.
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import type { CellRow } from "@/lib/ingest/build-cell-rows";
import type { Tx } from "@/lib/ingest/ingest-types";

// First key of the two-int advisory locks taken per agency (a key space of its own: "IN" for ingestion).
const AGENCY_LOCK_SPACE = 0x494e;

export interface NewReportVersion {
  agencyId: number;
  year: number;
  template: TemplateVersion;
  documentId: number;
  cells: CellRow[];
  findings: Finding[];
}

export async function createReportVersion(
  tx: Tx,
  input: NewReportVersion,
): Promise<{ id: number; versionNo: number }> {
  const { agencyId, year } = input;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AGENCY_LOCK_SPACE}::int, ${agencyId}::int)`;
  const last = await tx.report.findFirst({
    where: { agencyId, year },
    orderBy: { versionNo: "desc" },
    select: { versionNo: true },
  });
  await tx.report.updateMany({ where: { agencyId, year, isCurrent: true }, data: { isCurrent: false } });
  const report = await tx.report.create({
    data: {
      agencyId,
      year,
      versionNo: (last?.versionNo ?? 0) + 1,
      isCurrent: true,
      template: input.template,
      documentId: input.documentId,
    },
    select: { id: true, versionNo: true },
  });
  await insertCells(tx, { reportId: report.id, agencyId, year }, input.cells);
  await tx.finding.createMany({
    data: input.findings.map((finding) => ({
      reportId: report.id,
      code: finding.code,
      severity: finding.severity,
      kind: finding.kind,
      origin: "reader" as const,
      cellIds: finding.cells,
      message: finding.message,
    })),
  });
  return report;
}

/**
 * All cells of a version in one INSERT … SELECT unnest(arrays): a report has ~200 cells, and building a
 * 200-row createMany costs the client several times what the database spends on it.
 */
async function insertCells(
  tx: Tx,
  report: { reportId: number; agencyId: number; year: number },
  cells: CellRow[],
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Cell" ("reportId", "agencyId", "year", "isCurrent", "cellId", "value", "rawText", "inferred", "unit")
    SELECT ${report.reportId}::int, ${report.agencyId}::int, ${report.year}::int, true, c.*
      FROM unnest(
        ${cells.map((cell) => cell.cellId)}::text[],
        ${cells.map((cell) => (cell.value === null ? null : String(cell.value)))}::numeric[],
        ${cells.map((cell) => cell.rawText)}::text[],
        ${cells.map((cell) => cell.inferred)}::boolean[],
        ${cells.map((cell) => cell.unit)}::text[]
      ) AS c`;
}
