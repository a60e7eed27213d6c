// The region a reading's agency belongs to, for region limits: the agency's own region when it is already
// known by that name (or as an alias), otherwise the most specific region the reader resolved. Null when
// neither is known — a region-limited staff member may then not file the report.
import { runQuery, sql, type SqlClient } from "@/lib/db/sql";
import type { RegionCodes } from "@/lib/reader/types";

export async function findAgencyRegion(
  client: SqlClient,
  reading: { agency: { name: string | null }; regionCodes: RegionCodes },
): Promise<string | null> {
  const name = reading.agency.name;
  if (!name) return null;
  const [known] = await runQuery<{ regionCode: string | null }>(
    client,
    sql`SELECT a."regionCode" FROM "Agency" a WHERE a."name" = ${name}
        UNION ALL
        SELECT a."regionCode" FROM "AgencyAlias" x JOIN "Agency" a ON a."id" = x."agencyId" WHERE x."name" = ${name}
        LIMIT 1`,
  );
  const codes = reading.regionCodes;
  return known?.regionCode ?? codes.town ?? codes.county ?? codes.city ?? codes.province ?? null;
}
