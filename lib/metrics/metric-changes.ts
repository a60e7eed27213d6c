// 排名 by change at national scale (issue 17): each current report's change against its agency's current
// report of the year before, per metric, kept in its own table (ReportMetricChanges, migration
// 20261209000000_metric_changes) with an index per metric in change order — so a national page sorted by
// change is an index range like one sorted by value (ranking-index.ts), instead of a join of two years'
// ~80 000 ranked rows per request. A row per (agency, year) that has a read-model row and one the year before.
//   await runQuery(client, buildMetricChangesRefreshSql({ agencyYears: [{ agencyId, year }] }));
//   const column = changeColumnText(metric, "c");     // ORDER BY ${column} DESC, c."agencyId"
// A change is stored where both years are ranked at the rate indexes' minimum n (RANKING_INDEX_MIN_N): a
// rate's value in each year is the ranking index's own expression, so the stored change equals the query's
// `value - previousValue` bit for bit (the same float8 operations), and the smaller of the two denominators
// is kept beside it, so that a larger minimum n is a filter on the same index. The change of a count is
// stored where both years printed it.
//
// Kept by refreshReportMetrics after every upsert of the read model (uploads, bulk imports, corrections,
// confirmations, refiling, re-reading, an agency's region or kind changed): the changed agency-years' rows and
// those of the year after them, as the read model stands after the upsert. Filled whole by the read model's
// rebuild and, when this SQL changed (METRIC_CHANGES_SQL_FINGERPRINT), at start.
import { createHash } from "node:crypto";
import { joinSql, rawSql, sql, type Sql } from "@/lib/db/sql";
import { METRICS, type MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { RANKING_INDEX_MIN_N, rankedRowsText, rankingKeyText } from "@/lib/metrics/ranking-index";

const TABLE = `"ReportMetricChanges"`;

function identifier(name: string): string {
  if (!/^[a-z]\w*$/i.test(name)) throw new Error(`bad identifier ${name}`);
  return name;
}

/** The change's column: a count's read-model column name, a rate's stem ("disclosureRate"). */
export function changeColumnName(metric: MetricDefinition): string {
  return identifier(metric.kind === "count" ? metric.column : metric.numeratorColumn.replace(/Num$/, ""));
}

/** A rate's column of the smaller denominator of the two years ("disclosureRateN"); none for a count. */
export function changeNColumnName(metric: MetricDefinition): string | null {
  return metric.kind === "rate" ? `${changeColumnName(metric)}N` : null;
}

const quoted = (alias: string, name: string) => (alias ? `${identifier(alias)}."${name}"` : `"${name}"`);

/** `c."disclosureRate"`: the stored change, as the index orders it. */
export function changeColumnText(metric: MetricDefinition, alias = ""): string {
  return quoted(alias, changeColumnName(metric));
}

/** Whether the kept changes hold every change at this minimum n: a count's always, a rate's from n ≥ 10. */
export function keepsChangesAt(metric: MetricDefinition, minN: number): boolean {
  return metric.kind === "count" || minN >= RANKING_INDEX_MIN_N;
}

/**
 * The rows with a change at minimum n `minN` (keepsChangesAt; a whole number, written as a literal): the
 * change stored, and a rate's smaller denominator ≥ minN when that is above the kept changes' own.
 */
export function changedRowsText(metric: MetricDefinition, minN: number, alias = ""): string {
  if (!Number.isInteger(minN) || !keepsChangesAt(metric, minN)) throw new Error(`bad minimum n ${minN}`);
  const stored = `${changeColumnText(metric, alias)} IS NOT NULL`;
  const n = changeNColumnName(metric);
  return n && minN > RANKING_INDEX_MIN_N ? `${stored} AND ${quoted(alias, n)} >= ${minN}` : stored;
}

/** `ReportMetricChanges_disclosure_rate_idx`. */
export function changeIndexName(metric: MetricDefinition): string {
  return `ReportMetricChanges_${metric.id}_idx`;
}

/** (year, change DESC, agencyId) over the rows with a change, carrying the kind (and a rate's smaller n). */
export function changeIndexSql(metric: MetricDefinition): string {
  return createChangeIndexSql(metric, "");
}

/** The same, left alone where it exists (a bulk load's end: lib/ingest/defer-ranking-indexes.ts). */
export function changeIndexBuildSql(metric: MetricDefinition): string {
  return createChangeIndexSql(metric, "IF NOT EXISTS ");
}

function createChangeIndexSql(metric: MetricDefinition, ifNotExists: string): string {
  const n = changeNColumnName(metric);
  const carried = ["agencyKind", ...(n ? [n] : [])];
  return (
    `CREATE INDEX ${ifNotExists}"${changeIndexName(metric)}"\n` +
    `    ON ${TABLE} ("year", ${changeColumnText(metric)} DESC, "agencyId") INCLUDE (${carried.map((c) => `"${c}"`).join(", ")})\n` +
    `    WHERE ${changeColumnText(metric)} IS NOT NULL;`
  );
}

/** Each metric's change column, and a rate's smaller-n column after it. */
const CHANGE_COLUMNS = METRICS.flatMap((metric) => {
  const n = changeNColumnName(metric);
  return [changeColumnName(metric), ...(n ? [n] : [])];
});

/** The table as the migration creates it: every change column float8, null where there is no change. */
export function changeTableSql(): string {
  return (
    `CREATE TABLE ${TABLE} (\n` +
    `    "agencyId" INTEGER NOT NULL,\n` +
    `    "year" INTEGER NOT NULL,\n` +
    `    "agencyKind" TEXT NOT NULL,\n` +
    CHANGE_COLUMNS.map((column) => `    "${column}" DOUBLE PRECISION,\n`).join("") +
    `    CONSTRAINT "ReportMetricChanges_pkey" PRIMARY KEY ("agencyId", "year")\n` +
    `);`
  );
}

const COLUMN_NAMES = ["agencyId", "year", "agencyKind", ...CHANGE_COLUMNS];
const COLUMN_LIST = COLUMN_NAMES.map((name) => `"${name}"`).join(", ");
const UPDATED_COLUMNS = COLUMN_NAMES.filter((name) => name !== "agencyId" && name !== "year");

/** This year's row m against last year's p: each change, and a rate's smaller n, where both are ranked. */
function changeValuesText(): string {
  return METRICS.flatMap((metric) => {
    const both = `${rankedRowsText(metric, RANKING_INDEX_MIN_N, "m")} AND ${rankedRowsText(metric, RANKING_INDEX_MIN_N, "p")}`;
    const change = `CASE WHEN ${both} THEN ${rankingKeyText(metric, "m")} - ${rankingKeyText(metric, "p")} END`;
    if (metric.kind === "count") return [change];
    const n = `CASE WHEN ${both} THEN least(m."${metric.denominatorColumn}", p."${metric.denominatorColumn}") END`;
    return [change, n];
  }).join(",\n         ");
}

// Each read-model row m of `from` (which names m) joined to its agency's row p of the year before.
const FRESH_ROWS = (from: string) => `SELECT m."agencyId", m."year", m."agencyKind",
         ${changeValuesText()}
    FROM ${from}
    JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1`;

// Upserts the fresh rows (writing only those that differ) and deletes the touched rows without a pair now.
const REFRESH_FROM_TOUCHED = `fresh AS (
  ${FRESH_ROWS(`touched t JOIN "ReportMetrics" m ON m."agencyId" = t."agencyId" AND m."year" = t."year"`)}
), upserted AS (
  INSERT INTO ${TABLE} AS c (${COLUMN_LIST})
  SELECT * FROM fresh
  ON CONFLICT ("agencyId", "year") DO UPDATE
     SET ${UPDATED_COLUMNS.map((name) => `"${name}" = EXCLUDED."${name}"`).join(", ")}
   WHERE (${UPDATED_COLUMNS.map((name) => `c."${name}"`).join(", ")})
         IS DISTINCT FROM (${UPDATED_COLUMNS.map((name) => `EXCLUDED."${name}"`).join(", ")})
)
DELETE FROM ${TABLE} c USING touched t
 WHERE c."agencyId" = t."agencyId" AND c."year" = t."year"
   AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."agencyId" = c."agencyId" AND f."year" = c."year")`;

/**
 * Refreshes the change rows of these agency-years and of the year after each (its "year before" is one of
 * them), and of every year of these agencies — from the read model as it stands, so after its upsert.
 */
export function buildMetricChangesRefreshSql(target: {
  agencyYears?: readonly { agencyId: number; year: number }[];
  agencyIds?: readonly number[];
}): Sql {
  const parts: Sql[] = [];
  const agencyYears = target.agencyYears ?? [];
  const agencyIds = target.agencyIds ?? [];
  if (agencyYears.length > 0)
    parts.push(sql`SELECT DISTINCT x."agencyId", x."year" + d."offset" AS "year"
      FROM unnest(${agencyYears.map((p) => p.agencyId)}::int[], ${agencyYears.map((p) => p.year)}::int[]) AS x("agencyId", "year"),
           (VALUES (0), (1)) AS d("offset")`);
  if (agencyIds.length > 0)
    parts.push(
      sql`SELECT m."agencyId", m."year" FROM "ReportMetrics" m WHERE m."agencyId" = ANY(${[...agencyIds]}::int[])`,
      sql`SELECT c."agencyId", c."year" FROM ${rawSql(TABLE)} c WHERE c."agencyId" = ANY(${[...agencyIds]}::int[])`,
    );
  if (parts.length === 0) throw new Error("buildMetricChangesRefreshSql: nothing to refresh");
  return sql`WITH touched AS MATERIALIZED (${joinSql(parts, "\n  UNION\n  ")}),
${rawSql(REFRESH_FROM_TOUCHED)}`;
}

/** Every change row from the read model as it stands, into the emptied table (the rebuild). */
export function buildMetricChangesFillSql(): Sql {
  return sql`INSERT INTO ${rawSql(TABLE)} (${rawSql(COLUMN_LIST)})
${rawSql(FRESH_ROWS(`"ReportMetrics" m`))}`;
}

/** Changes whenever the generated SQL does: the table is then filled again at start. */
export const METRIC_CHANGES_SQL_FINGERPRINT = createHash("sha256")
  .update(
    buildMetricChangesRefreshSql({ agencyYears: [{ agencyId: 0, year: 0 }], agencyIds: [0] }).text +
      buildMetricChangesFillSql().text,
  )
  .digest("hex")
  .slice(0, 16);
