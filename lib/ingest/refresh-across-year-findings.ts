// Recomputes the cross-year findings (rules 6–7) touching agency-years whose current version changed: those
// of each one's own report (against the year before) and those of the next year's report (against it) —
// set-based, the same few statements for one report or a whole batch. Findings that stay the same keep
// their id and their staff status (a dismissed carry-over stays dismissed); findings that no longer hold
// are removed. The values compared are the cells as they stand (corrections applied).
import { getCellId, getCellNo } from "@/lib/ingest/cell-numbers";
import { collectCellValues } from "@/lib/ingest/collect-metric-inputs";
import type { PreparedCell } from "@/lib/ingest/prepare-document";
import type { CellCopyLines } from "@/lib/ingest/cell-copy-rows";
import { rawSql, runQuery, sql, type Sql, type SqlClient } from "@/lib/db/sql";
import { checkAcrossYears, type YearCells } from "@/lib/reader/checks/check-across-years";
import { CELLS } from "@/lib/reader/template/cell-catalogue";
import type { Finding, TemplateVersion } from "@/lib/reader/types";

// Only the rows rules 6–7 compare: 上年结转, 结转下年度, and 规章 / 行政规范性文件 of 表二.
const ACROSS_YEAR_PREFIXES = ["t3.carried.", "t3.carry_forward.", "t2.rules.", "t2.normative."];
const ACROSS_YEAR_CELL_NOS = CELLS.filter((cell) =>
  ACROSS_YEAR_PREFIXES.some((prefix) => cell.id.startsWith(prefix)),
).map((cell) => getCellNo(cell.id));

/** A value ReportCell's numeric(20,4) stores as it is written: read as a number, it is what the column gives. */
const STORED_AS_WRITTEN = /^-?\d{1,16}(\.\d{1,4})?$/;

/**
 * The compared cells of a batch's new reports, from the cells it has just sent (no read back from
 * ReportCell): per report id, its cells as the statement below would read them — or, for a report with a
 * value the column rounds (more than four decimals, an exponent), nothing: that one is read back.
 */
export function newReportCells(
  items: readonly { cells: readonly PreparedCell[]; cellLines?: CellCopyLines }[],
  reportIds: readonly number[],
): Map<number, Record<string, number | null>> {
  const fed = new Map<number, Record<string, number | null>>();
  collectCellValues(items, ACROSS_YEAR_CELL_NOS).forEach((values, index) => {
    const cells: Record<string, number | null> = {};
    for (const [cellNo, text] of values) {
      if (text !== null && !STORED_AS_WRITTEN.test(text)) return;
      // numeric's float8 is its text read as a double, as Number reads it; "-0" is stored as 0.
      cells[getCellId(cellNo)] = text === null ? null : Number(text) + 0;
    }
    fed.set(reportIds[index]!, cells);
  });
  return fed;
}

/** The reports created in this transaction (see refreshAcrossYearFindings). */
export interface NewReports {
  newReportIds?: readonly number[];
  /** Some of those new reports' compared cells, as sent (newReportCells): not read back. */
  newReportCells?: ReadonlyMap<number, Record<string, number | null>>;
}

export interface AgencyYear {
  agencyId: number;
  year: number;
}

interface ReportCells extends YearCells {
  id: number;
  agencyId: number;
}

export async function refreshAcrossYearFindings(
  client: SqlClient,
  pairs: readonly AgencyYear[],
  /**
   * Reports created in the caller's transaction (a batch's new versions): they have no corrections yet (a
   * correction names a committed report), so their cells are read from ReportCell itself, without the
   * CellValue view's correction lookup per cell — a third of the CPU of reading them (26 cells a report).
   */
  options: NewReports = {},
): Promise<void> {
  const { stale, added } = await planAcrossYearFindings(client, pairs, options);
  if (stale.length > 0) await runQuery(client, sql`DELETE FROM "Finding" WHERE "id" = ANY(${stale}::int[])`);
  await insertFindings(client, added, "across_years");
}

