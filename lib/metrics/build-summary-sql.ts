// The SQL that fills the read model's summaries (RegionYearMetrics, RegionYearCoverage, RegionYearFindings,
// and the roll-up check's RollUpCellSums — see their migrations) for a set of keys (year, region path, depth), generated from the metric dictionary like the
// read model's own SQL. Deepest first: a county's rows sum its reports; a city's sum its counties' rows and
// the reports placed on the city itself; a province's likewise; depth 0 holds the reports without a region.
// Every statement takes the keys as three parallel arrays ($1 years, $2 paths, $3 depths).
//   for (const statement of buildSummaryRefreshSql(keys)) await runQuery(client, statement);
import { createHash } from "node:crypto";
import { arrayLiteral } from "@/lib/db/array-literal";
import { rawSql, sql, type Sql } from "@/lib/db/sql";
import { CELL_DEFINITIONS } from "@/lib/ingest/cell-numbers";
import { METRICS, type MetricColumn } from "@/lib/metrics/metric-dictionary";
import { governmentChildrenSql, type AgencyLookup } from "@/lib/metrics/roll-up-children";

export interface SummaryKey {
  year: number;
  /** "50/5001/500107/" (depth 3), "50/" (depth 1), "" (depth 0: reports without a region). */
  path: string;
  depth: number;
}

/** Regions below this depth (towns) are summed into their county's rows. */
export const SUMMARY_MAX_DEPTH = 3;

const COLUMNS: readonly MetricColumn[] = METRICS.flatMap((metric) =>
  metric.kind === "count" ? [metric.column] : [metric.numeratorColumn, metric.denominatorColumn],
);
const OUTCOMES = ["o_disclosed", "o_denied", "o_unable", "o_rejected", "o_total"] as const;

const q = (name: string) => `"${name}"`;
/** Every summed column of RegionYearMetrics, in one order for INSERT lists and sums. */
export const SUMMED: readonly string[] = [
  ...COLUMNS,
  ...OUTCOMES,
  ...COLUMNS.map((c) => `matched_${c}`),
  ...COLUMNS.map((c) => `prev_${c}`),
];

/** A rate's numerator column → "both inputs known" for alias `a`, as the read model's sums filter it. */
const BOTH_KNOWN = new Map<MetricColumn, (a: string) => string>();
for (const metric of METRICS) {
  if (metric.kind !== "rate") continue;
  const known = (a: string) =>
    `${a}.${q(metric.numeratorColumn)} IS NOT NULL AND ${a}.${q(metric.denominatorColumn)} IS NOT NULL`;
  BOTH_KNOWN.set(metric.numeratorColumn, known);
  BOTH_KNOWN.set(metric.denominatorColumn, known);
}

const ALL_OUTCOMES_KNOWN = `m."disclosureRateNum" IS NOT NULL AND m."denialRateNum" IS NOT NULL
  AND m."unableRateNum" IS NOT NULL AND m."rejectionRateNum" IS NOT NULL AND m."disclosureRateDen" IS NOT NULL`;
const OUTCOME_SOURCE: Record<(typeof OUTCOMES)[number], string> = {
  o_disclosed: "disclosureRateNum",
  o_denied: "denialRateNum",
  o_unable: "unableRateNum",
  o_rejected: "rejectionRateNum",
  o_total: "disclosureRateDen",
};

function sumOf(alias: string, column: MetricColumn, extra?: string): string {
  const conditions = [BOTH_KNOWN.get(column)?.(alias), extra].filter(Boolean);
  const filter = conditions.length > 0 ? ` FILTER (WHERE ${conditions.join(" AND ")})` : "";
  return `(sum(${alias}.${q(column)})${filter})::float8`;
}

/** The summed columns over read-model rows `m` (with last year's row `p`, left-joined), in SUMMED order. */
export const SUMS_OF_REPORTS = [
  ...COLUMNS.map((c) => sumOf("m", c)),
  ...OUTCOMES.map((o) => `(sum(m.${q(OUTCOME_SOURCE[o])}) FILTER (WHERE ${ALL_OUTCOMES_KNOWN}))::float8`),
  ...COLUMNS.map((c) => sumOf("m", c, `p."agencyId" IS NOT NULL`)),
  ...COLUMNS.map((c) => sumOf("p", c)),
].join(",\n       ");

