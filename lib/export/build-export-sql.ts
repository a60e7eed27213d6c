// The SQL of an export: which current reports a filter selects (the read model, scoped exactly as the
// dashboard scopes it — scopeWhere), then one row per agency × year × cell (long) or per agency × year with a
// column per cell and metric (wide). Two flavours of the same SELECT:
//   "csv"   — every column already as CSV wants it: text neutralised against formula injection in SQL
//             (once per report and per cell definition, in small CTEs, not once per output row), numbers as
//             their plain decimal text (trim_scale: 12, -3.5), null as an empty field — for COPY … TO STDOUT;
//   "typed" — numbers as float8 and text as is, for the XLSX writer, which types its cells itself.
import { Prisma } from "@/lib/generated/prisma/client";
import { findCellNo } from "@/lib/ingest/cell-numbers";
import { getMetric, type MetricDefinition, type MetricId } from "@/lib/metrics/metric-dictionary";
import { metricNSql, metricValueSql } from "@/lib/queries/metric-sql";
import { scopeWhere, type ReportScope } from "@/lib/queries/report-scope";
import { escapeLike } from "@/lib/queries/search-agencies";
import type { CellSpec } from "@/lib/reader/template/cell-catalogue";

export type ExportFlavour = "csv" | "typed";

export interface ExportColumn {
  header: string;
  type: "text" | "number";
  /** Excel column width, in characters. */
  width: number;
}

export interface ReportSelection {
  /** Empty = every year. */
  years: readonly number[];
  scope: ReportScope;
  agencyIds: readonly number[] | null;
  q: string | null;
}

export interface ExportSql {
  columns: ExportColumn[];
  query: Prisma.Sql;
}

const IDENTITY_COLUMNS: ExportColumn[] = [
  { header: "机构名称", type: "text", width: 30 },
  { header: "机构ID", type: "number", width: 8 },
  { header: "地区代码", type: "text", width: 14 },
  { header: "省级", type: "text", width: 10 },
  { header: "市级", type: "text", width: 12 },
  { header: "县级", type: "text", width: 12 },
  { header: "乡镇级", type: "text", width: 12 },
  { header: "机构类型", type: "text", width: 8 },
  { header: "年度", type: "number", width: 6 },
  { header: "模板", type: "text", width: 6 },
];

/** Text an export writes as is, or with a leading ' when it starts like a formula (= + - @ tab CR LF). */
function text(expression: Prisma.Sql, flavour: ExportFlavour): Prisma.Sql {
  if (flavour === "typed") return expression;
  return Prisma.sql`CASE WHEN left(${expression}, 1) IN ('=', '+', '-', '@', chr(9), chr(13), chr(10))
    THEN '''' || ${expression} ELSE ${expression} END`;
}

function decimal(expression: Prisma.Sql, flavour: ExportFlavour): Prisma.Sql {
  return flavour === "typed"
    ? Prisma.sql`(${expression})::float8`
    : Prisma.sql`trim_scale((${expression})::numeric)`;
}

/**
 * `picked` (the selected current reports) and `heads` (each one's identity columns, neutralised once per
 * report) — the start of every export query, ordered as the rows come out.
 */
function selectReports(selection: ReportSelection, flavour: ExportFlavour): Prisma.Sql {
  const name = (level: string) =>
    text(Prisma.sql`max(x."name") FILTER (WHERE x."level" = ${level}::"RegionLevel")`, flavour);
  return Prisma.sql`picked AS (
      SELECT m."reportId", m."agencyId", m."year", m."template", m."regionPath", a."name", a."kind", a."regionCode"
        FROM "ReportMetrics" m JOIN "Agency" a ON a."id" = m."agencyId"
       WHERE ${selectionWhere(selection)}
    ), heads AS (
      SELECT p."reportId", p."regionPath", p."name" AS "sortName",
             ${text(Prisma.sql`p."name"`, flavour)} AS "name", p."agencyId", p."regionCode",
             g."province", g."city", g."county", g."town",
             ${text(Prisma.sql`p."kind"`, flavour)} AS "kind", p."year", p."template", o."openCodes"
        FROM picked p
        LEFT JOIN LATERAL (
          SELECT ${name("province")} AS "province", ${name("city")} AS "city",
                 ${name("county")} AS "county", ${name("town")} AS "town"
            FROM "Region" x WHERE x."code" = ANY (string_to_array(rtrim(p."regionPath", '/'), '/'))
        ) g ON TRUE
        -- The report's open finding codes by cell id ({"t3.new.total": "RULE_BALANCE"}), looked up per row.
        LEFT JOIN LATERAL (
          SELECT jsonb_object_agg(z."cellId", z."codes") AS "openCodes"
            FROM (SELECT c."cellId", ${text(Prisma.sql`string_agg(DISTINCT f."code", ' ')`, flavour)} AS "codes"
                    FROM "Finding" f CROSS JOIN LATERAL unnest(f."cellIds") AS c("cellId")
                   WHERE f."reportId" = p."reportId" AND f."status" = 'open'
                   GROUP BY c."cellId") z
        ) o ON TRUE
    )`;
}