/** What refreshAcrossYearFindings changes: the stored findings that no longer hold and those to add. */
export interface AcrossYearChanges {
  stale: number[];
  added: { reportId: number; finding: Finding }[];
}

/**
 * refreshAcrossYearFindings' changes, worked out but not written (one upload sends them with the rest of
 * its writes in one round trip: build-upload-function.ts).
 */
export async function planAcrossYearFindings(
  client: SqlClient,
  pairs: readonly AgencyYear[],
  options: NewReports = {},
): Promise<AcrossYearChanges> {
  if (pairs.length === 0) return { stale: [], added: [] };
  return planFromNeighbours(
    pairs,
    await loadNeighbourReports(client, pairs, options.newReportIds ?? [], options.newReportCells),
  );
}

/** The changes from the current reports around the pairs and their stored cross-year findings. */
function planFromNeighbours(
  pairs: readonly AgencyYear[],
  { reports, findings }: { reports: readonly ReportCells[]; findings: readonly StoredFinding[] },
): AcrossYearChanges {
  const byAgencyYear = new Map(reports.map((report) => [`${report.agencyId}:${report.year}`, report]));
  const wanted = new Map<number, Finding[]>();
  for (const { agencyId, year } of pairs) {
    for (const target of [year, year + 1]) {
      const current = byAgencyYear.get(`${agencyId}:${target}`);
      if (!current || wanted.has(current.id)) continue;
      const previous = byAgencyYear.get(`${agencyId}:${target - 1}`);
      wanted.set(current.id, previous ? checkAcrossYears(previous, current) : []);
    }
  }
  if (wanted.size === 0) return { stale: [], added: [] };
  return reconcileFindings(
    wanted,
    findings.filter((finding) => wanted.has(finding.reportId)),
  );
}

/**
 * What loadNeighbourReports reads, as one JSON value computed inside the statement that stores one new
 * current version (accept-readings.ts), so an upload needs no round trip for it: the agency's current
 * reports of the years before and after (the version statement changes neither; the agency's lock keeps
 * anyone else from changing them), the new version's compared cells from its INSERT's RETURNING `cells`
 * (the stored values: after the column's rounding), and the stored cross-year findings of the year after's
 * report (the new version has none yet). `report` is the alias of the new Report row.
 */
export function neighboursJsonSql(report: string, cells: string): Sql {
  return sql`json_build_object(
    'reports', (SELECT json_agg(json_build_array(o."id", o."year", o."template",
                  (SELECT json_agg(json_build_array(v."cellNo", v."value"::float8)) FROM "CellValue" v
                    WHERE v."reportId" = o."id" AND v."cellNo" = ANY(${ACROSS_YEAR_CELL_NOS}::int2[]))))
                  FROM "Report" o
                 WHERE o."agencyId" = ${rawSql(report)}."agencyId" AND o."isCurrent"
                   AND o."year" IN (${rawSql(report)}."year" - 1, ${rawSql(report)}."year" + 1)),
    'cells', (SELECT json_agg(json_build_array(c."cellNo", c."value"::float8)) FROM ${rawSql(cells)} c
               WHERE c."reportId" = ${rawSql(report)}."id" AND c."cellNo" = ANY(${ACROSS_YEAR_CELL_NOS}::int2[])),
    'findings', (SELECT json_agg(json_build_array(f."id", f."reportId", f."code", f."cellIds", f."message"))
                   FROM "Report" o JOIN "Finding" f ON f."reportId" = o."id" AND f."origin" = 'across_years'
                  WHERE o."agencyId" = ${rawSql(report)}."agencyId" AND o."isCurrent"
                    AND o."year" = ${rawSql(report)}."year" + 1))`;
}

type CellPairs = [number, number | null][] | null;

/** neighboursJsonSql's value as parsed, with the new version it was read beside. */
export interface Neighbours {
  reports: [number, number, TemplateVersion, CellPairs][] | null;
  cells: CellPairs;
  findings: [number, number, string, string[], string][] | null;
}

