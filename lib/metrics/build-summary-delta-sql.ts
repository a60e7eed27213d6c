// The region summaries (RegionYearMetrics, RegionYearFindings, RegionYearCoverage) kept by difference when
// an upload makes one new version current: the uploaded agency's contributions to the summary rows are
// computed before the change and after it, and only their difference is added to the stored rows — instead
// of recomputing every key (its county from the county's reports, its city and province from their
// children's rows, the years around it) from the read model.
//
// Why this is exact, and where it is not done:
// - A report's contribution to RegionYearMetrics depends only on its agency's own read-model rows (the
//   year before for matched/prev, the year after for lapsedNext, the earliest for firstReports), its open
//   findings and its status. So the contributions of the agency's rows before and after the change differ
//   exactly by what the change moved, and nothing of any other agency moves.
// - Counts (reports, matchedAgencies, firstReports, openFindings, toReview, lapsedNext) are integers, and
//   every metric sum of integer values is exact in float8 in any order: adding and subtracting them gives
//   what a fresh sum gives. Fees in 万元 can be fractional; their sums can differ from a fresh sum in the last
//   bits, as two summation orders of a recompute already could (docs/performance.md); a rebuild re-sums.
// - A sum over no known value is NULL, not 0. A difference cannot tell whether other reports still hold a
//   value once the only known term leaves, so a key where a term goes from known to unknown (or a row the
//   change should subtract from is missing) is recomputed from the read model instead.
// - RegionYearCoverage counts distinct regions (not additive per report): a new version on the same region
//   and kind leaves it as it is; a first version adds 1 to the region's ancestors only when no other
//   report of the year covers the region.
// - RegionYearFindings counts the open findings of the read model's reports, and an upload moves those of
//   two of the agency's reports: its own year's (the new version's instead of the demoted one's) and the
//   year after's (the cross-year rules compare it with the new version). Its difference is the findings of
//   the agency's rows of these two years before and after the change (findingContributionsSql).
// The caller computes "before" (beforeChangeSql: both contributions) in the statement that inserts the new
// version, which still sees the old read-model rows, the demoted version and the year after's findings as
// they were, and holds the agency's lock from before it (accept-readings.ts; every writer of an agency's
// reports, findings or status takes it), so nothing else moved them meanwhile; the rest runs in the summary
// function under the keys' province locks (build-summary-function.ts).
import {
  COUNTED,
  COUNTS_OF_REPORTS,
  GOVERNMENT_PAIRS,
  SUMMARY_MAX_DEPTH,
  SUMMED,
  SUMS_OF_REPORTS,
} from "@/lib/metrics/build-summary-sql";

const q = (name: string) => `"${name}"`;
const KEY = ["year", "regionPath", "depth", "agencyKind"];

/** The summary keys (year stays) a read-model path counts in: its ancestors of depth 1–3, or '' at depth 0. */
function ancestorsOf(path: string, minDepth = 0, counted = false): string {
  const unplaced =
    minDepth === 0
      ? `SELECT '' AS "path", 0 AS "depth" WHERE coalesce(${path}, '') = ''\n    UNION ALL\n    `
      : "";
  const depths = `least(${SUMMARY_MAX_DEPTH}, length(${path}) - length(replace(${path}, '/', '')))`;
  // `counted`: the depths from a constant array, which the planner counts (SUMMARY_MAX_DEPTH rows) where it
  // guesses 1,000 for generate_series over an expression — a guess that sizes the hash tables above it.
  if (counted)
    return `${unplaced}SELECT array_to_string((string_to_array(rtrim(${path}, '/'), '/'))[1:d], '/') || '/', d
      FROM unnest('{${Array.from({ length: SUMMARY_MAX_DEPTH }, (_, i) => i + 1).join(",")}}'::int[]) d
     WHERE coalesce(${path}, '') <> '' AND d <= ${depths}`;
  return `${unplaced}SELECT array_to_string((string_to_array(rtrim(${path}, '/'), '/'))[1:d], '/') || '/', d
      FROM generate_series(1, ${depths}) d
     WHERE coalesce(${path}, '') <> ''`;
}

// A report's open findings looked up by its report id (the status index, which the planner otherwise
// picks, holds every open finding of every report).
// and its status from the report joined in (as a subquery the planner reads every report into a hash).
const OPEN_FINDINGS_BY_REPORT = COUNTS_OF_REPORTS.replace(
  `f."reportId" = m."reportId" AND f."status" = 'open'`,
  `f."reportId" = m."reportId" AND f."status"::text = 'open'`,
).replace(
  /EXISTS \(\s*SELECT 1 FROM "Report" r WHERE r\."id" = m\."reportId" AND r\."status" = 'needs_review'\)/,
  `rep."status" = 'needs_review'`,
);

