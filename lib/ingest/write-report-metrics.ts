// Keeps the read model in step with the current version: one ReportMetrics row per current report, with
// the metric inputs computed from its cells (lib/metrics), the agency's kind and the region path used by
// the dashboard filters. Replaces the row of the version it supersedes.
import { computeMetricInputs } from "@/lib/metrics/compute-metric-inputs";
import type { TemplateVersion } from "@/lib/reader/types";
import type { CellRow } from "@/lib/ingest/build-cell-rows";
import type { Tx } from "@/lib/ingest/ingest-types";

export interface ReportMetricsInput {
  reportId: number;
  agencyId: number;
  year: number;
  agencyKind: string;
  region: { code: string; path: string } | null;
  template: TemplateVersion;
  cells: Pick<CellRow, "cellId" | "value">[];
}

export async function writeReportMetrics(tx: Tx, input: ReportMetricsInput): Promise<void> {
  const values = Object.fromEntries(input.cells.map((cell) => [cell.cellId, cell.value]));
  await tx.reportMetrics.deleteMany({ where: { agencyId: input.agencyId, year: input.year } });
  await tx.reportMetrics.create({
    data: {
      reportId: input.reportId,
      agencyId: input.agencyId,
      year: input.year,
      agencyKind: input.agencyKind,
      regionCode: input.region?.code ?? null,
      regionPath: input.region?.path ?? null,
      template: input.template,
      ...computeMetricInputs(values),
    },
  });
}