const SUMS_OF_ROWS = SUMMED.map((c) => `sum(x.${q(c)})::float8`).join(", ");
const COLUMN_LIST = SUMMED.map(q).join(", ");

// Besides the sums: the reports that are their agency's earliest current report (so the distinct agencies
// of several years add up), the open findings of the reports, the reports still to review (数据质量's
// queue), and the reports whose agency has no current report the next year (数据质量's agencies that
// stopped filing, read from the year before the one shown).
export const COUNTS_OF_REPORTS = `count(*)::int AS "reports", count(p."agencyId")::int AS "matchedAgencies",
       (count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM "ReportMetrics" e WHERE e."agencyId" = m."agencyId" AND e."year" < m."year")))::int AS "firstReports",
       coalesce(sum((SELECT count(*) FROM "Finding" f WHERE f."reportId" = m."reportId" AND f."status" = 'open')), 0)::int
         AS "openFindings",
       (count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM "Report" r WHERE r."id" = m."reportId" AND r."status" = 'needs_review')))::int AS "toReview",
       (count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM "ReportMetrics" n WHERE n."agencyId" = m."agencyId" AND n."year" = m."year" + 1)))::int AS "lapsedNext"`;
export const COUNTED = [
  "reports",
  "matchedAgencies",
  "firstReports",
  "openFindings",
  "toReview",
  "lapsedNext",
];

/** A statement over the keys of one depth (or all): the CTE "keys" is prepended when it is built. */
interface Step {
  depth: number | null;
  /** The rest of the statement after `WITH keys AS (…)`: more CTEs (", …") and the statement itself. */
  text: string;
}

/** Reports of key k: the whole subtree (county) or those placed on the region itself (city, province). */
const REPORTS_IN = {
  subtree: `m."year" = k."year" AND m."regionPath" ~>=~ k."path" AND m."regionPath" ~<~ (k."path" || '~')`,
  own: `m."year" = k."year" AND m."regionPath" = k."path"`,
  unplaced: `m."year" = k."year" AND m."regionPath" IS NULL`,
};

// Per key, one index range of ReportMetrics(year, regionPath) (LATERAL: the planner cannot turn a few keys
// into a scan of the whole read model) and one lookup of each report's previous year.
function reportSums(where: string): string {
  return `SELECT k."year", k."path", k."depth", x.*
  FROM keys k
  CROSS JOIN LATERAL (
    SELECT m."agencyKind", ${COUNTS_OF_REPORTS},
           ${SUMS_OF_REPORTS}
      FROM "ReportMetrics" m
      LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
     WHERE ${where}
     GROUP BY m."agencyKind"
  ) x`;
}

const INSERT_INTO = `INSERT INTO "RegionYearMetrics" ("year", "regionPath", "depth", "agencyKind",
  ${COUNTED.map(q).join(", ")}, ${COLUMN_LIST})`;

/** The rows of the keys at the deepest level and of depth 0, from the read model alone. */
const FILL_FROM_REPORTS = (depth: number, where: string): Step => ({
  depth,
  text: `
${INSERT_INTO}
${reportSums(where)}`,
});

/** The deepest rows of the whole read model at once (the rebuild): one pass grouped by county. */
const COUNTY_OF = `substring(m."regionPath" from '^\\d+/\\d+/\\d+/')`;
const FILL_ALL_FROM_REPORTS = `${INSERT_INTO}
SELECT m."year", ${COUNTY_OF}, ${SUMMARY_MAX_DEPTH}, m."agencyKind", ${COUNTS_OF_REPORTS},
       ${SUMS_OF_REPORTS}
  FROM "ReportMetrics" m
  LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
 WHERE ${COUNTY_OF} IS NOT NULL
 GROUP BY 1, 2, m."agencyKind"`;

/**
 * A key's children's rows in a summary table: one level deeper, the same year, under its path — an index
 * range per key (OFFSET 0 keeps it one). Flattened into a join, the planner hashed the children by year and
 * depth alone and compared every key's path with every child row of its year (EXPLAIN, the depth-2 rows at
 * a bulk load's end, 1,967 keys: 4,700 rows found among 1.5 million pairs, 180 → 90 ms; coverage 100 → 27).
 */
