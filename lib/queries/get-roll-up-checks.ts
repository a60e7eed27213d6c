// The roll-up check (汇总核对): a 区/县 or 市 government's own report is its region's summary, so each cell of
// its tables 三 and 四 should equal the sum over its children's reports of the same year — its departments
// (Agency.parentId) and the governments one level down (a county's 乡镇/街道, a city's 区县政府). Children
// without a current report that year are named as missing, never counted as zero; towns or counties of the
// gazetteer with no agency at all are missing too. A cell is a finding when the parent printed a value and
// it differs from the children's sum, read from RollUpCellSums (kept by the summaries' refresh). For at most
// MAX_GOVERNMENTS governments.
//   const { checks, total } = await getRollUpChecks({ db, year: 2023, regionPath: "53/5303/" });
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { CHILD_GOVERNMENT_KINDS, governmentChildrenSql } from "@/lib/metrics/roll-up-children";

export const MAX_GOVERNMENTS = 100;
/** Values are DECIMAL(20, 4): anything below this is rounding, not a difference. */
const TOLERANCE = 0.00005;

export interface RollUpChild {
  agencyId: number | null;
  name: string;
  /** The region of a child that has no agency on record (a town of the gazetteer). */
  regionCode: string | null;
}

export interface RollUpMismatch {
  cellId: string;
  tableNo: number;
  /** 表三 / 表四 row path and column, as in the template. */
  label: string;
  parentValue: number;
  childrenSum: number;
  /** Children whose report has a value in this cell. */
  childrenWithValue: number;
}

export interface RollUpCheck {
  government: { agencyId: number; name: string; kind: string; reportId: number; regionCode: string };
  regionName: string;
  year: number;
  reported: RollUpChild[];
  missing: RollUpChild[];
  cellsCompared: number;
  mismatches: RollUpMismatch[];
}