/**
 * The WHERE of a selection over the read model `m` (current reports) joined to its agency `a` — shared by
 * the export and the JSON API, so both select exactly what the dashboard's filters select.
 */
export function selectionWhere(selection: ReportSelection): Prisma.Sql {
  const conditions: Prisma.Sql[] = [scopeWhere(selection.scope, "m")];
  if (selection.years.length > 0) conditions.push(Prisma.sql`m."year" = ANY(${[...selection.years]}::int[])`);
  if (selection.agencyIds)
    conditions.push(Prisma.sql`m."agencyId" = ANY(${[...selection.agencyIds]}::int[])`);
  if (selection.q) {
    const pattern = `%${escapeLike(selection.q)}%`;
    conditions.push(Prisma.sql`(a."name" LIKE ${pattern} OR EXISTS (
      SELECT 1 FROM "AgencyAlias" al WHERE al."agencyId" = a."id" AND al."name" LIKE ${pattern}))`);
  }
  return Prisma.join(conditions, " AND ");
}

/** How many current reports (agency × year) the selection holds. */
export function buildReportCountSql(selection: ReportSelection): Prisma.Sql {
  return Prisma.sql`WITH ${selectReports(selection, "typed")} SELECT count(*)::int AS "reports" FROM picked`;
}

const HEAD_COLUMNS = Prisma.sql`h."name", h."agencyId", h."regionCode", h."province", h."city", h."county",
  h."town", h."kind", h."year", h."template"`;
const HEAD_ORDER = Prisma.sql`h."regionPath", h."sortName", h."agencyId", h."year"`;

/** Long, cells: agency × year × cell, with its labels, value, whether it was inferred, and open findings. */
export function buildLongCellsSql(options: {
  selection: ReportSelection;
  cells: readonly CellSpec[];
  flavour: ExportFlavour;
}): ExportSql {
  const { selection, cells, flavour } = options;
  const cellIds = cells.map((cell) => cell.id);
  // Each report's cells through a LATERAL join — a nested loop over the reports in their order — so the
  // final ORDER BY needs only an incremental sort of each report's few hundred cells, never a sort of
  // every row (which at a million rows spills to disk and doubles the query's time).
  const query = Prisma.sql`
    WITH ${selectReports(selection, flavour)}, defs AS (
      SELECT d."cellNo", d."cellId", ${text(Prisma.sql`d."tableLabel"`, flavour)} AS "tableLabel",
             ${text(Prisma.sql`array_to_string(d."rowPath", ' / ')`, flavour)} AS "rowLabel",
             ${text(Prisma.sql`d."columnLabel"`, flavour)} AS "columnLabel"
        FROM "CellDefinition" d WHERE d."cellId" = ANY(${cellIds}::text[])
    ), ordered AS MATERIALIZED (
      SELECT * FROM heads h ORDER BY ${HEAD_ORDER}
    )
    SELECT ${HEAD_COLUMNS}, c."cellId", c."tableLabel", c."rowLabel", c."columnLabel", c."value",
           c."inferred", h."openCodes" ->> c."cellId"
      FROM ordered h
      CROSS JOIN LATERAL (
        SELECT v."cellNo", d."cellId", d."tableLabel", d."rowLabel", d."columnLabel",
               ${decimal(Prisma.sql`v."value"`, flavour)} AS "value",
               CASE WHEN v."inferred" THEN 1 ELSE 0 END AS "inferred"
          FROM "CellValue" v JOIN defs d ON d."cellNo" = v."cellNo"
         WHERE v."reportId" = h."reportId"
      ) c
     ORDER BY ${HEAD_ORDER}, c."cellNo"`;
  return {
    query,
    columns: [
      ...IDENTITY_COLUMNS,
      { header: "单元格编号", type: "text", width: 34 },
      { header: "表", type: "text", width: 24 },
      { header: "行", type: "text", width: 40 },
      { header: "列", type: "text", width: 20 },
      { header: "数值", type: "number", width: 12 },
      { header: "推算值", type: "number", width: 7 },
      { header: "未处理问题", type: "text", width: 20 },
    ],
  };
}