const childRowsOf = (table: string) => `CROSS JOIN LATERAL (
      SELECT * FROM ${q(table)} c
       WHERE c."depth" = k."depth" + 1 AND c."year" = k."year"
         AND c."regionPath" ~>=~ k."path" AND c."regionPath" ~<~ (k."path" || '~') OFFSET 0
    ) c`;

/** The rows of the keys at depth 1 or 2: their children's rows plus the reports on the region itself. */
const FILL_FROM_CHILDREN = (depth: number): Step => ({
  depth,
  text: `,
parts AS (
  SELECT k."year", k."path", k."depth", c."agencyKind", ${[...COUNTED, ...SUMMED].map((col) => `c.${q(col)}`).join(", ")}
    FROM keys k
    ${childRowsOf("RegionYearMetrics")}
  UNION ALL
  ${reportSums(REPORTS_IN.own)}
)
${INSERT_INTO}
SELECT x."year", x."path", x."depth", x."agencyKind", ${COUNTED.map((c) => `sum(x.${q(c)})::int`).join(", ")},
       ${SUMS_OF_ROWS}
  FROM parts x
 GROUP BY x."year", x."path", x."depth", x."agencyKind"`,
});

// A region counts as covered when a report of its own government is placed on it (the pairs of
// getRegionBreakdown: 省政府 on a province, 区县政府 on a county, 乡镇 or 街道 on a town …); a town as
// filed when any report is placed on it (数据质量's towns without a report).
export const GOVERNMENT_PAIRS = `('省政府:province', '市政府:city', '区县政府:county', '乡镇:town', '街道:town')`;
const COVERAGE_SUMS = `count(DISTINCT m."regionCode") FILTER (WHERE (m."agencyKind" || ':' || r."level"::text) IN ${GOVERNMENT_PAIRS})::int AS "covered",
         count(DISTINCT m."regionCode") FILTER (WHERE r."level" = 'town')::int AS "townsFiled"`;
const INSERT_COVERAGE = `INSERT INTO "RegionYearCoverage" ("year", "regionPath", "depth", "covered", "townsFiled")`;

const coveredReports = (where: string) => `SELECT k."year", k."path", k."depth", x.*
    FROM keys k
    CROSS JOIN LATERAL (
      SELECT ${COVERAGE_SUMS}
        FROM "ReportMetrics" m JOIN "Region" r ON r."code" = m."regionCode"
       WHERE ${where}
    ) x`;

const COVERAGE_FROM_REPORTS = (depth: number): Step => ({
  depth,
  text: `
${INSERT_COVERAGE}
SELECT * FROM (${coveredReports(REPORTS_IN.subtree)}) g WHERE g."covered" > 0 OR g."townsFiled" > 0`,
});

const COVERAGE_ALL_FROM_REPORTS = `${INSERT_COVERAGE}
SELECT * FROM (
  SELECT m."year", ${COUNTY_OF} AS "path", ${SUMMARY_MAX_DEPTH}, ${COVERAGE_SUMS}
    FROM "ReportMetrics" m JOIN "Region" r ON r."code" = m."regionCode"
   WHERE ${COUNTY_OF} IS NOT NULL
   GROUP BY 1, 2
) g WHERE g."covered" > 0 OR g."townsFiled" > 0`;

const COVERAGE_FROM_CHILDREN = (depth: number): Step => ({
  depth,
  text: `,
parts AS (
  SELECT k."year", k."path", k."depth", c."covered", c."townsFiled"
    FROM keys k
    ${childRowsOf("RegionYearCoverage")}
  UNION ALL
  ${coveredReports(REPORTS_IN.own)}
)
${INSERT_COVERAGE}
SELECT * FROM (
  SELECT x."year", x."path", x."depth", sum(x."covered")::int AS "covered", sum(x."townsFiled")::int AS "townsFiled"
    FROM parts x GROUP BY x."year", x."path", x."depth"
) g WHERE g."covered" > 0 OR g."townsFiled" > 0`,
});

