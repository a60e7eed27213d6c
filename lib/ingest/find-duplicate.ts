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
  // One hash (an upload's check) by equality: compared with the unknown length of an array, the statement's
  // generic plan looked dearer than a plan for the values at hand, so PostgreSQL planned it anew on every
  // call (pg_stat_statements: 301 plans for 300 uploads, ≈ 0.2 ms each — ten times its execution).
  const hashes = [...new Set(sha256s)];
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
         WHERE ${hashes.length === 1 ? sql`d."sha256" = ${hashes[0]}` : sql`d."sha256" = ANY(${hashes}::text[])`}`,
  );
  return new Map(rows.map(({ id, ...row }) => [row.sha256, { duplicate: true, documentId: id, ...row }]));
}

export async function findDuplicate(client: SqlClient, sha256: string): Promise<IngestOutcome | null> {
  return (await findDuplicates(client, [sha256])).get(sha256) ?? null;
}

/**
 * findDuplicate for many files looked up at once (an import): lookups asked for while one query runs wait
 * and go together in the next query — one round trip for a dozen files instead of one each.
 */
export function createDuplicateLookup(client: SqlClient): (sha256: string) => Promise<IngestOutcome | null> {
  let waiting: {
    sha256: string;
    resolve: (found: IngestOutcome | null) => void;
    reject: (error: unknown) => void;
  }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const asked = waiting;
      waiting = [];
      try {
        const found = await findDuplicates(
          client,
          asked.map((item) => item.sha256),
        );
        for (const item of asked) item.resolve(found.get(item.sha256) ?? null);
      } catch (error) {
        for (const item of asked) item.reject(error);
      }
    }
    running = false;
  };
  return (sha256) =>
    new Promise((resolve, reject) => {
      waiting.push({ sha256, resolve, reject });
      if (!running) void drain();
    });
}
