// 数据质量: one page of open findings of the current reports in scope for a year — optionally of one code or
// only the cross-year rules (origin across_years) — with the agency each belongs to; the total from its
// own count query.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";

export const FINDINGS_PAGE_SIZE = 50;

export interface OpenFindingRow {
  id: number;
  code: string;
  kind: "inconsistent" | "uncertain";
  message: string;
  cellIds: string[];
  reportId: number;
  agencyId: number;
  agencyName: string;
  year: number;
}

export async function listOpenFindings(options: {
  db: PrismaClient;
  year: number;
  scope: ReportScope;
  code?: string | null;
  origin?: "reader" | "across_years" | null;
  page?: number;
  pageSize?: number;
}): Promise<{ rows: OpenFindingRow[]; total: number }> {
  const { db, year, scope } = options;
  const code = options.code ?? null;
  const origin = options.origin ?? null;
  const pageSize = options.pageSize ?? FINDINGS_PAGE_SIZE;
  const offset = ((options.page ?? 1) - 1) * pageSize;
  const where = Prisma.sql`m."year" = ${year}::int AND ${scopeWhere(scope, "m")} AND f."status" = 'open'
    AND (${code}::text IS NULL OR f."code" = ${code}::text)
    AND (${origin}::text IS NULL OR f."origin"::text = ${origin}::text)`;
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<OpenFindingRow[]>`
      SELECT f."id", f."code", f."kind"::text AS "kind", f."message", f."cellIds", f."reportId",
             m."agencyId", a."name" AS "agencyName", m."year"
        FROM "ReportMetrics" m
        JOIN "Finding" f ON f."reportId" = m."reportId"
        JOIN "Agency" a ON a."id" = m."agencyId"
       WHERE ${where}
       ORDER BY a."name", f."code", f."id"
       LIMIT ${pageSize}::int OFFSET ${offset}::int`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS "total"
        FROM "ReportMetrics" m JOIN "Finding" f ON f."reportId" = m."reportId" WHERE ${where}`,
  ]);
  return { rows, total: count?.total ?? 0 };
}
