// SQL fragments over the read model's metric columns. Column names come from the metric dictionary only
// (never from a URL) and are checked against a plain identifier pattern before they become SQL.
//   SELECT ${sumMetricInputs()} FROM "ReportMetrics" m WHERE …
// Sums follow spec/metrics.md: a count adds the reports that printed it; a rate adds numerators and
// denominators over the reports where both are known, then divides once (toMetricValues) — never an
// average of rates.
import { Prisma } from "@/lib/generated/prisma/client";
import { computeRate, type RateValue } from "@/lib/metrics/compute-rate";
import {
  METRICS,
  type MetricColumn,
  type MetricDefinition,
  type MetricId,
} from "@/lib/metrics/metric-dictionary";

/** Summed metric inputs of a group of reports, by read-model column; null when no report had it. */
export type MetricTotals = Record<MetricColumn, number | null>;

/** A metric's value for a group: a count, or a rate with its n (value null below the minimum n). */
export type MetricValues = Record<MetricId, RateValue>;

export const METRIC_COLUMNS: readonly MetricColumn[] = METRICS.flatMap((metric) =>
  metric.kind === "count" ? [metric.column] : [metric.numeratorColumn, metric.denominatorColumn],
);

/** `m."applicationsNew"` — a quoted read-model column of the alias, from the dictionary only. */
export function metricColumn(column: MetricColumn, alias = "m"): Prisma.Sql {
  if (!METRIC_COLUMNS.includes(column) || !/^[a-z]\w*$/i.test(alias)) {
    throw new Error(`not a read-model metric column: ${alias}.${column}`);
  }
  return Prisma.raw(`${alias}."${column}"`);
}

/**
 * `sum(m."applicationsNew") AS "applicationsNew", …` for every metric column; `as` prefixes the output
 * names ("prev_applicationsNew") when two groups are summed in one SELECT.
 */
export function sumMetricInputs(alias = "m", as = ""): Prisma.Sql {
  if (!/^\w*$/.test(as)) throw new Error(`bad output prefix ${as}`);
  const name = (column: MetricColumn) => Prisma.raw(`"${as}${column}"`);
  const parts = METRICS.flatMap((metric) => {
    if (metric.kind === "count") {
      const column = metricColumn(metric.column, alias);
      return [Prisma.sql`sum(${column})::float8 AS ${name(metric.column)}`];
    }
    const numerator = metricColumn(metric.numeratorColumn, alias);
    const denominator = metricColumn(metric.denominatorColumn, alias);
    const bothKnown = Prisma.sql`${numerator} IS NOT NULL AND ${denominator} IS NOT NULL`;
    return [
      Prisma.sql`(sum(${numerator}) FILTER (WHERE ${bothKnown}))::float8 AS ${name(metric.numeratorColumn)}`,
      Prisma.sql`(sum(${denominator}) FILTER (WHERE ${bothKnown}))::float8 AS ${name(metric.denominatorColumn)}`,
    ];
  });
  return Prisma.join(parts, ", ");
}

/** `p."applicationsNew" AS "prev_applicationsNew", …`: one report's metric inputs under a prefix. */
export function selectMetricInputs(alias = "m", as = ""): Prisma.Sql {
  if (!/^\w*$/.test(as)) throw new Error(`bad output prefix ${as}`);
  return Prisma.join(
    METRIC_COLUMNS.map(
      (column) => Prisma.sql`${metricColumn(column, alias)} AS ${Prisma.raw(`"${as}${column}"`)}`,
    ),
    ", ",
  );
}

/**
 * One report's value of a metric as SQL (for ranking and sorting in the database): the count, or the rate
 * scale × num / den — null below the minimum n, exactly as computeRate does it in JavaScript.
 */
export function metricValueSql(metric: MetricDefinition, minN: number, alias = "m"): Prisma.Sql {
  if (metric.kind === "count") return metricColumn(metric.column, alias);
  const numerator = metricColumn(metric.numeratorColumn, alias);
  const denominator = metricColumn(metric.denominatorColumn, alias);
  return Prisma.sql`CASE WHEN ${numerator} IS NOT NULL AND ${denominator} > 0 AND ${denominator} >= ${minN}::float8
    THEN (${metric.scale}::float8 * ${numerator}) / ${denominator} END`;
}

/** The n shown beside a metric: a rate's denominator; null for a count. */
export function metricNSql(metric: MetricDefinition, alias = "m"): Prisma.Sql {
  return metric.kind === "rate" ? metricColumn(metric.denominatorColumn, alias) : Prisma.sql`NULL::float8`;
}

/** Every metric's value from summed inputs. */
export function toMetricValues(totals: MetricTotals, minN: number): MetricValues {
  const values = {} as MetricValues;
  for (const metric of METRICS) values[metric.id] = toMetricValue(metric, totals, minN);
  return values;
}

export function toMetricValue(metric: MetricDefinition, totals: MetricTotals, minN: number): RateValue {
  if (metric.kind === "count") return { value: totals[metric.column] ?? null, n: null };
  return computeRate({
    numerator: totals[metric.numeratorColumn] ?? null,
    denominator: totals[metric.denominatorColumn] ?? null,
    scale: metric.scale,
    minDenominator: minN,
  });
}

/** Picks the metric columns (named with prefix `as`) out of a raw row, as numbers or null. */
export function readMetricTotals(row: Record<string, unknown>, as = ""): MetricTotals {
  const totals = {} as MetricTotals;
  for (const column of METRIC_COLUMNS) {
    const value = row[`${as}${column}`];
    totals[column] = value === null || value === undefined ? null : Number(value);
  }
  return totals;
}
