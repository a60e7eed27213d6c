// The SQL that fills the read model (ReportMetrics), generated from the metric dictionary: every count's
// value and every rate's numerator and denominator, computed in the database from the cells as they stand
// (corrections applied, view "CellValue"). One statement for one report, a batch or every report — so
// ingestion, corrections, `npm run metrics:rebuild` and a metric added to the dictionary all fill it the
// same way. Identifiers come from the dictionary and the cell catalogue (code constants), never from input.
//   await runQuery(client, buildMetricsRefreshSql(sql`r."agencyId" = ANY(${ids}::int[])`));
import { createHash } from "node:crypto";
import { getCellNo } from "@/lib/ingest/cell-numbers";
import { arrayLiteral } from "@/lib/db/array-literal";
import { joinSql, rawSql, sql, type Sql } from "@/lib/db/sql";
import { METRICS, type Formula, type MetricColumn } from "@/lib/metrics/metric-dictionary";
import { CELLS } from "@/lib/reader/template/cell-catalogue";

interface ColumnFormula {
  column: MetricColumn;
  formula: Formula;
}

const COLUMNS: readonly ColumnFormula[] = METRICS.flatMap((metric): ColumnFormula[] =>
  metric.kind === "count"
    ? [{ column: metric.column, formula: metric.value }]
    : [
        { column: metric.numeratorColumn, formula: metric.numerator },
        { column: metric.denominatorColumn, formula: metric.denominator },
      ],
);

const CELL_NOS: readonly number[] = [
  ...new Set(COLUMNS.flatMap(({ formula }) => [...formula.plus, ...(formula.minus ?? [])].map(getCellNo))),
].sort((a, b) => a - b);

// Amounts are counted in 万元, the template's unit; a report that prints 元 is converted (÷ 10 000).
const WAN_CELL_NOS = new Set(CELLS.filter((cell) => cell.unit === "万元").map((cell) => getCellNo(cell.id)));

const quote = (identifier: string) => `"${identifier}"`;
const cellAlias = (cellNo: number) => `c${cellNo}`;

/** A cell's value as the formulas take it, from its stored value and unit (SQL expressions). */
function cellInput(cellNo: number, value: string, unit: string): string {
  return WAN_CELL_NOS.has(cellNo)
    ? `CASE WHEN ${unit} = '元' THEN ${value} / 10000 ELSE ${value} END`
    : value;
}

function pivotColumn(cellNo: number): string {
  return `max(${cellInput(cellNo, `v."value"`, `v."unit"`)}) FILTER (WHERE v."cellNo" = ${cellNo}) AS ${cellAlias(cellNo)}`;
}

/** Strict about nulls like the dictionary: one unprinted input makes the sum null (SQL's + does that). */
function formulaExpression({ plus, minus = [] }: Formula): string {
  const terms = [
    ...plus.map((id, index) => `${index === 0 ? "" : " + "}c.${cellAlias(getCellNo(id))}`),
    ...minus.map((id) => ` - c.${cellAlias(getCellNo(id))}`),
  ];
  return `(${terms.join("")})::float8`;
}

const METRIC_COLUMNS = COLUMNS.map(({ column }) => quote(column)).join(", ");
const METRIC_VALUES = COLUMNS.map(({ formula }) => formulaExpression(formula)).join(",\n         ");
const METRIC_UPDATES = COLUMNS.map(({ column }) => `${quote(column)} = EXCLUDED.${quote(column)}`).join(
  ",\n        ",
);

const PIVOT = CELL_NOS.map(pivotColumn).join(",\n         ");
const CELL_LIST = CELL_NOS.join(", ");

// Two ways to reach the cells, for the two kinds of caller. A refresh of some reports looks each one's cells
// up by its key (LATERAL: an index lookup per report, whatever the planner guesses of the filter); the full
// rebuild reads them all in key order once and groups them.
const CELLS_BY_REPORT = `LEFT JOIN LATERAL (
  SELECT ${PIVOT}
    FROM "CellValue" v
   WHERE v."reportId" = t."id" AND v."cellNo" IN (${CELL_LIST})
) c ON true`;

// Reports created in the caller's transaction have no corrections yet (a correction names a committed
// report): their values as they stand are the read values, so their cells are read from ReportCell itself,
// without the view's join with the corrections (a lookup per cell row) — the same values, found cheaper.
const CELLS_OF_NEW_REPORT = CELLS_BY_REPORT.replace('"CellValue" v', '"ReportCell" v');

/** The cells the read model reads, in the order MetricInputs' columns take; those counted in 万元 among them. */
export const METRIC_CELL_NOS: readonly number[] = CELL_NOS;
export const METRIC_WAN_CELL_NOS: readonly number[] = CELL_NOS.filter((cellNo) => WAN_CELL_NOS.has(cellNo));

/**
 * New reports' metric inputs as the caller sent their cells (collect-metric-inputs.ts): per report its id,
 * and per cell of METRIC_CELL_NOS its value as stored text (null: no such cell or not printed), per cell of
 * METRIC_WAN_CELL_NOS its unit.
 */
