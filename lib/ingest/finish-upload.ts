// The rest of an upload after its new version, in one round trip (build-upload-function.ts): its
// cross-year findings' changes, the read model's row, the changes against the year before and the summaries
// by difference — what refreshAcrossYearFindings and refreshReportMetrics write, the same rows.
//   const detail = await finishUpload(client, { change, across, documentId, audit });
// With an audit entry (the upload route), the entry is written by the same call, which answers what the
// route tells about the file (selectUploadDetails' row): one round trip less.
import { insertAuditSql, type AuditEntry } from "@/lib/auth/audit";
import { joinSql, rawSql, runQuery, sql, type SqlClient } from "@/lib/db/sql";
import { AUDIT_VALUES, getUploadFunctions } from "@/lib/ingest/build-upload-function";
import type { UploadDetail } from "@/lib/ingest/ingest-types";
import type { AcrossYearChanges } from "@/lib/ingest/refresh-across-year-findings";
import { hasSummaryFunction } from "@/lib/ingest/refresh-region-summaries";
import type { VersionChange } from "@/lib/metrics/build-roll-up-delta-sql";

/** Whether this database has the function (a database not migrated by this version yet has not). */
export function canFinishUpload(client: SqlClient): Promise<boolean> {
  return hasSummaryFunction(client, getUploadFunctions().afterVersion.signature);
}

export async function finishUpload(
  client: SqlClient,
  input: {
    /** The agency-year's new current version and the one it demoted. */
    change: VersionChange;
    across: AcrossYearChanges;
    /** The new version's document. */
    documentId: number;
    /** The upload's audit entry, written in the same call. */
    audit?: AuditEntry;
  },
): Promise<UploadDetail | null> {
  const { change, across, documentId, audit } = input;
  const added = across.added;
  const entry = audit ? insertAuditSql(audit).values : Array.from({ length: AUDIT_VALUES }, () => null);
  const [row] = await runQuery<{ detail: UploadDetail | null }>(
    client,
    sql`SELECT ${rawSql(`"${getUploadFunctions().afterVersion.name}"`)}(${change.agencyId}::int, ${change.year}::int,
          ${change.reportId}::int, ${change.previousId}::int, ${across.stale}::int[],
          ${added.map((a) => a.reportId)}::int[], ${added.map((a) => a.finding.code)}::text[],
          ${added.map((a) => a.finding.severity)}::text[], ${added.map((a) => a.finding.kind)}::text[],
          ${added.map((a) => a.finding.cells.join(","))}::text[], ${added.map((a) => a.finding.message)}::text[],
          ${joinSql(entry.map((value) => sql`${value}::text`))}, ${documentId}::int) AS "detail"`,
  );
  return row?.detail ?? null;
}
