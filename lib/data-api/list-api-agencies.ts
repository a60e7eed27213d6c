// GET /api/agencies: agencies matching the dashboard's filters — region (the agency's region or below),
// kinds, ids, name search (names and printed aliases), and years (those with a current report then) — by id.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { RegionTrail } from "@/lib/queries/get-region-trail";
import { escapeLike } from "@/lib/queries/search-agencies";
import { decodeIdCursor, toPage, type ApiPage, type agencyListQuerySchema } from "./api-list-query";
import type { z } from "zod";

export interface ApiAgency {
  id: number;
  name: string;
  kind: string;
  regionCode: string | null;
  /** Province first, down to the agency's own region. */
  regionNames: string[];
  parentId: number | null;
}

export async function listApiAgencies(options: {
  db: PrismaClient;
  query: z.infer<typeof agencyListQuerySchema>;
  region: RegionTrail | null;
}): Promise<ApiPage<ApiAgency>> {
  const { db, query, region } = options;
  const after = decodeIdCursor(query.cursor);
  const years = [...new Set([...(query.years ?? []), ...(query.year ? [query.year] : [])])];
  const conditions: Prisma.Sql[] = [Prisma.sql`a."id" > ${after}::int`];
  if (region) conditions.push(Prisma.sql`r."path" LIKE ${`${region.path}%`}`);
  if (query.kind) conditions.push(Prisma.sql`a."kind" = ANY(${query.kind}::text[])`);
  if (query.agencies) conditions.push(Prisma.sql`a."id" = ANY(${query.agencies}::int[])`);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(Prisma.sql`(a."name" LIKE ${pattern} OR EXISTS (
      SELECT 1 FROM "AgencyAlias" al WHERE al."agencyId" = a."id" AND al."name" LIKE ${pattern}))`);
  }
  if (years.length > 0) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "ReportMetrics" m
      WHERE m."agencyId" = a."id" AND m."year" = ANY(${years}::int[]))`);
  }
  const rows = await db.$queryRaw<Array<ApiAgency & { regionNames: string[] | null }>>`
    SELECT a."id", a."name", a."kind", a."regionCode", a."parentId",
           (SELECT array_agg(x."name" ORDER BY length(x."path")) FROM "Region" x
             WHERE x."code" = ANY (string_to_array(rtrim(r."path", '/'), '/'))) AS "regionNames"
      FROM "Agency" a LEFT JOIN "Region" r ON r."code" = a."regionCode"
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY a."id" LIMIT ${query.limit + 1}::int`;
  const items = rows.map((row) => ({ ...row, regionNames: row.regionNames ?? [] }));
  return toPage(items, query.limit, (row) => row.id);
}
