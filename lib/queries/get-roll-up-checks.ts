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
  const [governments, [counted]] = await Promise.all([
    db.$queryRaw<
      {
        agencyId: number;
        name: string;
        kind: string;
        regionCode: string;
        regionName: string;
        reportId: number;
      }[]
    >`
      SELECT a."id" AS "agencyId", a."name", a."kind", a."regionCode", r."name" AS "regionName", p."id" AS "reportId"
        FROM "Agency" a
        JOIN "Region" r ON r."code" = a."regionCode"
        JOIN "Report" p ON p."agencyId" = a."id" AND p."year" = ${year}::int AND p."isCurrent"
       WHERE ${governmentWhere}
       ORDER BY r."path", a."name" LIMIT ${limit}::int`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS "total" FROM "Agency" a
        JOIN "Region" r ON r."code" = a."regionCode"
        JOIN "Report" p ON p."agencyId" = a."id" AND p."year" = ${year}::int AND p."isCurrent"
       WHERE ${governmentWhere}`,
  ]);
  if (governments.length === 0) return { checks: [], total: counted?.total ?? 0 };
  const ids = governments.map((g) => g.agencyId);
  const [children, emptyRegions, parentCells, childSums] = await Promise.all([
    db.$queryRaw<{ govId: number; agencyId: number; name: string; reportId: number | null }[]>`
      WITH g AS (SELECT "id", "kind", "regionCode" FROM "Agency" WHERE "id" = ANY(${ids}::int[])),
      child AS (${Prisma.raw(governmentChildrenSql("g", `g."id" AS "govId", c."id" AS "agencyId", c."name"`))})
      SELECT ch."govId", ch."agencyId", ch."name", p."id" AS "reportId"
        FROM child ch
        LEFT JOIN "Report" p ON p."agencyId" = ch."agencyId" AND p."year" = ${year}::int AND p."isCurrent"
       ORDER BY ch."name"`,
    db.$queryRaw<{ govId: number; code: string; name: string }[]>`
      SELECT g."id" AS "govId", cr."code", cr."name"
        FROM "Agency" g JOIN "Region" cr ON cr."parentCode" = g."regionCode"
       WHERE g."id" = ANY(${ids}::int[])
         AND cr."level" = CASE g."kind" WHEN '区县政府' THEN 'town'::"RegionLevel" ELSE 'county'::"RegionLevel" END
         AND NOT EXISTS (SELECT 1 FROM "Agency" c WHERE c."regionCode" = cr."code"
                          AND c."kind" = ANY(${Prisma.raw(CHILD_GOVERNMENT_KINDS)}))
       ORDER BY cr."code"`,
    db.$queryRaw<
      { reportId: number; cellNo: number; cellId: string; tableNo: number; label: string; value: number }[]
    >`
      SELECT v."reportId", v."cellNo"::int AS "cellNo", d."cellId", d."tableNo"::int AS "tableNo",
             array_to_string(d."rowPath", ' / ') || ' · ' || d."columnLabel" AS "label", v."value"::float8 AS "value"
        FROM "CellValue" v JOIN "CellDefinition" d ON d."cellNo" = v."cellNo"
       WHERE v."reportId" = ANY(${governments.map((g) => g.reportId)}::int[]) AND d."tableNo" IN (3, 4)
         AND v."value" IS NOT NULL
       ORDER BY v."cellNo"`,
    // The children's sums are kept by the summaries' refresh (RollUpCellSums): a lookup per government
    // instead of summing every child's cells on request (~200 000 cells for a city's governments).
    db.$queryRaw<{ govId: number; cellId: string; sum: number; n: number }[]>`
      SELECT s."governmentId" AS "govId", d."cellId", s."sum"::float8 AS "sum", s."children" AS "n"
        FROM "RollUpCellSums" s JOIN "CellDefinition" d ON d."cellNo" = s."cellNo"
       WHERE s."governmentId" = ANY(${ids}::int[]) AND s."year" = ${year}::int`,
  ]);
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
  return { checks, total: counted?.total ?? 0 };
}