/** Long, metrics: agency × year × metric, with the metric's value and its n (a rate's denominator). */
export function buildLongMetricsSql(options: {
  selection: ReportSelection;
  metricIds: readonly MetricId[];
  minN: number;
  flavour: ExportFlavour;
}): ExportSql {
  const { selection, flavour } = options;
  const metrics = options.metricIds.map(getMetric);
  const values = Prisma.join(
    metrics.map(
      (metric, index) => Prisma.sql`(${index}::int, ${metric.id}::text, ${metric.label}::text,
        ${metricValue(metric, options.minN)}, ${metricNSql(metric, "m")})`,
    ),
    ", ",
  );
  const query = Prisma.sql`
    WITH ${selectReports(selection, flavour)}
    SELECT ${HEAD_COLUMNS}, x."id", x."label", ${decimal(Prisma.sql`x."value"`, flavour)} AS "value",
           ${decimal(Prisma.sql`x."n"`, flavour)} AS "n"
      FROM heads h
      JOIN "ReportMetrics" m ON m."reportId" = h."reportId"
      CROSS JOIN LATERAL (VALUES ${values}) AS x("position", "id", "label", "value", "n")
     ORDER BY ${HEAD_ORDER}, x."position"`;
  return {
    query,
    columns: [
      ...IDENTITY_COLUMNS,
      { header: "指标编号", type: "text", width: 28 },
      { header: "指标", type: "text", width: 16 },
      { header: "数值", type: "number", width: 12 },
      { header: "n", type: "number", width: 10 },
    ],
  };
}

/** Wide: agency × year, one column per cell (label and id) and per metric (value, and n for rates). */
export function buildWideSql(options: {
  selection: ReportSelection;
  cells: readonly CellSpec[];
  metricIds: readonly MetricId[];
  minN: number;
  flavour: ExportFlavour;
}): ExportSql {
  const { selection, cells, flavour } = options;
  const metrics = options.metricIds.map(getMetric);
  const cellColumns = cells.map(
    (cell) =>
      Prisma.sql`${decimal(Prisma.sql`max(v."value") FILTER (WHERE v."cellNo" = ${cellNoOf(cell)}::smallint)`, flavour)}`,
  );
  const metricColumns = metrics.flatMap((metric) => {
    const value = decimal(metricValue(metric, options.minN), flavour);
    return metric.kind === "rate" ? [value, decimal(metricNSql(metric, "m"), flavour)] : [value];
  });
  const cellsPart =
    cells.length > 0
      ? Prisma.sql`LEFT JOIN LATERAL (
          SELECT ${Prisma.join(
            cellColumns.map((column, index) => Prisma.sql`${column} AS ${Prisma.raw(`"c${index}"`)}`),
            ", ",
          )}
            FROM "CellValue" v
           WHERE v."reportId" = h."reportId" AND v."cellNo" = ANY(${cells.map(cellNoOf)}::smallint[])
        ) w ON TRUE`
      : Prisma.empty;
  const selected = [HEAD_COLUMNS, ...cells.map((_, index) => Prisma.raw(`w."c${index}"`)), ...metricColumns];
  const query = Prisma.sql`
    WITH ${selectReports(selection, flavour)}
    SELECT ${Prisma.join(selected, ", ")}
      FROM heads h
      JOIN "ReportMetrics" m ON m."reportId" = h."reportId"
      ${cellsPart}
     ORDER BY ${HEAD_ORDER}`;
  return {
    query,
    columns: [
      ...IDENTITY_COLUMNS,
      ...cells.map((cell) => ({ header: cellHeader(cell), type: "number" as const, width: 14 })),
      ...metrics.flatMap((metric) => {
        const value = { header: `${metric.label}（${metric.id}）`, type: "number" as const, width: 14 };
        return metric.kind === "rate"
          ? [value, { header: `${metric.label} n`, type: "number" as const, width: 10 }]
          : [value];
      }),
    ],
  };
}

/** "表三 （一）本年新收政府信息公开申请数量 · 自然人（t3.new.natural）": the label, then the id. */
export function cellHeader(cell: CellSpec): string {
  const table = { t2: "表二", t3: "表三", t4: "表四" }[cell.id.slice(0, 2)] ?? "";
  return `${table} ${cell.row_path.join(" / ")} · ${cell.column}（${cell.id}）`;
}

function cellNoOf(cell: CellSpec): number {
  const cellNo = findCellNo(cell.id);
  if (cellNo === undefined) throw new Error(`not a catalogue cell: ${cell.id}`);
  return cellNo;
}

/** A metric's value rounded to 6 decimals (rates: 33.333333), null below the minimum n. */
function metricValue(metric: MetricDefinition, minN: number): Prisma.Sql {
  return Prisma.sql`round((${metricValueSql(metric, minN, "m")})::numeric, 6)`;
}