/**
 * The contributions of the read-model rows `m` of a FROM list (`from`, filtered by `where`) to
 * RegionYearMetrics, added up by (year, regionPath, agencyKind): several agencies' rows at once (a bulk
 * batch's), as rows of (year, regionPath, agencyKind, then COUNTED and SUMMED).
 */
function contributionsOfRowsSql(from: string, where: string): string {
  const columns = [...COUNTED, ...SUMMED];
  return `SELECT * FROM (
    ${groupedContributionsSql(` ${OPEN_FINDINGS_BY_REPORT},\n           ${SUMS_OF_REPORTS}`, from, where)}
  ) r(${["year", "regionPath", "agencyKind", ...columns].map(q).join(", ")})`;
}

/**
 * The read-model rows `m` of `from` (filtered by `where`) grouped by (year, regionPath, agencyKind), each
 * with `values` (the text after the key's columns: the counts and sums, over `m`, its report's status
 * `rep` and the agency's row of the year before `p`) — the bulk's named columns and the upload's one array.
 */
function groupedContributionsSql(values: string, from: string, where: string): string {
  return `SELECT m."year", m."regionPath", m."agencyKind",${values}
      FROM ${from}
      CROSS JOIN LATERAL (SELECT r."status" FROM "Report" r WHERE r."id" = m."reportId" LIMIT 1) rep
      LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
     WHERE ${where}
     GROUP BY m."year", m."regionPath", m."agencyKind"`;
}

/**
 * Per-report contributions (`source`: rows of contributionsOfRowsSql's shape) added up by the summary
 * keys each report counts in (its path's ancestors): (year, regionPath, depth, agencyKind, "v"), "v" the
 * key's sums as one float8[] (COUNTED then SUMMED; the counts' sums are integers, exact in float8) — the
 * sums each a column of its own before import18, the same expressions in the same order: the same bits.
 */
function contributionsByKeyArraySql(source: string): string {
  return `SELECT r."year", a."path" AS "regionPath", a."depth", r."agencyKind",
       ARRAY[${COUNTED.map((c) => `sum(r.${q(c)})::int`).join(", ")},
       ${SUMMED.map((c) => `sum(r.${q(c)})::float8`).join(",\n       ")}]::float8[] AS "v"
  FROM (${source}) r
  CROSS JOIN LATERAL (
    ${ancestorsOf(`r."regionPath"`)}
  ) a
 GROUP BY 1, 2, 3, 4`;
}

const keyMatch = (a: string, b: string) =>
  `${b}."year" = ${a}."year" AND ${b}."regionPath" = ${a}."regionPath" AND ${b}."agencyKind" = ${a}."agencyKind"`;

/**
 * The open findings of the agency `agency`'s read-model rows of the years `year` and the one after, by the
 * keys of RegionYearFindings (an agency has one report a year: each report is its own "reports" count).
 * Findings by report id (not by the status index, which holds every open finding of every report).
 */
export function findingContributionsSql(agency: string, year: string): string {
  return findingsOfRowsSql(
    `"ReportMetrics" m`,
    `m."agencyId" = ${agency} AND m."year" IN (${year}, ${year} + 1)`,
  );
}