export async function getRollUpChecks(options: {
  db: PrismaClient;
  year: number;
  /** The region and everything in it ("53/5303/"); null = everywhere (the first MAX_GOVERNMENTS). */
  regionPath: string | null;
  limit?: number;
}): Promise<{ checks: RollUpCheck[]; total: number }> {
  const { db, year } = options;
  const prefix = `${options.regionPath ?? ""}%`;
  const limit = Math.min(options.limit ?? MAX_GOVERNMENTS, MAX_GOVERNMENTS);
  const governmentWhere = Prisma.sql`a."kind" IN ('区县政府', '市政府') AND r."path" LIKE ${prefix}`;
  // One statement, one round trip: the governments (materialized once) and, from their ids, their
  // children, the gazetteer's towns/counties without an agency, how many of their own cells were compared and
  // the cells that differ from the children's sums, each aggregated to JSON in the order the check lists them. The ids go in as arrays
  // (InitPlans), so each part keeps the index lookups it had as a query of its own; the page's section waited
  // for two rounds of queries before (the governments, then the rest), which under load was most of its p95.
  const [row] = await db.$queryRaw<
    {
      total: number;
      governments: GovernmentRow[] | null;
      children: { govId: number; agencyId: number; name: string; reportId: number | null }[] | null;
      emptyRegions: { govId: number; code: string; name: string }[] | null;
      compared: { reportId: number; n: number }[] | null;
      /** [governmentId, cellNo, parent's value, children's sum, children with a value] */
      mismatches: [number, number, number, number, number][] | null;
      /** cellNo → [cellId, tableNo, label] */
      labels: Record<string, [string, number, string]> | null;
    }[]
  >`
    WITH gov AS MATERIALIZED (
      SELECT a."id" AS "agencyId", a."name", a."kind", a."regionCode", r."name" AS "regionName", p."id" AS "reportId",
             r."path"
        FROM "Agency" a
        JOIN "Region" r ON r."code" = a."regionCode"
        JOIN "Report" p ON p."agencyId" = a."id" AND p."year" = ${year}::int AND p."isCurrent"
       WHERE ${governmentWhere}
       ORDER BY r."path", a."name" LIMIT ${limit}::int),
    ids AS MATERIALIZED (SELECT array_agg("agencyId") AS "ids", array_agg("reportId") AS "reportIds" FROM gov),
    cell AS MATERIALIZED (
      SELECT v."reportId", v."cellNo", v."value"::float8 AS "value"
        FROM "CellValue" v JOIN "CellDefinition" d ON d."cellNo" = v."cellNo"
       WHERE v."reportId" = ANY((SELECT "reportIds" FROM ids)::int[]) AND d."tableNo" IN (3, 4)
         AND v."value" IS NOT NULL),
    g AS (SELECT "id", "kind", "regionCode" FROM "Agency" WHERE "id" = ANY((SELECT "ids" FROM ids)::int[])),
    differing AS MATERIALIZED (
      SELECT gov."agencyId" AS "govId", c."cellNo", c."value", coalesce(s."sum"::float8, 0) AS "sum",
             coalesce(s."children", 0) AS "n"
        FROM cell c
        JOIN gov ON gov."reportId" = c."reportId"
        LEFT JOIN "RollUpCellSums" s
          ON s."governmentId" = gov."agencyId" AND s."year" = ${year}::int AND s."cellNo" = c."cellNo"
       WHERE abs(coalesce(s."sum"::float8, 0) - c."value") > ${TOLERANCE}::float8),
    child AS (${Prisma.raw(governmentChildrenSql("g", `g."id" AS "govId", c."id" AS "agencyId", c."name"`))})
    SELECT
      (SELECT count(*)::int FROM "Agency" a
         JOIN "Region" r ON r."code" = a."regionCode"
         JOIN "Report" p ON p."agencyId" = a."id" AND p."year" = ${year}::int AND p."isCurrent"
        WHERE ${governmentWhere}) AS "total",
      (SELECT json_agg(json_build_object('agencyId', "agencyId", 'name', "name", 'kind', "kind",
                                         'regionCode', "regionCode", 'regionName', "regionName",
                                         'reportId', "reportId") ORDER BY "path", "name")
         FROM gov) AS "governments",
      (SELECT json_agg(json_build_object('govId', ch."govId", 'agencyId', ch."agencyId", 'name', ch."name",
                                         'reportId', p."id") ORDER BY ch."name")
         FROM child ch
         LEFT JOIN "Report" p ON p."agencyId" = ch."agencyId" AND p."year" = ${year}::int AND p."isCurrent"
      ) AS "children",
      (SELECT json_agg(json_build_object('govId', g."id", 'code', cr."code", 'name', cr."name") ORDER BY cr."code")
         FROM "Agency" g JOIN "Region" cr ON cr."parentCode" = g."regionCode"
        WHERE g."id" = ANY((SELECT "ids" FROM ids)::int[])
          AND cr."level" = CASE g."kind" WHEN '区县政府' THEN 'town'::"RegionLevel" ELSE 'county'::"RegionLevel" END
          AND NOT EXISTS (SELECT 1 FROM "Agency" c WHERE c."regionCode" = cr."code"
                           AND c."kind" = ANY(${Prisma.raw(CHILD_GOVERNMENT_KINDS)}))
      ) AS "emptyRegions",
      (SELECT json_agg(json_build_object('reportId', c."reportId", 'n', c."n"))
         FROM (SELECT "reportId", count(*)::int AS "n" FROM cell GROUP BY 1) c) AS "compared",
      -- Only the cells that differ leave the database (a city's 21 governments have ~4 000 cells of tables
      -- 三/四): the same float8 comparison as before, against the children's sums kept by the summaries'
      -- refresh (RollUpCellSums) — a lookup per government instead of summing every child's cells on request
      -- (~200 000 cells for a city's governments). No sum = no child has a value: 0. Each cell's label once.
      (SELECT json_agg(json_build_array(m."govId", m."cellNo", m."value", m."sum", m."n") ORDER BY m."cellNo")
         FROM differing m) AS "mismatches",
      (SELECT json_object_agg(d."cellNo", json_build_array(d."cellId", d."tableNo",
                                array_to_string(d."rowPath", ' / ') || ' · ' || d."columnLabel"))
         FROM "CellDefinition" d WHERE d."cellNo" IN (SELECT "cellNo" FROM differing)) AS "labels"`;
  const total = row?.total ?? 0;
  const governments = row?.governments ?? [];
  if (governments.length === 0) return { checks: [], total };
  const children = row?.children ?? [];
  const emptyRegions = row?.emptyRegions ?? [];
  const compared = new Map((row?.compared ?? []).map((c) => [c.reportId, c.n]));
  const labels = row?.labels ?? {};
  const differing = (row?.mismatches ?? []).map(([govId, cellNo, parentValue, childrenSum, n]) => {
    const [cellId, tableNo, label] = labels[cellNo]!;
    return { govId, cellId, tableNo, label, parentValue, childrenSum, childrenWithValue: n };
  });
  const checks = governments.map((government): RollUpCheck => {
    const own = children.filter((child) => child.govId === government.agencyId);
    const reported = own.filter((c) => c.reportId !== null);
    const mismatches =
      reported.length === 0
        ? []
        : differing
            .filter((m) => m.govId === government.agencyId)
            .map(({ govId: _, ...mismatch }): RollUpMismatch => mismatch);
    return {
      government: {
        agencyId: government.agencyId,
        name: government.name,
        kind: government.kind,
        reportId: government.reportId,
        regionCode: government.regionCode,
      },
      regionName: government.regionName,
      year,
      reported: reported.map((c) => ({ agencyId: c.agencyId, name: c.name, regionCode: null })),
      missing: [
        ...own
          .filter((c) => c.reportId === null)
          .map((c) => ({ agencyId: c.agencyId, name: c.name, regionCode: null })),
        ...emptyRegions
          .filter((r) => r.govId === government.agencyId)
          .map((r) => ({ agencyId: null, name: r.name, regionCode: r.code })),
      ],
      cellsCompared: reported.length === 0 ? 0 : (compared.get(government.reportId) ?? 0),
      mismatches,
    };
  });
  return { checks, total };
}

interface GovernmentRow {
  agencyId: number;
  name: string;
  kind: string;
  regionCode: string;
  regionName: string;
  reportId: number;
}
