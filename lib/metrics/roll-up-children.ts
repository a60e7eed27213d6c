// Who a government's children are in the roll-up check (汇总核对): its departments (Agency.parentId) and the
// governments one level down — a county's 乡镇/街道, a city's 区县政府. Written once for the sums the summaries'
// refresh keeps (build-summary-sql.ts) and for the children the check names and counts as missing
// (lib/queries/get-roll-up-checks.ts), so the two never disagree on who counts.
//   `child AS (${governmentChildrenSql("gov g", `g."id" AS "governmentId", c."id" AS "agencyId"`)})`

/** The kinds of government `g`'s children one level down, as an SQL array. */
export const CHILD_GOVERNMENT_KINDS = `CASE g."kind" WHEN '区县政府' THEN ARRAY['乡镇', '街道'] ELSE ARRAY['区县政府'] END`;

/**
 * Every (government, child) pair over `governments`, a FROM item aliased `g` with "id", "kind" and "regionCode";
 * `columns` selects from `g` and the child `c`. A government's children are looked up by index (LATERAL …
 * OFFSET 0): its departments by parent, its lower governments by region by parent and agency by region.
 * Joined as a whole, with the statistics of before a bulk import's latest batches the planner paired every
 * government of the keys with every agency (bench:ingest-cpu: the roll-up 40 → 120 ms per batch of 1,000
 * reports, growing with the agencies), and an upload's generic plan hashed all of Agency for the
 * departments of its one or two governments (bench:ingest-cpu --explain).
 */
export function governmentChildrenSql(governments: string, columns: string): string {
  return `SELECT ${columns}
    FROM ${governments}
    CROSS JOIN LATERAL (SELECT c.* FROM "Agency" c WHERE c."parentId" = g."id" OFFSET 0) c
  UNION
  SELECT ${columns}
    FROM ${governments}
    CROSS JOIN LATERAL (
      SELECT c.* FROM "Region" cr
       CROSS JOIN LATERAL (SELECT c.* FROM "Agency" c
                            WHERE c."regionCode" = cr."code" AND c."kind" = ANY(${CHILD_GOVERNMENT_KINDS}) OFFSET 0) c
       WHERE cr."parentCode" = g."regionCode" OFFSET 0
    ) c`;
}
