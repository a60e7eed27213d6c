// Who a government's children are in the roll-up check (汇总核对): its departments (Agency.parentId) and the
// governments one level down — a county's 乡镇/街道, a city's 区县政府. Written once for the sums the summaries'
// refresh keeps (build-summary-sql.ts) and for the children the check names and counts as missing
// (lib/queries/get-roll-up-checks.ts), so the two never disagree on who counts.
//   `child AS (${governmentChildrenSql("gov g", `g."id" AS "governmentId", c."id" AS "agencyId"`)})`

/**
 * How a statement finds Agency rows: "join" (many rows at once: hash joins), or "index" — each by its own
 * index lookup (LATERAL … OFFSET 0), for one upload's statements, whose generic plans inside a function
 * otherwise hash-joined a scan of the whole table (governmentChildrenSql; upsert-agencies.ts).
 */
export type AgencyLookup = "join" | "index";

/** The kinds of government `g`'s children one level down, as an SQL array. */
export const CHILD_GOVERNMENT_KINDS = `CASE g."kind" WHEN '区县政府' THEN ARRAY['乡镇', '街道'] ELSE ARRAY['区县政府'] END`;

/**
 * Every (government, child) pair over `governments`, a FROM item aliased `g` with "id", "kind" and "regionCode";
 * `columns` selects from `g` and the child `c`. A government's lower governments are looked up by index
 * (LATERAL … OFFSET 0, region by parent, agency by region): joined as a whole, with the statistics of before
 * a bulk import's latest batches the planner paired every government of the keys with every agency
 * (bench:ingest-cpu: the roll-up 40 → 120 ms per batch of 1,000 reports, growing with the agencies).
 * `lookup: "index"` (a recompute of the keys a change touched, one upload's government): its departments
 * and its lower governments' agencies by index as well — joined, the lower governments' Agency scan (its
 * kind filter a parameter of the government) was hashed anew for every government, on every upload and
 * for each of a bulk batch's few hundred governments (bench:ingest-cpu --explain). The rebuild of every
 * government keeps the joins.
 */
export function governmentChildrenSql(
  governments: string,
  columns: string,
  lookup: AgencyLookup = "join",
): string {
  const departments =
    lookup === "index"
      ? `CROSS JOIN LATERAL (SELECT c.* FROM "Agency" c WHERE c."parentId" = g."id" OFFSET 0) c`
      : `JOIN "Agency" c ON c."parentId" = g."id"`;
  const lowerAgencies =
    lookup === "index"
      ? `CROSS JOIN LATERAL (SELECT c.* FROM "Agency" c
                            WHERE c."regionCode" = cr."code" AND c."kind" = ANY(${CHILD_GOVERNMENT_KINDS}) OFFSET 0) c
       WHERE cr."parentCode" = g."regionCode"`
      : `JOIN "Agency" c ON c."regionCode" = cr."code"
       WHERE cr."parentCode" = g."regionCode" AND c."kind" = ANY(${CHILD_GOVERNMENT_KINDS})`;
  return `SELECT ${columns}
    FROM ${governments} ${departments}
  UNION
  SELECT ${columns}
    FROM ${governments}
    CROSS JOIN LATERAL (
      SELECT c.* FROM "Region" cr ${lowerAgencies} OFFSET 0
    ) c`;
}
