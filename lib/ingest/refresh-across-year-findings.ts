// Recomputes the cross-year findings (rules 6–7) touching one agency-year after its current version
// changed: those of its own report (against the year before) and those of the next year's report
// (against it). Findings that stay the same keep their id and their staff status (a dismissed carry-over
// stays dismissed); findings that no longer hold are removed.
import { checkAcrossYears, type YearCells } from "@/lib/reader/checks/check-across-years";
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import type { Tx } from "@/lib/ingest/ingest-types";

// Only the rows rules 6–7 compare: 上年结转, 结转下年度, and 规章 / 行政规范性文件 of 表二.
const ACROSS_YEAR_ROWS = ["t3.carried.", "t3.carry_forward.", "t2.rules.", "t2.normative."].map((prefix) => ({
  cellId: { startsWith: prefix },
}));

export async function refreshAcrossYearFindings(tx: Tx, agencyId: number, year: number): Promise<void> {
  const reports = await tx.report.findMany({
    where: { agencyId, isCurrent: true, year: { in: [year - 1, year, year + 1] } },
    select: {
      id: true,
      year: true,
      template: true,
      cells: { where: { OR: ACROSS_YEAR_ROWS }, select: { cellId: true, value: true } },
    },
  });
  const byYear = new Map(reports.map((report) => [report.year, report]));
  for (const target of [year, year + 1]) {
    const cur = byYear.get(target);
    if (!cur) continue;
    const prev = byYear.get(target - 1);
    const findings = prev ? checkAcrossYears(toYearCells(prev), toYearCells(cur)) : [];
    await reconcileFindings(tx, cur.id, findings);
  }
}

type ReportWithCells = {
  year: number;
  template: string;
  cells: { cellId: string; value: { toNumber(): number } | null }[];
};

function toYearCells(report: ReportWithCells): YearCells {
  return {
    year: report.year,
    template: report.template as TemplateVersion,
    cells: Object.fromEntries(report.cells.map((cell) => [cell.cellId, cell.value?.toNumber() ?? null])),
  };
}

const keyOf = (finding: { code: string; cellIds: string[]; message: string }) =>
  `${finding.code}|${finding.cellIds.join(",")}|${finding.message}`;

async function reconcileFindings(tx: Tx, reportId: number, findings: Finding[]): Promise<void> {
  const existing = await tx.finding.findMany({
    where: { reportId, origin: "across_years" },
    select: { id: true, code: true, cellIds: true, message: true },
  });
  const wanted = new Map(findings.map((f) => [keyOf({ ...f, cellIds: f.cells }), f]));
  const stale = existing.filter((f) => !wanted.has(keyOf(f))).map((f) => f.id);
  if (stale.length > 0) await tx.finding.deleteMany({ where: { id: { in: stale } } });
  const kept = new Set(existing.map(keyOf));
  const added = [...wanted].filter(([key]) => !kept.has(key)).map(([, f]) => f);
  await tx.finding.createMany({
    data: added.map((f) => ({
      reportId,
      code: f.code,
      severity: f.severity,
      kind: f.kind,
      origin: "across_years" as const,
      cellIds: f.cells,
      message: f.message,
    })),
  });
}