// RegionYearFindings: the open findings of the reports by agency kind, code, kind and origin, and the
// reports that have them (a report lies in one subtree, so distinct reports add up like the rest).
const INSERT_FINDINGS = `INSERT INTO "RegionYearFindings" ("year", "regionPath", "depth", "agencyKind", "code", "kind",
  "origin", "findings", "reports")`;
const FINDING_COUNTS = `m."agencyKind", f."code", f."kind"::text AS "kind", f."origin"::text AS "origin",
           count(*)::int AS "findings", count(DISTINCT f."reportId")::int AS "reports"
      FROM "ReportMetrics" m JOIN "Finding" f ON f."reportId" = m."reportId" AND f."status" = 'open'`;

// Per key, each report's open findings by its key (OFFSET 0 keeps the lookup a lookup): joined as a whole,
// the planner hashed every open finding once per key (EXPLAIN: 2,224 keys × every open finding after a
// bulk import, half a second at 5,000 reports and growing with the table).
const findingsOfReports = (where: string) => `SELECT k."year", k."path", k."depth", x.*
    FROM keys k
    CROSS JOIN LATERAL (
      SELECT m."agencyKind", f."code", f."kind"::text AS "kind", f."origin"::text AS "origin",
             count(*)::int AS "findings", count(DISTINCT f."reportId")::int AS "reports"
        FROM "ReportMetrics" m
        CROSS JOIN LATERAL (SELECT f."reportId", f."code", f."kind", f."origin" FROM "Finding" f
                             WHERE f."reportId" = m."reportId" AND f."status" = 'open' OFFSET 0) f
       WHERE ${where}
       GROUP BY 1, 2, 3, 4
    ) x`;

const FINDINGS_FROM_REPORTS = (depth: number, where: string): Step => ({
  depth,
  text: `
${INSERT_FINDINGS}
${findingsOfReports(where)}`,
});

const FINDINGS_ALL_FROM_REPORTS = `${INSERT_FINDINGS}
SELECT m."year", ${COUNTY_OF}, ${SUMMARY_MAX_DEPTH}, ${FINDING_COUNTS}
 WHERE ${COUNTY_OF} IS NOT NULL
 GROUP BY 1, 2, 4, 5, 6, 7`;

const FINDINGS_FROM_CHILDREN = (depth: number): Step => ({
  depth,
  text: `,
parts AS (
  SELECT k."year", k."path", k."depth", c."agencyKind", c."code", c."kind", c."origin", c."findings", c."reports"
    FROM keys k
    ${childRowsOf("RegionYearFindings")}
  UNION ALL
  ${findingsOfReports(REPORTS_IN.own)}
)
${INSERT_FINDINGS}
SELECT x."year", x."path", x."depth", x."agencyKind", x."code", x."kind", x."origin",
       sum(x."findings")::int, sum(x."reports")::int
  FROM parts x
 GROUP BY 1, 2, 3, 4, 5, 6, 7`,
});

// RollUpCellSums (汇总核对): per 区县政府 or 市政府 placed on a key's region with its own current report
// that year (the governments the check shows), each table-三/四 cell summed over its children's current
// reports of the year — its departments (Agency.parentId) and the governments
// one level down (a county's 乡镇/街道, a city's 区县政府), the children getRollUpChecks names. A child's
// report counts in its own region's keys (the town's county, the county's city) and, when it is a
// department, in its parent's region's keys (summaryKeysQuery), so the keys of a change cover every
// government whose sums it moves.
// `lookup`: as governmentChildrenSql's ("index" for a few governments: a key's, one upload's).
export const rollUpChildrenSql = (lookup: AgencyLookup = "join") => `child AS (
  ${governmentChildrenSql("gov g", `g."year", g."id" AS "governmentId", g."path", c."id" AS "agencyId"`, lookup)}
)`;
const ROLL_UP_CHILDREN = rollUpChildrenSql();
export const ROLL_UP_GOVERNMENT_KINDS = `g."kind" IN ('区县政府', '市政府')`;

/**
 * How the summed cells (tables 三 and 四) are picked: "join" to CellDefinition for its table, or "numbers" —
 * the catalogue's numbers written into the statement (a constant array, which PostgreSQL tests by hash), for
 * the upload's plans, which read no table whole (build-upload-function.ts), where ~200 index lookups of
 * CellDefinition per version cost more than the 226-row scan did. Both come from one catalogue
 * (cell-numbers.ts).
 */
