// RollUpCellSums (汇总核对) kept by difference when an upload makes a new version current: each government
// the agency counts in gets the new version's cells added and the demoted version's subtracted, instead of
// re-summing all its children's cells (a county government has ~54 children × ~200 cells, and the full
// recompute ran for every year of the upload's summary keys). Exact: the sums are DECIMAL and the counts
// integers, so adding and subtracting gives what a fresh sum gives. A government's own first current report
// of a year fills its rows from its children, as the full recompute would.
// Valid only while the agency's parents did not change in the same transaction (a region or parent filled
// in by this reading): the caller then recomputes (build-summary-sql.ts). The statements take the changes as
// four parallel arrays — $1 agency ids, $2 years, $3 the new current report ids, $4 the demoted ones (null
// for a first version); the rows whose last child went are passed from the first statement to the second
// in PL/pgSQL variables (ROLL_UP_EMPTIED_VARIABLES), so they run in the summary function
// (build-summary-function.ts). The caller holds the keys' province locks: every writer of these rows does,
// so the demoted version's cells read here are the ones the sums hold.
import {
  insertRollUpSql,
  IS_SUMMED_CELL,
  ROLL_UP_GOVERNMENT_KINDS,
  rollUpChildrenSql,
} from "@/lib/metrics/build-summary-sql";
import { governmentChildrenSql } from "@/lib/metrics/roll-up-children";

/** The PL/pgSQL variables (int[], int[], smallint[]) that carry the emptied rows' keys to DELETE_EMPTIED. */
const EMPTIED_GOVERNMENTS = "emptied_governments";
export const ROLL_UP_EMPTIED_VARIABLES = `${EMPTIED_GOVERNMENTS}, emptied_years, emptied_cells`;
const EMPTIED = ROLL_UP_EMPTIED_VARIABLES;

const CHANGES = `change AS (
  SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) AS ch("agencyId", "year", "reportId", "previousId")
)`;

// The governments each changed agency is a child of — the same relation as the recompute's
// (roll-up-children.ts): among the governments that could be its parent (its parentId, the 区县政府/市政府
// of its region's parent region), those whose children include it; only those with their own current
// report that year have sums.
// Each lookup by index, whatever the plan's estimates: the agency by id and its governments by the two ways
// a parent is found (its parentId, its region's parent region) as two lookups, not one join on an OR — that
// join, and a hash join of the agency with the changes, read the whole Agency table on every upload
// (bench:upload's sequential-scan rows; LATERAL … OFFSET 0 keeps the lookups from being flattened into them).
const PARENTS = `candidate AS (
  SELECT DISTINCT ch."year", g."id", g."kind", g."regionCode", r."path"
    FROM change ch
    CROSS JOIN LATERAL (SELECT a."parentId", a."regionCode" FROM "Agency" a WHERE a."id" = ch."agencyId" OFFSET 0) a
    LEFT JOIN "Region" ar ON ar."code" = a."regionCode"
    CROSS JOIN LATERAL (
      SELECT g."id", g."kind", g."regionCode" FROM "Agency" g WHERE g."id" = a."parentId" AND ${ROLL_UP_GOVERNMENT_KINDS}
      UNION
      SELECT g."id", g."kind", g."regionCode" FROM "Agency" g WHERE g."regionCode" = ar."parentCode" AND ${ROLL_UP_GOVERNMENT_KINDS}
    ) g
    JOIN "Region" r ON r."code" = g."regionCode"
   WHERE EXISTS (SELECT 1 FROM "Report" o WHERE o."agencyId" = g."id" AND o."year" = ch."year" AND o."isCurrent" OFFSET 0)
),
parent AS (
  SELECT x.* FROM (
    ${governmentChildrenSql("candidate g", `g."year", g."id" AS "governmentId", g."path", c."id" AS "agencyId"`, "index")}
  ) x
  JOIN change ch ON ch."agencyId" = x."agencyId" AND ch."year" = x."year"
)`;

/**
 * The new versions' cells added to their parents' sums and the demoted versions' subtracted; `where` leaves
 * some parents out, `emptied` is how the rows left without children are handed on.
 */
const addDifferenceSql = (where: string, emptied: string) => `WITH ${CHANGES},
${PARENTS},
delta AS (
  SELECT p."governmentId", p."year", v."cellNo", p."path", sum(v."value" * s."sign") AS "sum",
         sum(s."sign")::int AS "children"
    FROM parent p
    JOIN change ch ON ch."agencyId" = p."agencyId" AND ch."year" = p."year"
    CROSS JOIN LATERAL (VALUES (ch."reportId", 1), (ch."previousId", -1)) s("reportId", "sign")
    JOIN "CellValue" v ON v."reportId" = s."reportId" AND v."value" IS NOT NULL AND ${IS_SUMMED_CELL}${where}
   GROUP BY 1, 2, 3, 4
),
added AS (
  INSERT INTO "RollUpCellSums" AS s ("governmentId", "year", "cellNo", "regionPath", "sum", "children")
  SELECT * FROM delta WHERE "sum" <> 0 OR "children" <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT ("governmentId", "year", "cellNo") DO UPDATE
     SET "sum" = s."sum" + EXCLUDED."sum", "children" = s."children" + EXCLUDED."children"
  RETURNING s."governmentId", s."year", s."cellNo", s."children"
)
SELECT ${emptied}
  FROM added WHERE "children" = 0`;