/** The same for the read-model rows `m` of a FROM list (`from`, filtered by `where`). */
function findingsOfRowsSql(from: string, where: string): string {
  return `SELECT m."year", a."path" AS "regionPath", a."depth", m."agencyKind", f."code", f."kind"::text AS "kind",
       f."origin"::text AS "origin", count(*)::int AS "findings", count(DISTINCT f."reportId")::int AS "reports"
  FROM ${from}
  JOIN "Finding" f ON f."reportId" = m."reportId" AND f."status"::text = 'open'
  CROSS JOIN LATERAL (
    ${ancestorsOf(`m."regionPath"`)}
  ) a
 WHERE ${where}
 GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/** The rows whose contributions an upload of year `year` moves (reportContributionArraysSql). */
const changedYears = (year: string, earliest: string) => `${year} - 1, ${year}, ${year} + 1, ${earliest}`;

/**
 * The agency's contributions before the change, as one JSON object — "earliest" (its earliest read-model
 * year), "metrics" (reportContributionArraysSql's rows: one per report, {"year", "regionPath",
 * "agencyKind", "v"}, "v" the float8[] as text — PostgreSQL's shortest exact form, read back to the same
 * bits) and "findings" (findingContributionsSql's) — from the agency `agency` and the year `year` uploaded.
 */
export function beforeChangeSql(agency: string, year: string): string {
  return `SELECT json_build_object(
    'earliest', e."earliest",
    'metrics', (SELECT coalesce(json_agg(json_build_object('year', c."year", 'regionPath', c."regionPath",
                                                            'agencyKind', c."agencyKind", 'v', c."v"::text)), '[]')
                  FROM (${reportContributionArraysSql(agency, changedYears(year, `e."earliest"`))}) c),
    'findings', (SELECT coalesce(json_agg(c), '[]') FROM (${findingContributionsSql(agency, year)}) c))::text
  FROM (SELECT min(m."year") AS "earliest" FROM "ReportMetrics" m WHERE m."agencyId" = ${agency}) e`;
}

/**
 * RegionYearMetrics by difference: $1 the agency, $2 its "before" (beforeChangeSql's "metrics",
 * computed before the change), $3 the year uploaded, $4 the agency's earliest year before the change. The
 * keys to recompute instead (uncertain ones) go as three arrays into the PL/pgSQL variables `into`, and the
 * ctids of the rows it left without reports into the tid[] variable `emptied` (DELETE_EMPTIED_SUMMARIES).
 */
export function metricsDifferenceSql(into: string, emptied: string): string {
  // The agency's contributions before and after under their keys as they are: each key holds one of its
  // reports at most, so contributionsByKeyArraySql's sums (two aggregations of ~160 columns) would add up one
  // row each. Without them the planner, trusting generate_series' guess of 1,000 keys per report, sized the
  // FULL JOIN's hash table for 100,000 rows (+0.7 to +1.4 ms per call); with the keys counted (3 per report)
  // the call costs 0.20–0.28 ms less than with the sums (bench:summary-delta, BENCHMARKS.md, route15).
  // Each contribution travels as one float8[] (COUNTED then SUMMED), "before"'s as the text of one, until
  // the UPDATE and INSERT spell its columns out (arrayDifferenceSql); as rows of ~100 named columns, "before"
  // was built as JSON by name (json_agg, json_strip_nulls) and read back column by column
  // (jsonb_populate_recordset): ≈ 0.15 ms more of the contributions function per upload.
  return arrayDifferenceSql(
    underEachKeyArraySql(reportContributionArraysSql("$1::int", changedYears("$3::int", "$4::int"))),
    underEachKeyArraySql(`SELECT (b ->> 'year')::int AS "year", b ->> 'regionPath' AS "regionPath",
           b ->> 'agencyKind' AS "agencyKind", (b ->> 'v')::float8[] AS "v"
      FROM jsonb_array_elements($2::jsonb) b`),
    `array_agg(d."year"), array_agg(d."regionPath"), array_agg(d."depth"::int)`,
    into,
    emptied,
  );
}

/** COUNTS_OF_REPORTS' counts without their names, in COUNTED order (for an ARRAY[…] of them). */
const COUNTS_UNNAMED = (() => {
  const text = OPEN_FINDINGS_BY_REPORT.replace(/\s+AS "(\w+)"/g, "");
  if (text === OPEN_FINDINGS_BY_REPORT)
    throw new Error("summary SQL: COUNTS_OF_REPORTS' names were not found");
  return text;
})();

/**
 * The contributions of the read-model rows of the agency `agency` (an SQL int expression) of the years
 * `years` (an SQL list of int expressions) to RegionYearMetrics, one row per report: (year, its regionPath,
 * agencyKind, "v"), "v" its COUNTED and SUMMED values as one float8[] (the counts are integers, exact in
 * float8) — the recompute's sums, per report (an agency has one row a year, so each report is its own
 * group, and its subqueries run once). One agency, compared by equality: its plan, kept for the session,
 * is index lookups of a few rows. underEachKeyArraySql puts them under the keys each counts in.
 *
 * A new version of year y moves the contributions of four of the agency's rows at most, so before and after
 * are taken over these alone (changedYears): y's own; y+1's (its matched and prev sums pair it with y, and
 * the cross-year findings of its report change); y−1's (its lapsedNext asks whether y exists); and the
 * agency's earliest row before the change (its firstReports goes when y comes before it). Every other row
 * keeps its year before, its year after, its findings and its earliest-ness, so its contribution cancels.
 */
function reportContributionArraysSql(agency: string, years: string): string {
  return groupedContributionsSql(
    `\n         ARRAY[${COUNTS_UNNAMED},\n           ${SUMS_OF_REPORTS}]::float8[] AS "v"`,
    `"ReportMetrics" m`,
    `m."agencyId" = ${agency} AND m."year" IN (${years})`,
  );
}

/**
 * Per-report contributions (`source`: rows of (year, regionPath, agencyKind, v)) under each summary key its
 * report counts in — not added up, so only for rows that never share a key: one agency's, which has one
 * read-model row a year (its key's year) and one region.
 */
function underEachKeyArraySql(source: string): string {
  return `SELECT r."year", a."path" AS "regionPath", a."depth", r."agencyKind", r."v"
  FROM (${source}) r
  CROSS JOIN LATERAL (
    ${ancestorsOf(`r."regionPath"`, 0, true)}
  ) a`;
}

/** The positions of SUMMED in a contribution's float8[] (after COUNTED), as an int[] literal. */
const SUMMED_POSITIONS = `{${SUMMED.map((_, i) => COUNTED.length + i + 1).join(",")}}`;

/** Element i of the array column `from` of the rows `d`, as its column's type (COUNTED, then SUMMED). */
const arrayElement = (from: string, i: number) =>
  i < COUNTED.length ? `d.${q(from)}[${i + 1}]::int` : `d.${q(from)}[${i + 1}]`;

/** The keys `after` and `before` (rows of "v" arrays) hold different values under: both differences' start. */
const changedArraysSql = (after: string, before: string) => `WITH after AS (${after}),
before AS (${before}),
changed AS (
  SELECT coalesce(a."year", b."year") AS "year", coalesce(a."regionPath", b."regionPath") AS "regionPath",
         coalesce(a."depth", b."depth") AS "depth", coalesce(a."agencyKind", b."agencyKind") AS "agencyKind",
         a."v" AS "a", b."v" AS "b", b."year" IS NOT NULL AS "hadBefore"
    FROM after a
    FULL JOIN before b ON ${keyMatch("a", "b")}
   WHERE a."v" IS DISTINCT FROM b."v"
)`;

/** A key new to RegionYearMetrics (neither stored nor before) goes in with its "after" values. */
const INSERT_NEW_KEYS = `  INSERT INTO "RegionYearMetrics" (${[...KEY, ...COUNTED, ...SUMMED].map(q).join(", ")})
  SELECT d."year", d."regionPath", d."depth", d."agencyKind", ${[...COUNTED, ...SUMMED].map((_, i) => arrayElement("a", i)).join(", ")}
    FROM d
   WHERE NOT d."stored" AND NOT d."hadBefore"`;

/**
 * The rows `d` whose keys must be recomputed instead: the row to subtract from is missing, or a summed value
 * known before is NULL after (the positions of the after's NULLs not all among the before's).
 */
const UNCERTAIN_KEYS_OF_ARRAYS = `  FROM d
 WHERE (NOT d."stored" AND d."hadBefore")
    OR NOT (coalesce(array_positions(d."a", NULL), '${SUMMED_POSITIONS}'::int[])
            <@ array_positions(d."b", NULL))`;

/**
 * RegionYearMetrics by difference for an upload, each side's values as one float8[] ("v": COUNTED then
 * SUMMED, a missing value NULL): only the UPDATE and the INSERT name the ~100 columns. A statement's
 * expressions are built anew at every call (executor start-up), each column of each step one or more of
 * them; spelt out at every step — the FULL JOIN's pairs, the UPDATE's CASEs (≈ 2.5 µs of start-up each), the
 * uncertain keys' ~100 tests — they cost an upload more than its few keys' rows. Here the stored row's new
 * values are one expression run over the three arrays (stored, before, after) element by element, with
 * bulkArrayDifferenceSql's arithmetic in its order (stored − before + after: the same values to the bit; a
 * count is never NULL on a side that has the key, so the one formula is the counts' too), and a key is
 * uncertain when a summed value known before is NULL after: the positions of the after's NULLs not all
 * among the before's.
 */
function arrayDifferenceSql(
  after: string,
  before: string,
  uncertain: string,
  into: string,
  emptied: string,
): string {
  const columns = [...COUNTED, ...SUMMED];
  return `${changedArraysSql(after, before)},
d AS (
  SELECT c.*, s."ctid" AS "storedAt", s."ctid" IS NOT NULL AS "stored",
         ARRAY(SELECT CASE WHEN u."a" IS NULL AND u."b" IS NULL THEN u."s"
                           ELSE coalesce(u."s", 0) - coalesce(u."b", 0) + coalesce(u."a", 0) END
                 FROM unnest(s."v", c."b", c."a") AS u("s", "b", "a")) AS "new"
    FROM changed c
    LEFT JOIN LATERAL (
      SELECT s."ctid", ARRAY[${columns.map((col) => `s.${q(col)}`).join(", ")}]::float8[] AS "v"
        FROM "RegionYearMetrics" s WHERE ${keyMatch("c", "s")} LIMIT 1
    ) s ON true
),
updated AS (
  UPDATE "RegionYearMetrics" s
     SET ${columns.map((c, i) => `${q(c)} = ${arrayElement("new", i)}`).join(", ")}
    FROM d
   WHERE s."ctid" = ANY(ARRAY(SELECT d."storedAt" FROM d WHERE d."stored")) AND s."ctid" = d."storedAt"
  RETURNING s."ctid", s."reports"
),
inserted AS (
${INSERT_NEW_KEYS}
  RETURNING "ctid", "reports"
)
SELECT ${uncertain},
       ARRAY(SELECT e."ctid" FROM (SELECT * FROM updated UNION ALL SELECT * FROM inserted) e WHERE e."reports" = 0)
  INTO ${into}, ${emptied}
${UNCERTAIN_KEYS_OF_ARRAYS}`;
}

/**
 * RegionYearMetrics by difference for a bulk batch, from `after` and `before` as rows of
 * contributionsByKeyArraySql's shape (each key's sums in one float8[] "v"); the statement ends in
 * `SELECT ${uncertain}` over the rows `d` whose keys must be recomputed instead. The FULL JOIN carries two
 * arrays, not ~330 columns (each key's sums were columns of their own before import18), and a key is
 * uncertain by one test of the arrays' NULL positions (arrayDifferenceSql's), not ~160 ORs — fewer
 * expressions to parse, plan and start, where a batch's statements are planned again on each connection
 * after every ANALYZE of a table they read (BENCHMARKS.md "import15", "import17", "import18"). Unlike
 * arrayDifferenceSql (an upload: ~10 keys), the new values are the UPDATE's per-column expressions over the
 * arrays' elements: a pass over a few hundred keys' arrays element by element (≈ 0.3 µs an element,
 * route17) would cost a batch more than it saves. A summed column's new value is the stored one less the
 * before plus the after, a missing term 0, the stored value kept where both are missing; a count's the
 * same without the CASE (never NULL on a side that has the key). The stored rows are found by key (an index
 * lookup each: LIMIT keeps the planner from turning the lookups into a hash join over the whole table) and
 * updated by their ctid (a TID scan).
 */
function bulkArrayDifferenceSql(after: string, before: string, uncertain: string): string {
  const columns = [...COUNTED, ...SUMMED];
  const update = (c: string, i: number) => {
    const [a, b] = [arrayElement("a", i), arrayElement("b", i)];
    return i < COUNTED.length
      ? `${q(c)} = s.${q(c)} - coalesce(${b}, 0) + coalesce(${a}, 0)`
      : `${q(c)} = CASE WHEN ${a} IS NULL AND ${b} IS NULL THEN s.${q(c)}
    ELSE coalesce(s.${q(c)}, 0) - coalesce(${b}, 0) + coalesce(${a}, 0) END`;
  };
  return `${changedArraysSql(after, before)},
d AS (
  SELECT c.*, s."ctid" AS "storedAt", s."ctid" IS NOT NULL AS "stored"
    FROM changed c
    LEFT JOIN LATERAL (
      SELECT s."ctid" FROM "RegionYearMetrics" s WHERE ${keyMatch("c", "s")} LIMIT 1
    ) s ON true
),
updated AS (
  UPDATE "RegionYearMetrics" s
     SET ${columns.map(update).join(",\n         ")}
    FROM d
   WHERE s."ctid" = ANY(ARRAY(SELECT d."storedAt" FROM d WHERE d."stored")) AND s."ctid" = d."storedAt"
),
inserted AS (
${INSERT_NEW_KEYS}
)
SELECT ${uncertain}
${UNCERTAIN_KEYS_OF_ARRAYS}`;
}

/** The PL/pgSQL variables (tid[]) that carry the rows the upload's differences left empty to their DELETEs. */
export const EMPTIED_METRICS_VARIABLE = "emptied_metrics";
export const EMPTIED_FINDINGS_VARIABLE = "emptied_findings";

/**
 * The rows the upload's differences left without reports (metricsDifferenceSql) or findings
 * (findingsDifferenceInto) go, as a recompute leaves none: by the ctids those statements returned — a
 * DELETE that reads no row when there is none, nearly always (its condition on the array alone is checked
 * once, before any row is read). Any other row under the keys kept its count, and no stored row has a
 * count of 0 (each writer deletes those it empties). Looking the keys' rows up again for a count of 0,
 * each key by the primary key's prefix, cost ≈ 0.1–0.2 ms per upload (BENCHMARKS.md, route18).
 */
const deleteEmptied = (table: string, variable: string) =>
  `DELETE FROM "${table}" s
 WHERE s."ctid" = ANY(${variable}) AND cardinality(${variable}) > 0`;
export const DELETE_EMPTIED_SUMMARIES: readonly string[] = [
  deleteEmptied("RegionYearMetrics", EMPTIED_METRICS_VARIABLE),
  deleteEmptied("RegionYearFindings", EMPTIED_FINDINGS_VARIABLE),
];

const CHANGE = `change AS (
  SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) AS ch("agencyId", "year", "reportId", "previousId")
)`;

/**
 * RegionYearFindings by difference: $1 the agency, $2 the year uploaded, $3 the findings "before"
 * (findingContributionsSql's rows as JSON, computed before the change). The agency's region and kind did not
 * change, so before and after count under the same keys. The rows it leaves without findings go into the
 * PL/pgSQL variable (tid[]) `emptied`, for DELETE_EMPTIED_SUMMARIES.
 */
export const findingsDifferenceInto = (emptied: string) =>
  findingsDifferenceSql(
    findingContributionsSql("$1::int", "$2::int"),
    `jsonb_to_recordset($3::jsonb) AS b("year" int, "regionPath" text, "depth" int, "agencyKind" text,
                                            "code" text, "kind" text, "origin" text, "findings" int, "reports" int)`,
    { into: emptied },
  );

/**
 * RegionYearFindings by difference: `after`'s rows added, those of the FROM item `before` subtracted. With
 * `emptied`, the statement returns the rows it left without findings; with `{ into }`, it puts their ctids
 * into that PL/pgSQL variable.
 */
function findingsDifferenceSql(
  after: string,
  before: string,
  emptied: boolean | { into: string } = false,
): string {
  const terms = `WITH after AS (${after}),
