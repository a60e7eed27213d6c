// One file's result in the shape the upload API answers and `npm run import -- --json` prints:
//   { file, ok, documentId, reportId?, status, agency?: { id, name }, year?, template?,
//     findings?: { inconsistent, uncertain }, error?: { code, message } }
// status: accepted | duplicate | needs_agency | needs_year | rejected. The names and finding counts of a
// batch's results are looked up in one query — unless they came with the outcomes (the upload route reads
// them in each file's own transaction, in the statement that writes its audit entry).
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql, type Sql } from "@/lib/db/sql";
import type { IngestOutcome, UploadDetail } from "@/lib/ingest/ingest-types";

export type UploadStatus = "accepted" | "duplicate" | "needs_agency" | "needs_year" | "rejected";

export interface UploadResult {
  file: string;
  ok: boolean;
  /** null when the file was not stored (over the size limit, unreadable from disk). */
  documentId: number | null;
  reportId?: number;
  status: UploadStatus;
  agency?: { id: number; name: string };
  year?: number;
  template?: string;
  findings?: { inconsistent: number; uncertain: number };
  error?: { code: string; message: string };
}

export type FileOutcome =
  { file: string; outcome: IngestOutcome } | { file: string; error: { code: string; message: string } };

export async function toUploadResults(db: Db, items: readonly FileOutcome[]): Promise<UploadResult[]> {
  const outcomes = items.flatMap((item) => ("outcome" in item ? [item.outcome] : []));
  // The upload route's stored files come with theirs (read with their audit entry); duplicates do not.
  const missing = outcomes.filter((outcome) => !outcome.detail);
  const details = [
    ...outcomes.flatMap((outcome) => (outcome.detail ? [outcome.detail] : [])),
    ...(missing.length > 0 ? await runQuery<UploadDetail>(getPool(db), selectUploadDetails(missing)) : []),
  ];
  const byDocument = new Map(details.map((row) => [row.documentId, row]));
  return items.map((item): UploadResult => {
    if (!("outcome" in item))
      return { file: item.file, ok: false, documentId: null, status: "rejected", error: item.error };
    const { outcome } = item;
    const detail = byDocument.get(outcome.documentId);
    const status: UploadStatus = outcome.duplicate ? "duplicate" : outcome.status;
    const result: UploadResult = {
      file: item.file,
      ok: outcome.status !== "rejected",
      documentId: outcome.documentId,
      status,
    };
    if (outcome.reportId !== null) result.reportId = outcome.reportId;
    if (outcome.agencyId !== null && detail?.agencyName)
      result.agency = { id: outcome.agencyId, name: detail.agencyName };
    if (outcome.year !== null) result.year = outcome.year;
    if (detail?.template) result.template = detail.template;
    if (outcome.reportId !== null && detail)
      result.findings = { inconsistent: detail.inconsistent, uncertain: detail.uncertain };
    if (outcome.status === "rejected")
      result.error = {
        code: outcome.errorCode ?? "CORRUPT_FILE",
        message: detail?.errorMessage ?? "文件无法读取",
      };
    return result;
  });
}

/** Each outcome's UploadDetail row (none for a document that does not exist). */
export function selectUploadDetails(
  outcomes: readonly Pick<IngestOutcome, "documentId" | "reportId">[],
): Sql {
  return sql`SELECT d."id" AS "documentId", d."errorMessage", a."name" AS "agencyName", d."template",
               (SELECT count(*)::int FROM "Finding" f
                 WHERE f."reportId" = o."reportId" AND f."kind" = 'inconsistent' AND f."status" = 'open') AS "inconsistent",
               (SELECT count(*)::int FROM "Finding" f
                 WHERE f."reportId" = o."reportId" AND f."kind" = 'uncertain' AND f."status" = 'open') AS "uncertain"
          FROM unnest(${outcomes.map((o) => o.documentId)}::int[], ${outcomes.map((o) => o.reportId)}::int[])
               AS o("documentId", "reportId")
          JOIN "Document" d ON d."id" = o."documentId"
          LEFT JOIN "Agency" a ON a."id" = d."agencyId"`;
}