const ADD_DIFFERENCE = addDifferenceSql(
  "",
  `array_agg("governmentId"), array_agg("year"), array_agg("cellNo") INTO ${EMPTIED}`,
);

/**
 * A cell none of a government's children has a value in any more has no row (as after a recompute): the
 * rows the difference just left without children, by key (a row can only lose its last child there) —
 * not every row of the keys' regions, which read a heap page per row. Nearly always there is none: the
 * condition on the array alone is checked once, before any row is read (a plan made while the table was
 * small hash-joins a scan of the whole table with the keys, and ran that scan with no key to find).
 */
const DELETE_EMPTIED = `DELETE FROM "RollUpCellSums" s
 USING unnest(${EMPTIED}) AS e("governmentId", "year", "cellNo")
 WHERE s."governmentId" = e."governmentId" AND s."year" = e."year" AND s."cellNo" = e."cellNo" AND s."children" = 0
   AND cardinality(${EMPTIED_GOVERNMENTS}) > 0`;

/**
 * A government's first current report of a year: its rows from its children, as the recompute fills them
 * (the same children, looked up by index for this one government).
 */
const FILL_NEW_GOVERNMENTS = `WITH ${CHANGES},
gov AS (
  SELECT ch."year", g."id", g."kind", g."regionCode", r."path"
    FROM change ch
    CROSS JOIN LATERAL (
      SELECT g."id", g."kind", g."regionCode" FROM "Agency" g
       WHERE g."id" = ch."agencyId" AND ${ROLL_UP_GOVERNMENT_KINDS} OFFSET 0
    ) g
    JOIN "Region" r ON r."code" = g."regionCode"
   WHERE ch."previousId" IS NULL
),
${rollUpChildrenSql("index")}
${insertRollUpSql("numbers")}
ON CONFLICT ("governmentId", "year", "cellNo") DO UPDATE
   SET "sum" = EXCLUDED."sum", "children" = EXCLUDED."children", "regionPath" = EXCLUDED."regionPath"`;

/**
 * In this order, in a function that declares ROLL_UP_EMPTIED_VARIABLES; all take the changes' arrays. The
 * fill is a wide statement (every summed cell of every child) whose executor start-up costs whether or not
 * it has a government to fill: it runs only when a change is a government's first version (an upload of a
 * department or a town, or a new version, never fills; BENCHMARKS.md, route18).
 */
export const ROLL_UP_DELTA_STATEMENTS: readonly string[] = [
  ADD_DIFFERENCE,
  DELETE_EMPTIED,
  `IF EXISTS (SELECT 1 FROM unnest($1::int[], $4::int[]) AS ch("agencyId", "previousId")
               JOIN "Agency" g ON g."id" = ch."agencyId"
              WHERE ch."previousId" IS NULL AND ${ROLL_UP_GOVERNMENT_KINDS}) THEN
    ${FILL_NEW_GOVERNMENTS};
  END IF`,
];

/** One change: an agency-year whose current version is now `reportId`, `previousId` before (or none). */
export interface VersionChange {
  agencyId: number;
  year: number;
  reportId: number;
  previousId: number | null;
}

// A bulk batch's roll-up sums by difference (lib/ingest/summary-difference.ts): the same statements over all
// its changes (one per agency-year: its current version after the batch, and the one current before it).
// A government whose first version of a year is in the batch is left out as a parent: FILL_NEW_GOVERNMENTS
// fills its rows from all its children as they stand, the batch's included — added to as well, a cell that
// a child of it lost in the same batch would have kept a row of a negative count.

/** The difference; returns the rows left without children ("governmentId", "year", "cellNo"). */
export const BULK_ROLL_UP_DIFFERENCE = addDifferenceSql(
  `
   WHERE NOT EXISTS (SELECT 1 FROM change n
                      WHERE n."agencyId" = p."governmentId" AND n."year" = p."year" AND n."previousId" IS NULL)`,
  `"governmentId", "year", "cellNo"`,
);

/** The rows BULK_ROLL_UP_DIFFERENCE left without children ($1 governments, $2 years, $3 cells) go. */
export const BULK_ROLL_UP_DELETE_EMPTIED = `DELETE FROM "RollUpCellSums" s
 USING unnest($1::int[], $2::int[], $3::smallint[]) AS e("governmentId", "year", "cellNo")
 WHERE s."governmentId" = e."governmentId" AND s."year" = e."year" AND s."cellNo" = e."cellNo" AND s."children" = 0`;

/** Fills the rows of the governments whose first version of a year is in the batch (the changes' arrays). */
export const BULK_ROLL_UP_FILL_NEW = FILL_NEW_GOVERNMENTS;
