// Staff settle one open finding of a report with a reason: confirmed (the report itself really is
// inconsistent — the source is wrong, not the reading) or dismissed (not a problem). Who, when and why stay
// on the finding; a finding already settled by someone else is not overwritten.
//   const settled = await resolveFinding(db, { findingId, decision: "dismissed", reason, userId });
import { AppError } from "@/lib/api/app-error";
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql, withTransaction } from "@/lib/db/sql";
import { lockAgencyOf } from "@/lib/ingest/confirm-report";
import { findSummaryKeys, refreshRegionSummaries } from "@/lib/ingest/refresh-region-summaries";

export type FindingDecision = "confirmed" | "dismissed";

export interface ResolvedFinding {
  id: number;
  reportId: number;
  code: string;
  message: string;
  status: FindingDecision;
}

export async function resolveFinding(
  db: Db,
  input: { findingId: number; decision: FindingDecision; reason: string; userId: string | null },
): Promise<ResolvedFinding> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("INVALID_INPUT", "请填写处理理由");
  const pool = getPool(db);
  // Conditional on the status, so two people settling the same finding at once cannot both win. The
  // summaries count open findings: they follow in the same transaction.
  const row = await withTransaction(pool, async (client) => {
    const [target] = await runQuery<{ reportId: number }>(
      client,
      sql`SELECT "reportId" FROM "Finding" WHERE "id" = ${input.findingId}::int`,
    );
    if (target) await lockAgencyOf(client, target.reportId);
    const [settled] = await runQuery<ResolvedFinding & { agencyId: number; year: number }>(
      client,
      sql`UPDATE "Finding" f
             SET "status" = ${input.decision}::"FindingStatus", "resolvedAt" = now(),
                 "resolvedById" = ${input.userId}, "resolutionReason" = ${reason}
            FROM "Report" r
           WHERE f."id" = ${input.findingId}::int AND f."status" = 'open' AND r."id" = f."reportId"
       RETURNING f."id", f."reportId", f."code", f."message", f."status"::text AS "status", r."agencyId", r."year"`,
    );
    if (!settled) return null;
    const { agencyId, year, ...finding } = settled;
    await refreshRegionSummaries(
      client,
      await findSummaryKeys(client, { agencyYears: [{ agencyId, year }] }),
    );
    return finding;
  });
  if (row) return row;
  const [exists] = await runQuery<{ id: number }>(
    pool,
    sql`SELECT "id" FROM "Finding" WHERE "id" = ${input.findingId}::int`,
  );
  throw new AppError(exists ? "FINDING_ALREADY_RESOLVED" : "FINDING_NOT_FOUND");
}
