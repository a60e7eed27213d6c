// Writes a new version of an agency's report for a year and makes it the current one: the previous
// current version is demoted (its cells follow through the composite foreign key), the new one gets the
// next version number, its cells and the reader's findings. Serialised per (agency, year) with a
// transaction-scoped advisory lock, so two uploads for the same report cannot both become current.
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import type { CellRow } from "@/lib/ingest/build-cell-rows";
import type { Tx } from "@/lib/ingest/ingest-types";

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
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${agencyId}::int, ${year}::int)`;
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
  await tx.cell.createMany({
    data: input.cells.map((cell) => ({ ...cell, reportId: report.id, agencyId, year, isCurrent: true })),
  });
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
