// The SQL that fills the read model's summaries (RegionYearMetrics, RegionYearCoverage — see their
// migration) for a set of keys (year, region path, depth), generated from the metric dictionary like the
// read model's own SQL. Deepest first: a county's rows sum its reports; a city's sum its counties' rows and
// the reports placed on the city itself; a province's likewise; depth 0 holds the reports without a region.
// Every statement takes the keys as three parallel arrays ($1 years, $2 paths, $3 depths).
//   for (const statement of buildSummaryRefreshSql(keys)) await runQuery(client, statement);
import { createHash } from "node:crypto";
import { rawSql, sql, type Sql } from "@/lib/db/sql";
import { METRICS, type MetricColumn } from "@/lib/metrics/metric-dictionary";

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
const SUMMED: readonly string[] = [
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
const SUMS_OF_REPORTS = [
  ...COLUMNS.map((c) => sumOf("m", c)),
  ...OUTCOMES.map((o) => `(sum(m.${q(OUTCOME_SOURCE[o])}) FILTER (WHERE ${ALL_OUTCOMES_KNOWN}))::float8`),
  ...COLUMNS.map((c) => sumOf("m", c, `p."agencyId" IS NOT NULL`)),
  ...COLUMNS.map((c) => sumOf("p", c)),
].join(",\n       ");

const SUMS_OF_ROWS = SUMMED.map((c) => `sum(x.${q(c)})::float8`).join(", ");
const COLUMN_LIST = SUMMED.map(q).join(", ");

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

function reportSums(where: string): string {
  return `SELECT k."year", k."path", k."depth", m."agencyKind", count(*)::int AS "reports",
       count(p."agencyId")::int AS "matchedAgencies",
       ${SUMS_OF_REPORTS}
  FROM keys k
  JOIN "ReportMetrics" m ON ${where}
  LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
 GROUP BY k."year", k."path", k."depth", m."agencyKind"`;
}

const INSERT_INTO = `INSERT INTO "RegionYearMetrics" ("year", "regionPath", "depth", "agencyKind", "reports",
  "matchedAgencies", ${COLUMN_LIST})`;

/** The rows of the keys at the deepest level and of depth 0, from the read model alone. */
const FILL_FROM_REPORTS = (depth: number, where: string): Step => ({
  depth,
  text: `
${INSERT_INTO}
${reportSums(where)}`,
});

/** The rows of the keys at depth 1 or 2: their children's rows plus the reports on the region itself. */
const FILL_FROM_CHILDREN = (depth: number): Step => ({
  depth,
  text: `,
parts AS (
  SELECT k."year", k."path", k."depth", c."agencyKind", c."reports", c."matchedAgencies", ${SUMMED.map((col) => `c.${q(col)}`).join(", ")}
    FROM keys k
    JOIN "RegionYearMetrics" c ON c."depth" = k."depth" + 1 AND c."year" = k."year"
     AND c."regionPath" ~>=~ k."path" AND c."regionPath" ~<~ (k."path" || '~')
  UNION ALL
  ${reportSums(REPORTS_IN.own)}
)
${INSERT_INTO}
SELECT x."year", x."path", x."depth", x."agencyKind", sum(x."reports")::int, sum(x."matchedAgencies")::int,
       ${SUMS_OF_ROWS}
  FROM parts x
 GROUP BY x."year", x."path", x."depth", x."agencyKind"`,
});

// A region counts as covered when a report of its own government is placed on it (the pairs of
// getRegionBreakdown: 省政府 on a province, 区县政府 on a county, 乡镇 or 街道 on a town …).
const GOVERNMENT_PAIRS = `('省政府:province', '市政府:city', '区县政府:county', '乡镇:town', '街道:town')`;
const COVERED_REPORTS = `SELECT k."year", k."path", k."depth", m."regionCode"
    FROM keys k
    JOIN "ReportMetrics" m ON %WHERE%
    JOIN "Region" r ON r."code" = m."regionCode"
   WHERE (m."agencyKind" || ':' || r."level"::text) IN ${GOVERNMENT_PAIRS}`;

const COVERAGE_FROM_REPORTS = (depth: number): Step => ({
  depth,
  text: `
INSERT INTO "RegionYearCoverage" ("year", "regionPath", "depth", "covered")
SELECT g."year", g."path", g."depth", count(DISTINCT g."regionCode")::int
  FROM (${COVERED_REPORTS.replace("%WHERE%", REPORTS_IN.subtree)}) g
 GROUP BY g."year", g."path", g."depth"`,
});

const COVERAGE_FROM_CHILDREN = (depth: number): Step => ({
  depth,
  text: `,
parts AS (
  SELECT k."year", k."path", k."depth", c."covered"
    FROM keys k
    JOIN "RegionYearCoverage" c ON c."depth" = k."depth" + 1 AND c."year" = k."year"
     AND c."regionPath" ~>=~ k."path" AND c."regionPath" ~<~ (k."path" || '~')
  UNION ALL
  SELECT g."year", g."path", g."depth", count(DISTINCT g."regionCode")::int
    FROM (${COVERED_REPORTS.replace("%WHERE%", REPORTS_IN.own)}) g
   GROUP BY g."year", g."path", g."depth"
)
INSERT INTO "RegionYearCoverage" ("year", "regionPath", "depth", "covered")
SELECT x."year", x."path", x."depth", sum(x."covered")::int FROM parts x
 GROUP BY x."year", x."path", x."depth"`,
});

const DELETE_KEYS: Step = {
  depth: null,
  text: `,
gone AS (
  DELETE FROM "RegionYearCoverage" c USING keys k WHERE c."year" = k."year" AND c."regionPath" = k."path"
)
DELETE FROM "RegionYearMetrics" s USING keys k WHERE s."year" = k."year" AND s."regionPath" = k."path"`,
};

/** The statements, in order: empty the keys' rows, then fill them deepest first. */
const STEPS: readonly Step[] = [
  DELETE_KEYS,
  FILL_FROM_REPORTS(SUMMARY_MAX_DEPTH, REPORTS_IN.subtree),
  COVERAGE_FROM_REPORTS(SUMMARY_MAX_DEPTH),
  ...[2, 1].flatMap((depth) => [FILL_FROM_CHILDREN(depth), COVERAGE_FROM_CHILDREN(depth)]),
  FILL_FROM_REPORTS(0, REPORTS_IN.unplaced),
];

export function buildSummaryRefreshSql(keys: readonly SummaryKey[]): Sql[] {
  const years = keys.map((k) => k.year);
  const paths = keys.map((k) => k.path);
  const depths = keys.map((k) => k.depth);
  return STEPS.map(
    ({ depth, text }) => sql`WITH keys AS (
  SELECT * FROM unnest(${years}::int[], ${paths}::text[], ${depths}::int[]) AS k("year", "path", "depth")
   WHERE ${depth === null ? rawSql("true") : sql`k."depth" = ${depth}::int`}
)${rawSql(text)}`,
  );
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
  .update(STEPS.map((step) => step.text).join("\n") + summaryKeysOf(sql`x`).text)
  .digest("hex")
  .slice(0, 16);
