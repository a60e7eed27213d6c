// A document already stored under the same sha256, answered as a duplicate with what it became (its
// status, agency, year and first report version) — for an upload of bytes the database already holds.
import { runQuery, sql, type SqlClient } from "@/lib/db/sql";
import type { IngestOutcome } from "@/lib/ingest/ingest-types";
import type { DocumentStatus } from "@/lib/generated/prisma/client";

export async function findDuplicate(client: SqlClient, sha256: string): Promise<IngestOutcome | null> {
  const [row] = await runQuery<{
    id: number;
    status: DocumentStatus;
    errorCode: string | null;
    agencyId: number | null;
    year: number | null;
    reportId: number | null;
    versionNo: number | null;
  }>(
    client,
    sql`SELECT d."id", d."status", d."errorCode", d."agencyId", d."year", r."id" AS "reportId", r."versionNo"
          FROM "Document" d
          LEFT JOIN LATERAL (SELECT "id", "versionNo" FROM "Report" WHERE "documentId" = d."id"
                              ORDER BY "versionNo" LIMIT 1) r ON true
         WHERE d."sha256" = ${sha256}`,
  );
  if (!row) return null;
  const { id, ...rest } = row;
  return { duplicate: true, documentId: id, sha256, ...rest };
}