export type SummedCells = "join" | "numbers";
const SUMMED_CELL_NOS = CELL_DEFINITIONS.filter((cell) => cell.tableNo === 3 || cell.tableNo === 4).map(
  (cell) => cell.cellNo,
);
export const IS_SUMMED_CELL = `v."cellNo" = ANY('{${SUMMED_CELL_NOS.join(",")}}'::smallint[])`;
const SUMMED_CELL_VALUES: Record<SummedCells, string> = {
  join: `JOIN "CellValue" v ON v."reportId" = p."id" AND v."value" IS NOT NULL
  JOIN "CellDefinition" d ON d."cellNo" = v."cellNo" AND d."tableNo" IN (3, 4)`,
  numbers: `JOIN "CellValue" v ON v."reportId" = p."id" AND v."value" IS NOT NULL AND ${IS_SUMMED_CELL}`,
};
export const insertRollUpSql = (cells: SummedCells = "join") =>
  `INSERT INTO "RollUpCellSums" ("governmentId", "year", "cellNo", "regionPath", "sum", "children")
SELECT ch."governmentId", p."year", v."cellNo", ch."path", sum(v."value"), count(*)::int
  FROM child ch
  JOIN "Report" p ON p."agencyId" = ch."agencyId" AND p."isCurrent" AND p."year" = ch."year"
  ${SUMMED_CELL_VALUES[cells]}
 GROUP BY 1, 2, 3, 4`;

/**
 * The keys' governments' sums (their rows were deleted by DELETE_KEYS), found by index at every step: key →
 * region (by path) → its governments, each one's current report of the year (LATERAL … LIMIT 1: as a
 * semi-join the planner hashed every current report and joined them to the keys by year alone — EXPLAIN:
 * 82,000 rows for 1,000 keys, two thirds of the statement) → its children ("index": joined, the lower
 * governments' lookup hashed a scan of the whole Agency table once per government, its kind filter being a
 * parameter of the government) → each child's current report → its cells by the report's key. Joined, the
 * cells were a scan of all of ReportCell past 20,000 reports (EXPLAIN, 2,539 keys: 4 million cell rows
 * hashed for 68,000 wanted, 2.5 s); a batch's keys reach a few hundred governments, a few thousand reports.
 */
const ROLL_UP_FROM_CELLS: Step = {
  depth: null,
  text: `,
gov AS (
  SELECT k."year", g."id", g."kind", g."regionCode", r."path"
    FROM keys k
    CROSS JOIN LATERAL (SELECT r."code", r."path" FROM "Region" r WHERE r."path" = k."path" OFFSET 0) r
    CROSS JOIN LATERAL (SELECT g."id", g."kind", g."regionCode" FROM "Agency" g
                         WHERE g."regionCode" = r."code" AND ${ROLL_UP_GOVERNMENT_KINDS} OFFSET 0) g
    CROSS JOIN LATERAL (SELECT 1 FROM "Report" o
                         WHERE o."agencyId" = g."id" AND o."year" = k."year" AND o."isCurrent" LIMIT 1) o
),
${rollUpChildrenSql("index")}
INSERT INTO "RollUpCellSums" ("governmentId", "year", "cellNo", "regionPath", "sum", "children")
SELECT ch."governmentId", p."year", v."cellNo", ch."path", sum(v."value"), count(*)::int
  FROM child ch
  CROSS JOIN LATERAL (SELECT p."id", p."year" FROM "Report" p
                       WHERE p."agencyId" = ch."agencyId" AND p."isCurrent" AND p."year" = ch."year" OFFSET 0) p
  CROSS JOIN LATERAL (SELECT v."cellNo", v."value" FROM "CellValue" v
                       WHERE v."reportId" = p."id" AND v."value" IS NOT NULL OFFSET 0) v
  JOIN "CellDefinition" d ON d."cellNo" = v."cellNo" AND d."tableNo" IN (3, 4)
 GROUP BY 1, 2, 3, 4`,
};

