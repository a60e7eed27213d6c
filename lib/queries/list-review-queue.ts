// 待核对: current report versions with open findings, and documents waiting for staff to name their agency
// or year — newest upload first, filtered by region (code prefix), year and status, a page at a time, with
// the total from its own count. A staff member limited to regions sees the reports of those regions (and
// the documents without an agency, which anyone may complete).
//   const { rows, total } = await listReviewQueue(db, { filters, limitTo: user.regions });
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql } from "@/lib/db/sql";
import type { ReviewQueueFilters } from "@/lib/queries/review-queue-filters";

export const REVIEW_PAGE_SIZE = 50;

export interface ReviewQueueRow {
  kind: "report" | "document";
  id: number;
  agencyName: string | null;
  asPrinted: string | null;
  regionNames: string[];
  year: number | null;
  template: string | null;
  status: "needs_review" | "confirmed" | "needs_agency" | "needs_year";
  inconsistent: number;
  uncertain: number;
  fileName: string;
  uploadedAt: string;
}

export async function listReviewQueue(
  db: Db,
  options: { filters: ReviewQueueFilters; limitTo?: readonly string[] },
): Promise<{ rows: ReviewQueueRow[]; total: number }> {
  const { filters } = options;
  const region = filters.region ?? null;
  const limits = options.limitTo && options.limitTo.length > 0 ? [...options.limitTo] : null;
  const year = filters.year ?? null;
  const status = filters.status;
  const queue = sql`
    WITH open_findings AS (
      SELECT f."reportId",
             count(*) FILTER (WHERE f."kind" = 'inconsistent')::int AS "inconsistent",
             count(*) FILTER (WHERE f."kind" = 'uncertain')::int AS "uncertain"
        FROM "Finding" f WHERE f."status" = 'open' GROUP BY f."reportId"
    ), queue AS (
      SELECT 'report' AS "kind", r."id", a."name" AS "agencyName", d."agencyAsPrinted" AS "asPrinted",
             a."regionCode", r."year", r."template", r."status"::text AS "status",
             o."inconsistent", o."uncertain", d."fileName", d."uploadedAt"
        FROM open_findings o
        JOIN "Report" r ON r."id" = o."reportId" AND r."isCurrent"
        JOIN "Agency" a ON a."id" = r."agencyId"
        JOIN "Document" d ON d."id" = r."documentId"
       WHERE ${status} IN ('all', 'inconsistent', 'uncertain')
         AND (${status} <> 'inconsistent' OR o."inconsistent" > 0)
         AND (${status} <> 'uncertain' OR o."uncertain" > 0)
      UNION ALL
      SELECT 'document', d."id", a."name", d."agencyAsPrinted", a."regionCode", d."year", d."template",
             d."status"::text, 0, 0, d."fileName", d."uploadedAt"
        FROM "Document" d LEFT JOIN "Agency" a ON a."id" = d."agencyId"
       WHERE d."status" IN ('needs_agency', 'needs_year')
         AND ${status} IN ('all', d."status"::text)
    ), filtered AS (
      SELECT q.*, g."path" FROM queue q LEFT JOIN "Region" g ON g."code" = q."regionCode"
       WHERE (${year}::int IS NULL OR q."year" = ${year}::int)
         AND (${region}::text IS NULL OR q."regionCode" LIKE ${region}::text || '%')
         AND (${limits}::text[] IS NULL OR q."agencyName" IS NULL
              OR EXISTS (SELECT 1 FROM unnest(${limits}::text[]) p WHERE q."regionCode" LIKE p || '%'))
    )`;
  const offset = (filters.page - 1) * REVIEW_PAGE_SIZE;
  const [rows, [count]] = await Promise.all([
    runQuery<
      Omit<ReviewQueueRow, "regionNames" | "uploadedAt"> & { regionNames: string[] | null; uploadedAt: Date }
    >(
      getPool(db),
      sql`${queue}
          SELECT f."kind", f."id", f."agencyName", f."asPrinted", f."year", f."template", f."status",
                 f."inconsistent", f."uncertain", f."fileName", f."uploadedAt",
                 (SELECT array_agg(x."name" ORDER BY length(x."path")) FROM "Region" x
                   WHERE f."path" LIKE x."path" || '%') AS "regionNames"
            FROM filtered f
           ORDER BY f."uploadedAt" DESC, f."kind", f."id" DESC
           LIMIT ${REVIEW_PAGE_SIZE}::int OFFSET ${offset}::int`,
    ),
    runQuery<{ total: number }>(getPool(db), sql`${queue} SELECT count(*)::int AS "total" FROM filtered`),
  ]);
  return {
    rows: rows.map((row) => ({
      ...row,
      regionNames: row.regionNames ?? [],
      uploadedAt: row.uploadedAt.toISOString(),
    })),
    total: count!.total,
  };
}