export interface MetricInputs {
  reportIds: number[];
  values: (string | null)[][];
  units: (string | null)[][];
}

// The same inputs as CELLS_OF_NEW_REPORT finds, taken from the caller instead of read back (a bulk batch:
// it has just COPYed these cells, and each report's look-up of its ~36 cells with a FILTER per cell was
// about half of the read model's statement). numeric(20, 4), as ReportCell stores them: the same values,
// to the same scale (which a division by 10 000 keeps).
function cellsGiven(inputs: MetricInputs): Sql {
  const columns = [
    sql`${arrayLiteral(inputs.reportIds)}::int[]`,
    ...inputs.values.map((column) => sql`${arrayLiteral(column)}::numeric(20,4)[]`),
    ...inputs.units.map((column) => sql`${arrayLiteral(column)}::text[]`),
  ];
  const names = [
    `"reportId"`,
    ...CELL_NOS.map((cellNo) => `"v${cellNo}"`),
    ...METRIC_WAN_CELL_NOS.map((cellNo) => `"u${cellNo}"`),
  ];
  const selected = CELL_NOS.map(
    (cellNo) => `${cellInput(cellNo, `g."v${cellNo}"`, `g."u${cellNo}"`)} AS ${cellAlias(cellNo)}`,
  );
  return sql`LEFT JOIN (
  SELECT g."reportId", ${rawSql(selected.join(",\n         "))}
    FROM unnest(${joinSql(columns)}) AS g(${rawSql(names.join(", "))})
) c ON c."reportId" = t."id"`;
}

const CELLS_GROUPED = `LEFT JOIN (
  SELECT v."reportId", ${PIVOT}
    FROM "CellValue" v
   WHERE v."cellNo" IN (${CELL_LIST})
   GROUP BY v."reportId"
) c ON c."reportId" = t."id"`;

function insertPart(cells: string): string {
  return `${INSERT_HEAD}
  ${cells}
${INSERT_TAIL}`;
}

const INSERT_HEAD = `INSERT INTO "ReportMetrics" AS m
       ("reportId", "agencyId", "year", "agencyKind", "regionCode", "regionPath", "template", "updatedAt",
        ${METRIC_COLUMNS})
SELECT t."id", t."agencyId", t."year", a."kind", a."regionCode", g."path", t."template", now(),
         ${METRIC_VALUES}
  FROM target t
  JOIN "Agency" a ON a."id" = t."agencyId"
  LEFT JOIN "Region" g ON g."code" = a."regionCode"`;
const INSERT_TAIL = `ON CONFLICT ("agencyId", "year") DO UPDATE
    SET "reportId" = EXCLUDED."reportId", "agencyKind" = EXCLUDED."agencyKind",
        "regionCode" = EXCLUDED."regionCode", "regionPath" = EXCLUDED."regionPath",
        "template" = EXCLUDED."template", "updatedAt" = EXCLUDED."updatedAt",
        ${METRIC_UPDATES}`;

const INSERT_BY_REPORT = insertPart(CELLS_BY_REPORT);
const INSERT_NEW_REPORTS = insertPart(CELLS_OF_NEW_REPORT);
const INSERT_ALL = insertPart(CELLS_GROUPED);

/**
 * Upserts the read-model rows of the current reports matching `filter` (an SQL condition on the Report
 * alias `r`): their agency's kind and region as they stand now, and the metric inputs of their cells.
 */
export function buildMetricsRefreshSql(
  filter: Sql,
  options: {
    /** Every current report matching `filter` was created in this transaction (see CELLS_OF_NEW_REPORT). */
    newReports?: boolean;
    /** With newReports: their cells' inputs, as the caller sent the cells (cellsGiven). */
    inputs?: MetricInputs;
  } = {},
): Sql {
  const target = sql`WITH target AS (
  SELECT r."id", r."agencyId", r."year", r."template" FROM "Report" r WHERE r."isCurrent" AND (${filter})
)`;
  if (options.newReports && options.inputs)
    return sql`${target}
${rawSql(INSERT_HEAD)}
  ${cellsGiven(options.inputs)}
${rawSql(INSERT_TAIL)}`;
  return sql`${target}
${rawSql(options.newReports ? INSERT_NEW_REPORTS : INSERT_BY_REPORT)}`;
}

/** The same for every current report at once (the rebuild): all cells read once, grouped by report. */
export function buildMetricsRebuildSql(): Sql {
  return sql`WITH target AS (SELECT r."id", r."agencyId", r."year", r."template" FROM "Report" r WHERE r."isCurrent")
${rawSql(INSERT_ALL)}`;
}

/** Changes whenever the generated SQL does (a metric added or changed): the read model is then rebuilt. */
export const METRICS_SQL_FINGERPRINT = createHash("sha256")
  .update(buildMetricsRefreshSql(sql`TRUE`).text + buildMetricsRebuildSql().text)
  .digest("hex")
  .slice(0, 16);
