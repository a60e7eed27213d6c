// The report part of ingestion, once a document's agency and year are known (from the reader, or from
// staff completing the document): a new current report version with its cells and findings, the
// cross-year findings of this year and the next, and the read-model row.
import { buildCellRows } from "@/lib/ingest/build-cell-rows";
import { createReportVersion } from "@/lib/ingest/create-report-version";
import type { Tx } from "@/lib/ingest/ingest-types";
import { refreshAcrossYearFindings } from "@/lib/ingest/refresh-across-year-findings";
import type { AgencyRef } from "@/lib/ingest/upsert-agency";
import { writeReportMetrics } from "@/lib/ingest/write-report-metrics";
import type { ReadSuccess } from "@/lib/reader/types";

export async function acceptReading(
  tx: Tx,
  input: { documentId: number; agency: AgencyRef; year: number; result: ReadSuccess },
): Promise<{ id: number; versionNo: number }> {
  const { agency, year, result } = input;
  const cells = buildCellRows(result);
  const report = await createReportVersion(tx, {
    agencyId: agency.id,
    year,
    template: result.template,
    documentId: input.documentId,
    cells,
    findings: result.findings,
  });
  await refreshAcrossYearFindings(tx, agency.id, year);
  await writeReportMetrics(tx, {
    reportId: report.id,
    agencyId: agency.id,
    year,
    agencyKind: agency.kind,
    region: agency.region,
    template: result.template,
    cells,
  });
  return report;
}
