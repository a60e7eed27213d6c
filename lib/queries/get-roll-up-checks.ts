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
  // children, the gazetteer's towns/counties without an agency, their own cells and the children's sums kept
  // in RollUpCellSums, each aggregated to JSON in the order the check lists them. The ids go in as arrays
  // (InitPlans), so each part keeps the index lookups it had as a query of its own; the page's section waited
  // for two rounds of queries before (the governments, then the rest), which under load was most of its p95.
  const [row] = await db.$queryRaw<
    {
      total: number;
      governments: GovernmentRow[] | null;
      children: { govId: number; agencyId: number; name: string; reportId: number | null }[] | null;
      emptyRegions: { govId: number; code: string; name: string }[] | null;
      parentCells:
        | {
            reportId: number;
            cellNo: number;
            cellId: string;
            tableNo: number;
            label: string;
            value: number;
          }[]
        | null;
      childSums: { govId: number; cellId: string; sum: number; n: number }[] | null;
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
    g AS (SELECT "id", "kind", "regionCode" FROM "Agency" WHERE "id" = ANY((SELECT "ids" FROM ids)::int[])),
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
      (SELECT json_agg(json_build_object('reportId', v."reportId", 'cellNo', v."cellNo", 'cellId', d."cellId",
                                         'tableNo', d."tableNo",
                                         'label', array_to_string(d."rowPath", ' / ') || ' · ' || d."columnLabel",
                                         'value', v."value"::float8) ORDER BY v."cellNo")
         FROM "CellValue" v JOIN "CellDefinition" d ON d."cellNo" = v."cellNo"
        WHERE v."reportId" = ANY((SELECT "reportIds" FROM ids)::int[]) AND d."tableNo" IN (3, 4)
          AND v."value" IS NOT NULL
      ) AS "parentCells",
      -- The children's sums are kept by the summaries' refresh (RollUpCellSums): a lookup per government
      -- instead of summing every child's cells on request (~200 000 cells for a city's governments).
      (SELECT json_agg(json_build_object('govId', s."governmentId", 'cellId', d."cellId", 'sum', s."sum"::float8,
                                         'n', s."children"))
         FROM "RollUpCellSums" s JOIN "CellDefinition" d ON d."cellNo" = s."cellNo"
        WHERE s."governmentId" = ANY((SELECT "ids" FROM ids)::int[]) AND s."year" = ${year}::int
      ) AS "childSums"`;
  const total = row?.total ?? 0;
  const governments = row?.governments ?? [];
  if (governments.length === 0) return { checks: [], total };
  const children = row?.children ?? [];
  const emptyRegions = row?.emptyRegions ?? [];
  const parentCells = row?.parentCells ?? [];
  const childSums = row?.childSums ?? [];
  const checks = governments.map((government): RollUpCheck => {
    const own = children.filter((child) => child.govId === government.agencyId);
    const reported = own.filter((c) => c.reportId !== null);
    const sums = new Map(childSums.filter((s) => s.govId === government.agencyId).map((s) => [s.cellId, s]));
    const cells = parentCells.filter((cell) => cell.reportId === government.reportId);
    const mismatches =
      reported.length === 0
        ? []
        : cells.flatMap((cell): RollUpMismatch[] => {
            const sum = sums.get(cell.cellId);
            const childrenSum = sum?.sum ?? 0;
            if (Math.abs(childrenSum - cell.value) <= TOLERANCE) return [];
            return [
              {
                cellId: cell.cellId,
                tableNo: cell.tableNo,
                label: cell.label,
                parentValue: cell.value,
                childrenSum,
                childrenWithValue: sum?.n ?? 0,
              },
            ];
          });
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
      cellsCompared: reported.length === 0 ? 0 : cells.length,
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
