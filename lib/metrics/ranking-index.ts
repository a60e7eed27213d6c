// 排名's value order as an index per metric (migration 20261208000000_ranking_indexes): the rows of a year that
// have a value, in value order, tie-broken by agency — so the first page of a national ranking is an index
// range, and the count of ranked rows an index-only scan, instead of a sort and a count over a year of the
// read model (~141 000 rows at a million reports). The query and the index are written from one definition
// here: the planner uses an expression index only when the query's expression is the index's, and a
// partial index only when the query's WHERE implies its predicate.
//   const key = rankingKeySql(metric, "m");   // ORDER BY ${key} DESC, m."agencyId"
// A rate's index holds the rows with denominator ≥ RANKING_INDEX_MIN_N, the default minimum n (MIN_RATE_N):
// with a larger MIN_RATE_N the index still serves the page (the predicate is implied), with a smaller one
// the planner falls back to the year's rows. A count's index holds its non-null values.
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { DEFAULT_MIN_DENOMINATOR } from "@/lib/metrics/compute-rate";

export const RANKING_INDEX_MIN_N = DEFAULT_MIN_DENOMINATOR;

/** `ReportMetrics_rank_disclosure_rate_idx`. */
export function rankingIndexName(metric: MetricDefinition): string {
  return `ReportMetrics_rank_${metric.id}_idx`;
}

function column(name: string, alias: string): string {
  if (!/^[a-z]\w*$/i.test(name) || !/^(|[a-z]\w*)$/i.test(alias))
    throw new Error(`bad column ${alias}.${name}`);
  return alias ? `${alias}."${name}"` : `"${name}"`;
}

/** The value the index is ordered by: a count's column, a rate's scale × num / den (without the minimum n). */
export function rankingKeyText(metric: MetricDefinition, alias = ""): string {
  if (metric.kind === "count") return column(metric.column, alias);
  const scale = Number(metric.scale);
  if (!Number.isInteger(scale)) throw new Error(`bad scale ${metric.scale}`);
  return `((${scale}::float8 * ${column(metric.numeratorColumn, alias)}) / ${column(metric.denominatorColumn, alias)})`;
}

/**
 * The rows with a value: a count's non-null ones; a rate's with a known numerator and a denominator ≥ minN —
 * the rows where metricValueSql is not null. minN is written as a literal (a whole number, checked), so the
 * planner can prove it implies the index's predicate.
 */
export function rankedRowsText(metric: MetricDefinition, minN: number, alias = ""): string {
  if (!Number.isInteger(minN) || minN < 1) throw new Error(`bad minimum n ${minN}`);
  if (metric.kind === "count") return `${column(metric.column, alias)} IS NOT NULL`;
  const numerator = column(metric.numeratorColumn, alias);
  const denominator = column(metric.denominatorColumn, alias);
  return `${numerator} IS NOT NULL AND ${denominator} > 0 AND ${denominator} >= ${minN}`;
}

/**
 * The index: (year, value DESC, agencyId) over the rows with a value, the agency's kind carried along so
 * that a ranking of some kinds counts its rows from the index alone — and a rate's numerator and
 * denominator, because PostgreSQL reads an expression's value from an index only when it could compute it
 * from the index's columns: without them every count by value and 排名 by change would visit the table.
 */
export function rankingIndexSql(metric: MetricDefinition): string {
  return createRankingIndexSql(metric, "CONCURRENTLY IF NOT EXISTS");
}

/**
 * The same index built in the caller's transaction, writes to the table waiting meanwhile (a bulk load's
 * end, which dropped it while it loaded an empty read model: lib/ingest/defer-ranking-indexes.ts).
 */
export function rankingIndexBuildSql(metric: MetricDefinition): string {
  return createRankingIndexSql(metric, "IF NOT EXISTS");
}

function createRankingIndexSql(metric: MetricDefinition, how: string): string {
  const carried = [
    "agencyKind",
    ...(metric.kind === "rate" ? [metric.numeratorColumn, metric.denominatorColumn] : []),
  ];
  return (
    `CREATE INDEX ${how} "${rankingIndexName(metric)}"\n` +
    `    ON "ReportMetrics" ("year", ${rankingKeyText(metric)} DESC, "agencyId") INCLUDE (${carried.map((c) => `"${c}"`).join(", ")})\n` +
    `    WHERE ${rankedRowsText(metric, RANKING_INDEX_MIN_N)};`
  );
}
