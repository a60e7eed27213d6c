// Finds agencies by a piece of their name, of a name they were printed under, or of their region's name
// (“九龙坡” finds every agency in 九龙坡区), for 对比's picker. At most `limit` hits, full-name matches first.
//   const hits = await searchAgencies({ db, q: "白市驿", limit: 20 });
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const SEARCH_LIMIT = 20;

export interface AgencyHit {
  id: number;
  name: string;
  kind: string;
  regionNames: string[];
  /** The printed name that matched, when the match was on an alias. */
  matchedAlias: string | null;
  /** The latest year with a current report, or null. */
  latestYear: number | null;
}

/** `%` and `_` in a person's text are literal characters, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export async function searchAgencies(options: {
  db: PrismaClient;
  q: string;
  limit?: number;
}): Promise<AgencyHit[]> {
  const { db } = options;
  const q = options.q.trim();
  if (!q) return [];
  const pattern = `%${escapeLike(q)}%`;
  const limit = Math.min(options.limit ?? SEARCH_LIMIT, 100);
  const rows = await db.$queryRaw<(AgencyHit & { regionNames: string[] | null })[]>`
    WITH regions AS (
      SELECT r."path" FROM "Region" r WHERE r."name" LIKE ${pattern} ORDER BY length(r."path") LIMIT 20
    ), hits AS (
      SELECT a."id", 0 AS "score", NULL::text AS "matchedAlias" FROM "Agency" a WHERE a."name" LIKE ${pattern}
      UNION ALL
      SELECT al."agencyId", 1, al."name" FROM "AgencyAlias" al WHERE al."name" LIKE ${pattern}
      UNION ALL
      SELECT a."id", 2, NULL FROM "Agency" a JOIN "Region" reg ON reg."code" = a."regionCode"
       WHERE reg."path" LIKE ANY (SELECT regions."path" || '%' FROM regions)
    ), best AS (
      SELECT DISTINCT ON (h."id") h."id", h."score", h."matchedAlias" FROM hits h ORDER BY h."id", h."score"
    )
    SELECT a."id", a."name", a."kind", best."matchedAlias",
           (SELECT max(m."year") FROM "ReportMetrics" m WHERE m."agencyId" = a."id") AS "latestYear",
           (SELECT array_agg(x."name" ORDER BY length(x."path")) FROM "Region" x
             WHERE x."code" = ANY (string_to_array(rtrim(reg."path", '/'), '/'))) AS "regionNames"
      FROM best JOIN "Agency" a ON a."id" = best."id" LEFT JOIN "Region" reg ON reg."code" = a."regionCode"
     ORDER BY best."score", length(a."name"), a."name"
     LIMIT ${limit}::int`;
  return rows.map((row) => ({ ...row, regionNames: row.regionNames ?? [] }));
}
