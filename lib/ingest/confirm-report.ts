// 确认: staff declare a report version checked. Only when none of its findings is still open (each was
// corrected away, confirmed or dismissed) — a report is never confirmed over a flag nobody looked at.
// A later correction makes it 待核对 again (reopenReport).
//   await confirmReport(db, { reportId, userId });
import { AppError } from "@/lib/api/app-error";
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql, withTransaction, type SqlClient } from "@/lib/db/sql";
import { lockAgencies } from "@/lib/ingest/accept-readings";
import { findSummaryKeys, refreshRegionSummaries } from "@/lib/ingest/refresh-region-summaries";

export async function confirmReport(
  db: Db,
  input: { reportId: number; userId: string | null },
): Promise<void> {
  const pool = getPool(db);
  // The summaries count the reports to review (数据质量): they follow in the same transaction.
  const confirmed = await withTransaction(pool, async (client) => {
    await lockAgencyOf(client, input.reportId);
    const [report] = await runQuery<{ agencyId: number; year: number }>(
      client,
      sql`UPDATE "Report" r SET "status" = 'confirmed', "confirmedAt" = now(), "confirmedById" = ${input.userId}
           WHERE r."id" = ${input.reportId}::int AND r."status" = 'needs_review'
             AND NOT EXISTS (SELECT 1 FROM "Finding" f WHERE f."reportId" = r."id" AND f."status" = 'open')
       RETURNING r."agencyId", r."year"`,
    );
    if (report) await refreshReportSummaries(client, report);
    return report;
  });
  if (confirmed) return;
  const [report] = await runQuery<{ status: string; open: number }>(
    pool,
    sql`SELECT r."status"::text AS "status",
               (SELECT count(*)::int FROM "Finding" f WHERE f."reportId" = r."id" AND f."status" = 'open') AS "open"
          FROM "Report" r WHERE r."id" = ${input.reportId}::int`,
  );
  if (!report) throw new AppError("REPORT_NOT_FOUND");
  if (report.status === "confirmed") throw new AppError("REPORT_ALREADY_CONFIRMED");
  throw new AppError(
    "REPORT_HAS_OPEN_FINDINGS",
    `报告还有 ${report.open} 个未处理的问题，请先逐条确认或排除`,
  );
}

/**
 * A confirmed report whose cells changed is to be checked again. `client` is a transaction's (the summaries'
 * refresh takes transaction locks).
 */
export async function reopenReport(client: SqlClient, reportId: number): Promise<void> {
  await lockAgencyOf(client, reportId);
  const [report] = await runQuery<{ agencyId: number; year: number }>(
    client,
    sql`UPDATE "Report" SET "status" = 'needs_review', "confirmedAt" = NULL, "confirmedById" = NULL
         WHERE "id" = ${reportId}::int AND "status" = 'confirmed'
     RETURNING "agencyId", "year"`,
  );
  if (report) await refreshReportSummaries(client, report);
}

async function refreshReportSummaries(
  client: SqlClient,
  agencyYear: { agencyId: number; year: number },
): Promise<void> {
  await refreshRegionSummaries(client, await findSummaryKeys(client, { agencyYears: [agencyYear] }));
}

// A report's status counts in the summaries, which an upload of the same agency updates by difference from
// what it read before storing its version (build-summary-delta-sql.ts): every writer of an agency's
// reports, findings or status holds the agency's lock (accept-readings.ts), taken before any row lock.
export async function lockAgencyOf(client: SqlClient, reportId: number): Promise<void> {
  const [report] = await runQuery<{ agencyId: number }>(
    client,
    sql`SELECT "agencyId" FROM "Report" WHERE "id" = ${reportId}::int`,
  );
  if (report) await lockAgencies(client, [report.agencyId]);
}