/** Every government's sums of every year at once (the rebuild). */
const ROLL_UP_ALL_FROM_CELLS = `WITH gov AS (
  SELECT o."year", g."id", g."kind", g."regionCode", r."path"
    FROM "Agency" g
    JOIN "Region" r ON r."code" = g."regionCode"
    JOIN "Report" o ON o."agencyId" = g."id" AND o."isCurrent"
   WHERE ${ROLL_UP_GOVERNMENT_KINDS}
),
${ROLL_UP_CHILDREN}
${insertRollUpSql()}`;

const DELETE_KEYS: Step = {
  depth: null,
  text: `,
gone AS (
  DELETE FROM "RegionYearCoverage" c USING keys k WHERE c."year" = k."year" AND c."regionPath" = k."path"
),
gone_findings AS (
  DELETE FROM "RegionYearFindings" c USING keys k WHERE c."year" = k."year" AND c."regionPath" = k."path"
),
gone_roll_up AS (
  DELETE FROM "RollUpCellSums" c USING keys k WHERE c."year" = k."year" AND c."regionPath" = k."path"
)
DELETE FROM "RegionYearMetrics" s USING keys k WHERE s."year" = k."year" AND s."regionPath" = k."path"`,
};

/** The statements, in order: empty the keys' rows, then fill them deepest first. */
const STEPS: readonly Step[] = [
  DELETE_KEYS,
  FILL_FROM_REPORTS(SUMMARY_MAX_DEPTH, REPORTS_IN.subtree),
  COVERAGE_FROM_REPORTS(SUMMARY_MAX_DEPTH),
  FINDINGS_FROM_REPORTS(SUMMARY_MAX_DEPTH, REPORTS_IN.subtree),
  ...[2, 1].flatMap((depth) => [
    FILL_FROM_CHILDREN(depth),
    COVERAGE_FROM_CHILDREN(depth),
    FINDINGS_FROM_CHILDREN(depth),
  ]),
  FILL_FROM_REPORTS(0, REPORTS_IN.unplaced),
  FINDINGS_FROM_REPORTS(0, REPORTS_IN.unplaced),
  ROLL_UP_FROM_CELLS,
];
/** The steps a rebuild runs after filling the deepest rows of every table in one pass each. */
const UPPER_STEPS = STEPS.slice(4, -1);

/**
 * The keys' three arrays as literals, made once for all the statements that take them: as JS arrays each
 * statement had node-postgres quote its thousands of paths again, element by element (a bulk import's
 * recompute sends them to eight statements).
 */
function keyArrays(keys: readonly SummaryKey[]): { years: string; paths: string; depths: string } {
  return {
    years: arrayLiteral(keys.map((k) => k.year)),
    paths: arrayLiteral(keys.map((k) => k.path)),
    depths: arrayLiteral(keys.map((k) => k.depth)),
  };
}

function withKeys({ years, paths, depths }: ReturnType<typeof keyArrays>, { depth, text }: Step): Sql {
  return sql`WITH keys AS (
  SELECT * FROM unnest(${years}::int[], ${paths}::text[], ${depths}::int[]) AS k("year", "path", "depth")
   WHERE ${depth === null ? rawSql("true") : sql`k."depth" = ${depth}::int`}
)${rawSql(text)}`;
}

/**
 * Recomputes the summary rows of `keys` from the read model (the caller holds their locks). With
 * `skipEmptyDepths`, the statements of a depth no key has are left out (a bulk import's counties alone:
 * DeferredSummaries) — without it every statement is there, as the summary function's body needs them.
 */
export function buildSummaryRefreshSql(
  keys: readonly SummaryKey[],
  options: { skipEmptyDepths?: boolean } = {},
): Sql[] {
  const depths = new Set(keys.map((key) => key.depth));
  const arrays = keyArrays(keys);
  return STEPS.filter(
    (step) => !options.skipEmptyDepths || step.depth === null || depths.has(step.depth),
  ).map((step) => withKeys(arrays, step));
}

/**
 * Fills the emptied summaries from the whole read model: the deepest rows in one grouped pass, then the
 * upper levels for `keys` (every key the read model has, summaryKeysOf over all its rows).
 */
