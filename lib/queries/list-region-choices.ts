// The regions 待核对 can be filtered by: the provinces, cities and counties that have agencies, as
// "云南省 › 曲靖市" labels in tree order. Bounded: the county level appears only below the first few hundred.
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql } from "@/lib/db/sql";

const MAX_CHOICES = 500;

export async function listRegionChoices(db: Db): Promise<{ code: string; label: string }[]> {
  const rows = await runQuery<{ code: string; label: string }>(
    getPool(db),
    sql`SELECT x."code", (SELECT string_agg(y."name", ' › ' ORDER BY length(y."path")) FROM "Region" y
                          WHERE x."path" LIKE y."path" || '%') AS "label"
          FROM "Region" x
         WHERE x."level" IN ('province', 'city', 'county')
           AND EXISTS (SELECT 1 FROM "Agency" a WHERE a."regionCode" LIKE x."code" || '%')
         ORDER BY x."path" LIMIT ${MAX_CHOICES}::int`,
  );
  return rows;
}