/** planAcrossYearFindings for one new current version, from neighboursJsonSql's value. */
export function planFromNeighboursJson(
  version: { id: number; agencyId: number; year: number; template: TemplateVersion },
  neighbours: Neighbours,
): AcrossYearChanges {
  const toCells = (pairs: CellPairs) => {
    const cells: Record<string, number | null> = {};
    for (const [cellNo, value] of pairs ?? []) cells[getCellId(cellNo)] = value;
    return cells;
  };
  const { agencyId } = version;
  const reports: ReportCells[] = [
    { ...version, cells: toCells(neighbours.cells) },
    ...(neighbours.reports ?? []).map(([id, year, template, cells]) => ({
      id,
      agencyId,
      year,
      template,
      cells: toCells(cells),
    })),
  ];
  const findings = (neighbours.findings ?? []).map(([id, reportId, code, cellIds, message]) => ({
    id,
    reportId,
    code,
    cellIds,
    message,
  }));
  return planFromNeighbours([{ agencyId, year: version.year }], { reports, findings });
}

interface StoredFinding {
  id: number;
  reportId: number;
  code: string;
  cellIds: string[];
  message: string;
}

/**
 * The current reports of the years around each pair with the cells rules 6–7 compare, and their stored
 * cross-year findings — one round trip (rows of either kind: a report row has no finding id). A report's
 * cells come as two arrays in its one row (numbers, values): as a row each, a batch of 1,000 new reports
 * sent 20,000 rows of ten columns, which cost the main thread more to parse (≈ 0.07 ms a report) than the
 * database to find.
 */
async function loadNeighbourReports(
  client: SqlClient,
  pairs: readonly AgencyYear[],
  /** Reports without corrections, created in this transaction: their cells read from ReportCell. */
  newReportIds: readonly number[],
  /** Of those, the ones whose cells the caller has (newReportCells): not read at all. */
  fed: ReadonlyMap<number, Record<string, number | null>> = new Map(),
): Promise<{ reports: ReportCells[]; findings: StoredFinding[] }> {
  const readBack = fed.size === 0 ? newReportIds : newReportIds.filter((id) => !fed.has(id));
  const rows = await runQuery<{
    id: number;
    agencyId: number | null;
    year: number | null;
    template: TemplateVersion | null;
    cellNos: number[] | null;
    values: (number | null)[] | null;
    findingId: number | null;
    code: string | null;
    cellIds: string[] | null;
    message: string | null;
  }>(
    client,
    // The reports first (an agency-year's window may overlap another's), each marked new or not once, then
    // each one's cells by its key (OFFSET 0 keeps the planner from flattening the lookup into a scan of
    // every cell row) — from ReportCell for a new one, from CellValue (corrections applied) for the others.
    sql`WITH r AS (
          SELECT DISTINCT r."id", r."agencyId", r."year", r."template", n."id" IS NOT NULL AS "new",
                 f."id" IS NOT NULL AS "fed"
            FROM unnest(${pairs.map((p) => p.agencyId)}::int[], ${pairs.map((p) => p.year)}::int[]) AS p("agencyId", "year")
            JOIN "Report" r ON r."agencyId" = p."agencyId" AND r."year" BETWEEN p."year" - 1 AND p."year" + 1
            LEFT JOIN unnest(${[...readBack]}::int[]) AS n("id") ON n."id" = r."id"
            LEFT JOIN unnest(${[...fed.keys()]}::int[]) AS f("id") ON f."id" = r."id"
           WHERE r."isCurrent")
        SELECT r."id", r."agencyId", r."year", r."template", v."cellNos", v."values",
               NULL::int AS "findingId", NULL::text AS "code", NULL::text[] AS "cellIds", NULL::text AS "message"
          FROM r
          CROSS JOIN LATERAL (
            SELECT array_agg(c."cellNo") AS "cellNos", array_agg(c."value"::float8) AS "values"
              FROM (SELECT "cellNo", "value" FROM "ReportCell"
                     WHERE r."new" AND "reportId" = r."id" AND "cellNo" = ANY(${ACROSS_YEAR_CELL_NOS}::int2[])
                    UNION ALL
                    SELECT "cellNo", "value" FROM "CellValue"
                     WHERE NOT r."new" AND NOT r."fed" AND "reportId" = r."id" AND "cellNo" = ANY(${ACROSS_YEAR_CELL_NOS}::int2[])
                    OFFSET 0) c) v
        UNION ALL
        SELECT f."reportId", NULL, NULL, NULL, NULL::int2[], NULL::float8[], f."id", f."code", f."cellIds", f."message"
          FROM "Finding" f
         WHERE f."reportId" IN (SELECT r."id" FROM r) AND f."origin" = 'across_years'`,
  );
  const reports: ReportCells[] = [];
  const findings: StoredFinding[] = [];
  for (const row of rows) {
    if (row.findingId !== null) {
      findings.push({
        id: row.findingId,
        reportId: row.id,
        code: row.code!,
        cellIds: row.cellIds!,
        message: row.message!,
      });
      continue;
    }
    const cells: Record<string, number | null> = fed.get(row.id) ?? {};
    const values = row.values ?? [];
    (row.cellNos ?? []).forEach((cellNo, index) => (cells[getCellId(cellNo)] = values[index] ?? null));
    reports.push({ id: row.id, agencyId: row.agencyId!, year: row.year!, template: row.template!, cells });
  }
  return { reports, findings };
}