export function buildSummaryRebuildSql(keys: readonly SummaryKey[]): Sql[] {
  const arrays = keyArrays(keys);
  return [
    sql`${rawSql(FILL_ALL_FROM_REPORTS)}`,
    sql`${rawSql(COVERAGE_ALL_FROM_REPORTS)}`,
    sql`${rawSql(FINDINGS_ALL_FROM_REPORTS)}`,
    ...UPPER_STEPS.map((step) => withKeys(arrays, step)),
    sql`${rawSql(ROLL_UP_ALL_FROM_CELLS)}`,
  ];
}

/**
 * buildSummaryRebuildSql's statements in three independent sequences, each with the tables it empties and
 * fills: RegionYearMetrics (its deepest rows, then each upper level from them), coverage and findings (the
 * same, from their own deeper rows), and the roll-up sums (from the cells) — no statement of one reads a
 * table another writes, so each can run in a transaction of its own, on a connection of its own (a bulk
 * load's end: both cores). The roll-up sums alone: at 20,000 reports they cost as much as the other two
 * together (≈ 1.8 s of backend CPU). Each part's first statements (the deepest rows, from the whole read
 * model) need no keys; `upper` gives the upper levels' for the keys, so that they can be found meanwhile.
 */
export function buildSummaryRebuildSqlInParts(): {
  tables: string;
  statements: Sql[];
  upper: (keys: readonly SummaryKey[]) => Sql[];
}[] {
  const intoMetrics = (step: Step) => step.text.includes(INSERT_INTO);
  // The upper levels' statements of a depth no key has (depth 0 when every report has a region) are left
  // out: they would insert nothing, but each is planned (≈ 100 sums) and run.
  const upperSteps = (keys: readonly SummaryKey[], wanted: (step: Step) => boolean): Sql[] => {
    const depths = new Set(keys.map((key) => key.depth));
    const arrays = keyArrays(keys);
    return UPPER_STEPS.filter((step) => wanted(step) && (step.depth === null || depths.has(step.depth))).map(
      (step) => withKeys(arrays, step),
    );
  };
  return [
    {
      tables: `"RegionYearMetrics"`,
      statements: [sql`${rawSql(FILL_ALL_FROM_REPORTS)}`],
      upper: (keys) => upperSteps(keys, intoMetrics),
    },
    {
      tables: `"RegionYearCoverage", "RegionYearFindings"`,
      statements: [sql`${rawSql(COVERAGE_ALL_FROM_REPORTS)}`, sql`${rawSql(FINDINGS_ALL_FROM_REPORTS)}`],
      upper: (keys) => upperSteps(keys, (step) => !intoMetrics(step)),
    },
    { tables: `"RollUpCellSums"`, statements: [sql`${rawSql(ROLL_UP_ALL_FROM_CELLS)}`], upper: () => [] },
  ];
}

/**
 * `SELECT year, path, depth` of every summary row the given rows' reports count in: the ancestors of depth
 * 1–3 of each path (depth 0 for no path), for a query `source` returning ("year", "path").
 */
export function summaryKeysOf(source: Sql): Sql {
  return sql`SELECT DISTINCT s."year", a."path", a."depth"
  FROM (${source}) s
  CROSS JOIN LATERAL (
    SELECT '' AS "path", 0 AS "depth" WHERE coalesce(s."path", '') = ''
    UNION ALL
    SELECT array_to_string((string_to_array(rtrim(s."path", '/'), '/'))[1:d], '/') || '/', d
      FROM generate_series(1, least(${rawSql(String(SUMMARY_MAX_DEPTH))}, length(s."path") - length(replace(s."path", '/', '')))) d
     WHERE coalesce(s."path", '') <> ''
  ) a`;
}

export const SUMMARY_SQL_FINGERPRINT = createHash("sha256")
  .update(
    [
      ...STEPS.map((step) => step.text),
      FILL_ALL_FROM_REPORTS,
      COVERAGE_ALL_FROM_REPORTS,
      FINDINGS_ALL_FROM_REPORTS,
      ROLL_UP_ALL_FROM_CELLS,
      summaryKeysOf(sql`x`).text,
    ].join("\n"),
  )
  .digest("hex")
  .slice(0, 16);
