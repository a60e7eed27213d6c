// A staff correction of one cell of a report version, on top of the reading (which is never overwritten):
//   await correctCell(db, { reportId, cellId: "t3.new.total", value: 18, reason: "原文为 18", userId });
// In one transaction, serialised per agency like ingestion: the correction row (old → new, reason, who,
// when) becomes the cell's latest; the 勾稽 rules 1–5 run again on the cells as they now stand (their
// findings that still hold keep their id and status, those that no longer hold go, new ones are added);
// for the current version, the cross-year findings and the read model follow.
import { AppError } from "@/lib/api/app-error";
import { getPool } from "@/lib/db/create-client";
import { runQuery, sql, withTransaction, type SqlClient } from "@/lib/db/sql";
import { lockAgencies } from "@/lib/ingest/accept-readings";
import { findCellNo } from "@/lib/ingest/cell-numbers";
import type { Db } from "@/lib/ingest/ingest-types";
import { readReportCells } from "@/lib/ingest/read-report-cells";
import { insertFindings, refreshAcrossYearFindings } from "@/lib/ingest/refresh-across-year-findings";
import { refreshReportMetrics } from "@/lib/ingest/refresh-report-metrics";
import { checkReportRules } from "@/lib/reader/checks/check-report-rules";
import type { TemplateVersion } from "@/lib/reader/types";

export interface CellCorrectionInput {
  reportId: number;
  cellId: string;
  /** The value as it should read; null = not printed. */
  value: number | null;
  reason: string;
  userId: string | null;
}

export interface CellCorrectionResult {
  correctionId: number;
  oldValue: number | null;
  newValue: number | null;
}

// The findings the rules produce; the reader's reading uncertainties are left for staff to settle.
const RULE_CODES = ["RULE_BALANCE", "RULE_OUTCOME_SUM", "RULE_ROW_TOTAL", "RULE_T4_TOTAL", "RULE_NEGATIVE"];

export async function correctCell(db: Db, input: CellCorrectionInput): Promise<CellCorrectionResult> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("INVALID_INPUT", "请填写更正理由");
  if (input.value !== null && (!Number.isFinite(input.value) || Math.abs(input.value) >= 1e16))
    throw new AppError("INVALID_INPUT", "更正后的数值无效");
  const cellNo = findCellNo(input.cellId);
  if (cellNo === undefined) throw new AppError("CELL_NOT_FOUND");
  return withTransaction(getPool(db), async (client) => {
    const [report] = await runQuery<{
      agencyId: number;
      year: number;
      template: TemplateVersion;
      isCurrent: boolean;
    }>(
      client,
      sql`SELECT "agencyId", "year", "template", "isCurrent" FROM "Report" WHERE "id" = ${input.reportId}::int`,
    );
    if (!report) throw new AppError("REPORT_NOT_FOUND");
    await lockAgencies(client, [report.agencyId]);
    const cells = (await readReportCells(client, [input.reportId])).get(input.reportId)!;
    const cell = cells.get(input.cellId);
    if (!cell)
      throw new AppError("CELL_NOT_FOUND", `该报告（${report.template} 模板）没有单元格 ${input.cellId}`);
    if (cell.value === input.value) throw new AppError("INVALID_INPUT", "新值与当前值相同，无需更正");
    await runQuery(
      client,
      sql`UPDATE "CellCorrection" SET "isLatest" = false
           WHERE "reportId" = ${input.reportId}::int AND "cellNo" = ${cellNo}::int2 AND "isLatest"`,
    );
    const [correction] = await runQuery<{ id: number }>(
      client,
      sql`INSERT INTO "CellCorrection" ("reportId", "cellNo", "oldValue", "newValue", "reason", "correctedById")
          VALUES (${input.reportId}::int, ${cellNo}::int2, ${cell.value}::numeric, ${input.value}::numeric,
                  ${reason}, ${input.userId})
          RETURNING "id"`,
    );
    await applyCorrections(client, { reportId: input.reportId, ...report });
    return { correctionId: correction!.id, oldValue: cell.value, newValue: input.value };
  });
}

/**
 * What follows corrections of a report version: the 勾稽 rules 1–5 run again on its cells as they now stand
 * (findings that still hold keep their id and status, those that no longer hold go, new ones are added),
 * and — when it is the current version — the cross-year findings and the read model follow.
 */
export async function applyCorrections(
  client: SqlClient,
  report: { reportId: number; agencyId: number; year: number; template: TemplateVersion; isCurrent: boolean },
): Promise<void> {
  const cells = (await readReportCells(client, [report.reportId])).get(report.reportId)!;
  const values = new Map([...cells].map(([id, stored]) => [id, stored.value]));
  await reconcileRuleFindings(client, report.reportId, checkReportRules(values, report.template));
  if (!report.isCurrent) return;
  await refreshAcrossYearFindings(client, [{ agencyId: report.agencyId, year: report.year }]);
  await refreshReportMetrics(client, { agencyYears: [{ agencyId: report.agencyId, year: report.year }] });
}

async function reconcileRuleFindings(
  client: SqlClient,
  reportId: number,
  findings: ReturnType<typeof checkReportRules>,
): Promise<void> {
  const existing = await runQuery<{ id: number; code: string; cellIds: string[]; message: string }>(
    client,
    sql`SELECT "id", "code", "cellIds", "message" FROM "Finding"
         WHERE "reportId" = ${reportId}::int AND "origin" = 'reader' AND "code" = ANY(${RULE_CODES}::text[])`,
  );
  // A rule that still fails on the same cells is the same finding, even if its numbers changed.
  const keyOf = (code: string, cells: readonly string[]) => `${code}|${cells.join(",")}`;
  const wanted = new Map(findings.map((f) => [keyOf(f.code, f.cells), f]));
  const kept = new Set<string>();
  const stale: number[] = [];
  for (const finding of existing) {
    const key = keyOf(finding.code, finding.cellIds);
    const now = wanted.get(key);
    if (!now || kept.has(key)) {
      stale.push(finding.id);
      continue;
    }
    kept.add(key);
    if (now.message !== finding.message)
      await runQuery(
        client,
        sql`UPDATE "Finding" SET "message" = ${now.message} WHERE "id" = ${finding.id}::int`,
      );
  }
  if (stale.length > 0) await runQuery(client, sql`DELETE FROM "Finding" WHERE "id" = ANY(${stale}::int[])`);
  const added = [...wanted].filter(([key]) => !kept.has(key)).map(([, finding]) => ({ reportId, finding }));
  await insertFindings(client, added, "reader");
}
