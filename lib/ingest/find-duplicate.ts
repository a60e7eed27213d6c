// Documents already stored under the same sha256, answered as duplicates with what they became (status,
// agency, year and first report version) — for uploads of bytes the database already holds. One query for
// any number of hashes.
import { runQuery, sql, type SqlClient } from "@/lib/db/sql";
import type { DocumentStatus } from "@/lib/generated/prisma/client";
import type { IngestOutcome } from "@/lib/ingest/ingest-types";

export async function findDuplicates(
  client: SqlClient,
  sha256s: readonly string[],
): Promise<Map<string, IngestOutcome>> {
  if (sha256s.length === 0) return new Map();
  const rows = await runQuery<{
    id: number;
    sha256: string;
    status: DocumentStatus;
    errorCode: string | null;
    agencyId: number | null;
    year: number | null;
    reportId: number | null;
    versionNo: number | null;
  }>(
    client,
    sql`SELECT d."id", d."sha256", d."status", d."errorCode", d."agencyId", d."year",
               r."id" AS "reportId", r."versionNo"
          FROM "Document" d
          LEFT JOIN LATERAL (SELECT "id", "versionNo" FROM "Report" WHERE "documentId" = d."id"
                              ORDER BY "versionNo" LIMIT 1) r ON true
         WHERE d."sha256" = ANY(${[...new Set(sha256s)]}::text[])`,
  );
  return new Map(rows.map(({ id, ...row }) => [row.sha256, { duplicate: true, documentId: id, ...row }]));
}

export async function findDuplicate(client: SqlClient, sha256: string): Promise<IngestOutcome | null> {
  return (await findDuplicates(client, [sha256])).get(sha256) ?? null;
}
