// Agencies to pick from when staff correct which agency a report belongs to: those of the same city as the
// report's agency (where a misread name most likely belongs), by name. Any other name can still be typed.
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql } from "@/lib/db/sql";

const MAX_CHOICES = 300;

export async function listAgencyChoices(db: Db, options: { regionCode: string | null }): Promise<string[]> {
  const prefix = options.regionCode ? options.regionCode.slice(0, 4) : null;
  const rows = await runQuery<{ name: string }>(
    getPool(db),
    sql`SELECT "name" FROM "Agency"
         WHERE ${prefix}::text IS NULL OR "regionCode" LIKE ${prefix}::text || '%'
         ORDER BY "name" LIMIT ${MAX_CHOICES}::int`,
  );
  return rows.map((row) => row.name);
}
