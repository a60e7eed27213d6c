// GET /api/regions: the provinces, or the children of `region`, by code — the region tree a page at a time.
import type { PrismaClient, RegionLevel } from "@/lib/generated/prisma/client";
import { decodeCursor, toPage, type ApiPage, type regionListQuerySchema } from "./api-list-query";
import type { z } from "zod";

export interface ApiRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** The codes from the province down, each followed by "/". */
  path: string;
}

export async function listApiRegions(options: {
  db: PrismaClient;
  query: z.infer<typeof regionListQuerySchema>;
}): Promise<ApiPage<ApiRegion>> {
  const { db, query } = options;
  const after = decodeCursor(query.cursor, /^\d{2,12}$/) ?? "";
  const parent = query.region ?? null;
  const rows = await db.$queryRaw<ApiRegion[]>`
    SELECT r."code", r."name", r."level", r."parentCode", r."path"
      FROM "Region" r
     WHERE (${parent}::text IS NULL AND r."parentCode" IS NULL OR r."parentCode" = ${parent}::text)
       AND r."code" > ${after}::text
     ORDER BY r."code" LIMIT ${query.limit + 1}::int`;
  return toPage(rows, query.limit, (row) => row.code);
}