terms AS (
  SELECT "year", "regionPath", "depth", "agencyKind", "code", "kind", "origin", "findings", "reports" FROM after
  UNION ALL
  SELECT "year", "regionPath", "depth", "agencyKind", "code", "kind", "origin", -"findings", -"reports"
    FROM ${before}
)`;
  const upsert = `INSERT INTO "RegionYearFindings" AS t ("year", "regionPath", "depth", "agencyKind", "code", "kind", "origin", "findings", "reports")
SELECT * FROM (
  SELECT "year", "regionPath", "depth", "agencyKind", "code", "kind", "origin", sum("findings")::int AS "findings",
         sum("reports")::int AS "reports"
    FROM terms GROUP BY 1, 2, 3, 4, 5, 6, 7
) x
 WHERE x."findings" <> 0 OR x."reports" <> 0
 ORDER BY 1, 2, 4, 5, 6, 7
ON CONFLICT ("year", "regionPath", "agencyKind", "code", "kind", "origin") DO UPDATE
   SET "findings" = t."findings" + EXCLUDED."findings", "reports" = t."reports" + EXCLUDED."reports"`;
  if (!emptied) return `${terms}\n${upsert}`;
  if (emptied !== true)
    return `${terms},
upserted AS (
${upsert}
RETURNING t."ctid", t."findings"
)
SELECT ARRAY(SELECT "ctid" FROM upserted WHERE "findings" = 0) INTO ${emptied.into}`;
  return `${terms},
