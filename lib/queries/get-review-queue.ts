// 数据质量: what waits for staff — documents whose agency or year could not be resolved (they are not
// reports yet, so no region or year filter applies), and current reports in scope not yet confirmed —
// counted from the summaries (RegionYearMetrics."toReview") where they hold the scope.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";
import { summaryScopeWhere } from "@/lib/queries/summary-sql";

export const QUEUE_LIMIT = 20;

export interface WaitingDocument {
  documentId: number;
  fileName: string;
  status: "needs_agency" | "needs_year";
  /** ISO 8601. */
  uploadedAt: string;
}

export interface ReviewQueue {
  documents: WaitingDocument[];
  documentsTotal: number;
  /** Current reports in scope for the year that are still needs_review. */
  reportsToReview: number;
  reportsTotal: number;
}

export async function getReviewQueue(options: {
  db: PrismaClient;
  year: number;
  scope: ReportScope;
}): Promise<ReviewQueue> {
  const { db, year, scope } = options;
  const [documents, [documentCount], [reportCount]] = await Promise.all([
    db.$queryRaw<(Omit<WaitingDocument, "uploadedAt"> & { uploadedAt: Date })[]>`
      SELECT d."id" AS "documentId", d."fileName", d."status"::text AS "status", d."uploadedAt"
        FROM "Document" d WHERE d."status" IN ('needs_agency', 'needs_year')
       ORDER BY d."uploadedAt" DESC, d."id" DESC LIMIT ${QUEUE_LIMIT}::int`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS "total" FROM "Document" d WHERE d."status" IN ('needs_agency', 'needs_year')`,
    countReportsToReview({ db, year, scope }),
  ]);
  return {
    documents: documents.map((d) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() })),
    documentsTotal: documentCount?.total ?? 0,
    reportsToReview: reportCount?.waiting ?? 0,
    reportsTotal: reportCount?.total ?? 0,
  };
}

function countReportsToReview(options: {
  db: PrismaClient;
  year: number;
  scope: ReportScope;
}): Promise<{ waiting: number; total: number }[]> {
  const { db, year, scope } = options;
  const summaryWhere = summaryScopeWhere(scope);
  if (summaryWhere) {
    return db.$queryRaw<{ waiting: number; total: number }[]>`
      SELECT coalesce(sum(s."toReview"), 0)::int AS "waiting", coalesce(sum(s."reports"), 0)::int AS "total"
        FROM "RegionYearMetrics" s WHERE s."year" = ${year}::int AND ${summaryWhere}`;
  }
  return db.$queryRaw<{ waiting: number; total: number }[]>`
    SELECT (count(*) FILTER (WHERE r."status" = 'needs_review'))::int AS "waiting", count(*)::int AS "total"
      FROM "ReportMetrics" m JOIN "Report" r ON r."id" = m."reportId"
     WHERE m."year" = ${year}::int AND ${scopeWhere(scope, "m")}`;
}
