// 数据质量: one page of open findings of the current reports in scope for a year — optionally of one code or
// only the cross-year rules (origin across_years) — with the agency each belongs to, in agency-name order.
// The total comes from the summaries (RegionYearFindings) where they hold the scope, else from its own count
// query. The page is read the way that stays small at a million reports: none when the total is 0; for a
// region, from its reports (one index range), each report's findings by index (LATERAL … OFFSET 0 keeps
// the planner from hashing every finding of every year instead); for the whole country, by
// walking agencies in name order until the page is full (many findings), or from the open findings of the
// code or origin asked for (few).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";
import { summaryScopeWhere } from "@/lib/queries/summary-sql";

export const FINDINGS_PAGE_SIZE = 50;
/** Below this many matching findings in the country, walking agencies by name would pass too many by. */
const WALK_MIN_FINDINGS = 1000;

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
  /** Below this many matching findings the country's page is read from the findings (tests vary it). */
  walkMinFindings?: number;
}): Promise<{ rows: OpenFindingRow[]; total: number }> {
  const { db, year, scope } = options;
  const code = options.code ?? null;
  const origin = options.origin ?? null;
  const pageSize = options.pageSize ?? FINDINGS_PAGE_SIZE;
  const offset = ((options.page ?? 1) - 1) * pageSize;
  const findingWhere = Prisma.sql`f."status" = 'open'
    AND (${code}::text IS NULL OR f."code" = ${code}::text)
    AND (${origin}::text IS NULL OR f."origin"::text = ${origin}::text)`;
  const where = Prisma.sql`m."year" = ${year}::int AND ${scopeWhere(scope, "m")} AND ${findingWhere}`;
  const total = await countOpenFindings({ db, year, scope, code, origin, where });
  if (total === 0 || offset >= total) return { rows: [], total };
  const select = Prisma.sql`SELECT f."id", f."code", f."kind"::text AS "kind", f."message", f."cellIds", f."reportId",
             m."agencyId", a."name" AS "agencyName", m."year"`;
  const page = Prisma.sql`ORDER BY a."name", f."code", f."id" LIMIT ${pageSize}::int OFFSET ${offset}::int`;
  let rows: OpenFindingRow[];
  if (scope.regionPath) {
    rows = await db.$queryRaw<OpenFindingRow[]>`
      WITH m AS MATERIALIZED (
        SELECT m."reportId", m."agencyId", m."year" FROM "ReportMetrics" m
         WHERE m."year" = ${year}::int AND ${scopeWhere(scope, "m")}
      )
      ${select}
        FROM m
        CROSS JOIN LATERAL (SELECT * FROM "Finding" f WHERE f."reportId" = m."reportId" AND ${findingWhere} OFFSET 0) f
        JOIN "Agency" a ON a."id" = m."agencyId"
       ${page}`;
  } else if (total < (options.walkMinFindings ?? WALK_MIN_FINDINGS)) {
    rows = await db.$queryRaw<OpenFindingRow[]>`
      WITH f AS MATERIALIZED (SELECT * FROM "Finding" f WHERE ${findingWhere})
      ${select}
        FROM f JOIN "ReportMetrics" m ON m."reportId" = f."reportId" JOIN "Agency" a ON a."id" = m."agencyId"
       WHERE ${where} ${page}`;
  } else {
    rows = await db.$queryRaw<OpenFindingRow[]>`
      ${select}
        FROM "ReportMetrics" m
        JOIN "Finding" f ON f."reportId" = m."reportId"
        JOIN "Agency" a ON a."id" = m."agencyId"
       WHERE ${where} ${page}`;
  }
  return { rows, total };
}

async function countOpenFindings(options: {
  db: PrismaClient;
  year: number;
  scope: ReportScope;
  code: string | null;
  origin: string | null;
  where: Prisma.Sql;
}): Promise<number> {
  const { db, year, scope, code, origin } = options;
  const summaryWhere = summaryScopeWhere(scope);
  const [count] = summaryWhere
    ? await db.$queryRaw<{ total: number }[]>`
        SELECT coalesce(sum(s."findings"), 0)::int AS "total" FROM "RegionYearFindings" s
         WHERE s."year" = ${year}::int AND ${summaryWhere}
           AND (${code}::text IS NULL OR s."code" = ${code}::text)
           AND (${origin}::text IS NULL OR s."origin" = ${origin}::text)`
    : await db.$queryRaw<{ total: number }[]>`
        SELECT count(*)::int AS "total"
          FROM "ReportMetrics" m JOIN "Finding" f ON f."reportId" = m."reportId" WHERE ${options.where}`;
  return count?.total ?? 0;
}