upserted AS (
${upsert}
RETURNING t."year", t."regionPath", t."agencyKind", t."code", t."kind", t."origin", t."findings"
)
SELECT "year", "regionPath", "agencyKind", "code", "kind", "origin" FROM upserted WHERE "findings" = 0`;
}

// What both coverage differences end with: each region (and its ancestors, county upwards) gains the
// coverage counted in their "gained" rows.
const ADD_GAINED_COVERAGE = `INSERT INTO "RegionYearCoverage" AS c ("year", "regionPath", "depth", "covered", "townsFiled")
SELECT g."year", a."path", a."depth", sum(g."covered")::int, sum(g."townsFiled")::int
  FROM gained g
  CROSS JOIN LATERAL (
    ${ancestorsOf(`g."regionPath"`, 1)}
  ) a("path", "depth")
 WHERE g."covered" + g."townsFiled" > 0
 GROUP BY 1, 2, 3
 ORDER BY 1, 2
ON CONFLICT ("year", "regionPath") DO UPDATE
   SET "covered" = c."covered" + EXCLUDED."covered", "townsFiled" = c."townsFiled" + EXCLUDED."townsFiled"`;

/** RegionYearCoverage of a first version: its region counts once more where no other report covered it. */
export const COVERAGE_DIFFERENCE = `WITH ${CHANGE},
gained AS (
  SELECT m."year", m."regionPath",
         ((m."agencyKind" || ':' || r."level"::text) IN ${GOVERNMENT_PAIRS} AND NOT EXISTS (
            SELECT 1 FROM "ReportMetrics" o
             WHERE o."year" = m."year" AND o."regionPath" = m."regionPath" AND o."agencyId" <> m."agencyId"
               AND (o."agencyKind" || ':' || r."level"::text) IN ${GOVERNMENT_PAIRS}))::int AS "covered",
         (r."level" = 'town' AND NOT EXISTS (
            SELECT 1 FROM "ReportMetrics" o
             WHERE o."year" = m."year" AND o."regionPath" = m."regionPath" AND o."agencyId" <> m."agencyId"))::int AS "townsFiled"
    FROM change ch
    JOIN "ReportMetrics" m ON m."agencyId" = ch."agencyId" AND m."year" = ch."year"
    JOIN "Region" r ON r."code" = m."regionCode"
   WHERE ch."previousId" IS NULL
)
${ADD_GAINED_COVERAGE}`;

// A bulk batch's summaries by difference (lib/ingest/summary-difference.ts): the same reasoning as an
// upload's, over all the batch's agency-years at once. Before the batch changes anything (under its agencies'
// locks) the read-model rows whose contributions it can move are listed — each changed agency-year's row,
// the year before's and the year after's, and each agency's earliest row (their union over the batch: an
// agency with several years in it lists a row once) — and their contributions to RegionYearMetrics and
// RegionYearFindings by key are kept in two staging tables; after the read model's upsert the same rows'
// contributions are taken again and the difference added to the stored rows. Every other row of these
// agencies keeps its year before, its year after, its findings and its earliest-ness, and no other agency's
// row moves (the batch's agencies are unchanged, or the batch recomputes instead), so the difference is
// exact — but where a known term goes, as above. The listed rows travel as two arrays ($1 agencies, $2
// years), not a staging table: a table the planner has no statistics of is guessed at 2,000 rows, and the
// generic plan then read the whole read model into a hash (EXPLAIN: 7,000 rows for 54).
// The metrics' contributions by key travel as one float8[] each (COUNTED then SUMMED, as an upload's do:
// arrayDifferenceSql), a table of its own name: a session's table of the named columns' shape is not reused.
// Both sides — before the batch's changes (0) and after them (1) — are taken by one statement
// (BULK_SUMMARY_CONTRIBUTIONS), so a connection plans the contributions' ~330 aggregates once, not once in
// "before" and again inside the difference: a batch's statements are planned again on each connection after
// every ANALYZE of a table they read, and the contributions were most of that (BENCHMARKS.md "import15",
// "import17", "pg19").
const SIDES_METRICS_TABLE = "stage_summary_metric_sides";
const SIDES_FINDINGS_TABLE = "stage_summary_finding_sides";

/** The session's staging tables (emptied at each commit), created when missing. */
export const BULK_SUMMARY_STAGING: readonly string[] = [
  `CREATE TEMP TABLE IF NOT EXISTS "${SIDES_METRICS_TABLE}" (
  "side" int, "year" int, "regionPath" text, "depth" int, "agencyKind" text, "v" float8[]
) ON COMMIT DELETE ROWS`,
  `CREATE TEMP TABLE IF NOT EXISTS "${SIDES_FINDINGS_TABLE}" (
  "side" int, "year" int, "regionPath" text, "depth" int, "agencyKind" text, "code" text, "kind" text,
  "origin" text, "findings" int, "reports" int
) ON COMMIT DELETE ROWS`,
];

/**
 * The read-model rows `m` of the listed rows `t`, each by its key (LATERAL … OFFSET 0). Its agency's next
 * year and earlier years are looked up per row too (OFFSET 0 in COUNTS_OF_REPORTS' EXISTS): as EXISTS,
 * the generic plan chose to hash all of the read model's keys once per statement.
 */
const rowsOf = (listed: string) => `${listed} AS t("agencyId", "year")
      CROSS JOIN LATERAL (SELECT m.* FROM "ReportMetrics" m
                           WHERE m."agencyId" = t."agencyId" AND m."year" = t."year" OFFSET 0) m`;
const LISTED = `unnest($1::int[], $2::int[])`;

function contributionsOfListedSql(listed: string): string {
  const lookups = (text: string) =>
    text
      .replace(`AND e."year" < m."year")`, `AND e."year" < m."year" OFFSET 0)`)
      .replace(`AND n."year" = m."year" + 1)`, `AND n."year" = m."year" + 1 OFFSET 0)`);
  const text = contributionsOfRowsSql(rowsOf(listed), "true");
  const changed = lookups(text);
  if (changed === text) throw new Error("summary SQL: the lookups of COUNTS_OF_REPORTS were not found");
  return changed;
}

/**
 * Before a batch's changes: $1 agencies and $2 years (its distinct agency-years). Returns the rows whose
 * contributions it can move ("agencyId", "year"): the listed rows BULK_SUMMARY_CONTRIBUTIONS then takes.
 */
export const BULK_SUMMARIES_BEFORE = `WITH p AS (
  SELECT DISTINCT * FROM unnest($1::int[], $2::int[]) AS p("agencyId", "year")
)
SELECT p."agencyId", p."year" + d."d" AS "year" FROM p CROSS JOIN (VALUES (-1), (0), (1)) AS d("d")
UNION
SELECT e."agencyId", e."year" FROM (SELECT DISTINCT p."agencyId" FROM p) a
 CROSS JOIN LATERAL (SELECT m."agencyId", m."year" FROM "ReportMetrics" m
                      WHERE m."agencyId" = a."agencyId" ORDER BY m."year" LIMIT 1) e`;

/**
 * The listed rows' ($1, $2) contributions to RegionYearMetrics and RegionYearFindings by key, kept in the
 * staging tables as side $3: 0 before the batch's changes, 1 after the read model's upsert.
 */
export const BULK_SUMMARY_CONTRIBUTIONS = `WITH metrics AS (
  INSERT INTO "${SIDES_METRICS_TABLE}" ("side", "year", "regionPath", "depth", "agencyKind", "v")
  SELECT $3::int, c.* FROM (
  ${contributionsByKeyArraySql(contributionsOfListedSql(LISTED))}
  ) c
),
findings AS (
  INSERT INTO "${SIDES_FINDINGS_TABLE}"
         ("side", "year", "regionPath", "depth", "agencyKind", "code", "kind", "origin", "findings", "reports")
  SELECT $3::int, c.* FROM (
  ${findingsOfRowsSql(rowsOf(LISTED), "true")}
  ) c
)
SELECT NULL WHERE false`;

const sideOf = (table: string, side: number) =>
  `SELECT "year", "regionPath", "depth", "agencyKind", "v" FROM "${table}" WHERE "side" = ${side}`;

/**
 * After both sides' contributions (BULK_SUMMARY_CONTRIBUTIONS): RegionYearMetrics by difference; returns
 * the uncertain keys' arrays.
 */
export const BULK_METRICS_DIFFERENCE = bulkArrayDifferenceSql(
  sideOf(SIDES_METRICS_TABLE, 1),
  sideOf(SIDES_METRICS_TABLE, 0),
  `array_agg(d."year") AS "years", array_agg(d."regionPath") AS "paths", array_agg(d."depth"::int) AS "depths"`,
);

/**
 * RegionYearFindings by difference, after both sides' contributions: the listed rows' findings after less
 * before; returns the rows left without findings ("year", "regionPath", "agencyKind", "code", "kind", "origin").
 */
export const BULK_FINDINGS_DIFFERENCE = findingsDifferenceSql(
  `SELECT "year", "regionPath", "depth", "agencyKind", "code", "kind", "origin", "findings", "reports"
     FROM "${SIDES_FINDINGS_TABLE}" WHERE "side" = 1`,
  `"${SIDES_FINDINGS_TABLE}" b WHERE b."side" = 0`,
  true,
);

/** The rows BULK_FINDINGS_DIFFERENCE left without findings go, as after a recompute. */
export const BULK_FINDINGS_DELETE_EMPTIED = `DELETE FROM "RegionYearFindings" s
 USING unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS e("year", "regionPath", "agencyKind", "code", "kind", "origin")
 WHERE s."year" = e."year" AND s."regionPath" = e."regionPath" AND s."agencyKind" = e."agencyKind"
   AND s."code" = e."code" AND s."kind" = e."kind" AND s."origin" = e."origin" AND s."findings" = 0`;

/**
 * RegionYearCoverage of the batch's first versions ($1–$4: the changes, as COVERAGE_DIFFERENCE): a region
 * and year counts once more where a first version covers it (or files for a town) and no row of the read
 * model that is not one of the batch's first versions did — several in one batch count once.
 */
export const BULK_COVERAGE_DIFFERENCE = `WITH ${CHANGE},
fresh AS (SELECT ch."agencyId", ch."year" FROM change ch WHERE ch."previousId" IS NULL),
places AS (
  SELECT m."year", m."regionPath", r."level",
         bool_or((m."agencyKind" || ':' || r."level"::text) IN ${GOVERNMENT_PAIRS}) AS "covers"
    FROM fresh f
    JOIN "ReportMetrics" m ON m."agencyId" = f."agencyId" AND m."year" = f."year"
    JOIN "Region" r ON r."code" = m."regionCode"
   GROUP BY 1, 2, 3
),
gained AS MATERIALIZED (
  SELECT pl."year", pl."regionPath",
         (pl."covers" AND NOT EXISTS (
            SELECT 1 FROM "ReportMetrics" o
             WHERE o."year" = pl."year" AND o."regionPath" = pl."regionPath"
               AND (o."agencyKind" || ':' || pl."level"::text) IN ${GOVERNMENT_PAIRS}
               AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."agencyId" = o."agencyId" AND f."year" = o."year")))::int AS "covered",
         (pl."level" = 'town' AND NOT EXISTS (
            SELECT 1 FROM "ReportMetrics" o
             WHERE o."year" = pl."year" AND o."regionPath" = pl."regionPath"
               AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."agencyId" = o."agencyId" AND f."year" = o."year")))::int AS "townsFiled"
    FROM places pl
)
${ADD_GAINED_COVERAGE}`;