const keyOf = (finding: { code: string; cellIds: string[]; message: string }) =>
  `${finding.code}|${finding.cellIds.join(",")}|${finding.message}`;

function reconcileFindings(
  wanted: Map<number, Finding[]>,
  existing: readonly StoredFinding[],
): AcrossYearChanges {
  const existingKeys = new Set(existing.map((f) => `${f.reportId}|${keyOf(f)}`));
  const wantedKeys = new Set(
    [...wanted].flatMap(([reportId, findings]) =>
      findings.map((f) => `${reportId}|${keyOf({ ...f, cellIds: f.cells })}`),
    ),
  );
  const stale = existing.filter((f) => !wantedKeys.has(`${f.reportId}|${keyOf(f)}`)).map((f) => f.id);
  const added = [...wanted].flatMap(([reportId, findings]) =>
    findings
      .filter((f) => !existingKeys.has(`${reportId}|${keyOf({ ...f, cellIds: f.cells })}`))
      .map((finding) => ({ reportId, finding })),
  );
  return { stale, added };
}

/** Findings of several reports in one INSERT; a finding's cell ids travel comma-joined (ids have no commas). */
export async function insertFindings(
  client: SqlClient,
  rows: readonly { reportId: number; finding: Finding }[],
  origin: "reader" | "across_years",
): Promise<void> {
  if (rows.length === 0) return;
  await runQuery(
    client,
    findingsInsert(
      sql`unnest(${rows.map((r) => r.reportId)}::int[], ${rows.map((r) => r.finding.code)}::text[],
                 ${rows.map((r) => r.finding.severity)}::text[], ${rows.map((r) => r.finding.kind)}::text[],
                 ${rows.map((r) => r.finding.cells.join(","))}::text[], ${rows.map((r) => r.finding.message)}::text[])
          WITH ORDINALITY AS v("reportId", "code", "severity", "kind", "cellIds", "message", "n")`,
      sql`v."reportId"`,
      origin,
    ),
  );
}

/**
 * The INSERT of findings from `source`, rows `v` ("code", "severity", "kind", "cellIds" comma-joined,
 * "message", "n" their order) of the report `reportId` — also used inside a larger statement.
 */
export function findingsInsert(source: Sql, reportId: Sql, origin: "reader" | "across_years"): Sql {
  return sql`INSERT INTO "Finding" ("reportId", "code", "severity", "kind", "origin", "cellIds", "message")
        SELECT ${reportId}, v."code", v."severity"::"Severity", v."kind"::"FindingKind",
               ${origin}::"FindingOrigin", string_to_array(v."cellIds", ','), v."message"
          FROM ${source}
         ORDER BY v."n"`;
}
