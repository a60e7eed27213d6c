// The report part of ingestion, once documents' agencies and years are known (from the reader, from staff
// completing a document, or from a re-read): for each, a new report version that becomes the current one,
// its cells and the reader's findings, then the cross-year findings of the years around it and the read
// model — set-based, the same dozen statements for one report or a batch of hundreds.
//
// Versions: the previous current version of an agency-year is demoted by updating its Report row alone; its
// cells are never touched. Two readings of one agency-year in the same batch become consecutive versions,
// the later one current. Serialised per agency with transaction-scoped advisory locks, taken in id order
// (two batches never wait on each other in a cycle): two uploads for the same report cannot both become
// current, and the cross-year findings that follow always compare against committed current versions.
import type pg from "pg";
import type { AuditEntry } from "@/lib/auth/audit";
import { arrayLiteral } from "@/lib/db/array-literal";
import { COPY_CHUNK_BYTES, copyText } from "@/lib/db/copy-rows";
import { emptySql, rawSql, runQuery, sql, type SqlClient } from "@/lib/db/sql";
import { encodeCellCopyLines, writeCellCopyLines, type CellCopyLines } from "@/lib/ingest/cell-copy-rows";
import type { PreparedCell } from "@/lib/ingest/prepare-document";
import { canFinishUpload, finishUpload } from "@/lib/ingest/finish-upload";
import { collectMetricInputs } from "@/lib/ingest/collect-metric-inputs";
import type { UploadDetail } from "@/lib/ingest/ingest-types";
import {
  findingsInsert,
  insertFindings,
  neighboursJsonSql,
  newReportCells,
  planFromNeighboursJson,
  refreshAcrossYearFindings,
  type AcrossYearChanges,
  type Neighbours,
} from "@/lib/ingest/refresh-across-year-findings";
import { hasSummaryFunction } from "@/lib/ingest/refresh-region-summaries";
import { applySummaryDifference, captureSummariesBefore } from "@/lib/ingest/summary-difference";
import { refreshReportMetrics } from "@/lib/ingest/refresh-report-metrics";
import {
  SUMMARY_CONTRIBUTIONS_FUNCTION_NAME,
  SUMMARY_DELTA_FUNCTION_SIGNATURE,
} from "@/lib/metrics/build-summary-function";
import type { MetricInputs } from "@/lib/metrics/build-metrics-sql";
import type { VersionChange } from "@/lib/metrics/build-roll-up-delta-sql";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";
import type { Finding, TemplateVersion } from "@/lib/reader/types";

// First key of the two-int advisory locks taken per agency (a key space of its own: "IN" for ingestion).
export const AGENCY_LOCK_SPACE = 0x494e;

// Above this many cells a batch streams them with COPY; below it one INSERT … unnest is one round trip.
const COPY_THRESHOLD_CELLS = 2_000;

export interface AcceptItem {
  documentId: number;
  agencyId: number;
  year: number;
  template: TemplateVersion;
  readerVersion: number;
  cells: readonly PreparedCell[];
  /** The same cells as COPY lines, when the document was prepared in a reader thread (cell-copy-rows.ts). */
  cellLines?: CellCopyLines;
  findings: readonly Finding[];
}

export interface AcceptedReport {
  id: number;
  versionNo: number;
  /** With `audit`: what the route answers about the file, read by the call that wrote the entry. */
  detail?: UploadDetail;
}

export async function acceptReadings(
  client: pg.PoolClient | pg.Client,
  items: readonly AcceptItem[],
  options: {
    alsoRefreshAgencies?: readonly number[];
    deferSummaries?: SummaryKey[];
    /**
     * The items' agencies are as they were (no region or parent filled in by this transaction): the roll-up
     * sums may follow the new versions by difference (build-roll-up-delta-sql.ts) instead of a recompute.
     */
    agenciesUnchanged?: boolean;
    /**
     * With deferSummaries, a batch whose agencies are unchanged keeps the summaries by
     * difference itself instead (summary-difference.ts); its keys are not deferred.
     */
    summaryDifference?: boolean;
    /** With deferSummaries: the summaries are rebuilt at the load's end, no keys wanted (refreshReportMetrics). */
    summariesRebuilt?: boolean;
    /** The caller has taken the items' agency locks already (store-documents.ts, one upload). */
    agencyLocked?: boolean;
    /**
     * One upload's audit entry, from its document and report: written by the call that finishes it, when
     * it is finished in one (finish-upload.ts) — then its report comes with `detail`; otherwise not written.
     */
    audit?: (written: { documentId: number; reportId: number }) => AuditEntry;
  } = {},
): Promise<AcceptedReport[]> {
  if (items.length === 0) {
    await refreshReportMetrics(
      client,
      { agencyIds: options.alsoRefreshAgencies ?? [] },
      { deferSummaries: options.deferSummaries },
    );
    return [];
  }
  if (!options.agencyLocked)
    await lockAgencies(
      client,
      items.map((item) => item.agencyId),
    );
  const pairs = distinctPairs(items);
  const cellCount = items.reduce(
    (sum, item) => sum + (item.cellLines === undefined ? item.cells.length : item.cellLines.count),
    0,
  );
  let reports: AcceptedReport[];
  let difference: { changes: VersionChange[]; before: string } | undefined;
  let across: AcrossYearChanges | null = null;
  let finishing = false;
  let changes: VersionChange[] = [];
  let inputs: MetricInputs | undefined;
  let sentCells: ReturnType<typeof newReportCells> | undefined;
  const agenciesChanged = !options.agenciesUnchanged || (options.alsoRefreshAgencies ?? []).length > 0;
  // A bulk batch's summaries by difference in its own transaction (summary-difference.ts), its agencies being
  // as they were; else its keys are recomputed later (deferSummaries).
  const batchKeys: SummaryKey[] | null =
    options.summaryDifference && options.deferSummaries && !agenciesChanged ? [] : null;
  const listed = batchKeys ? await captureSummariesBefore(client, pairs) : null;
  // A load whose summaries are rebuilt at its end (seed:synthetic) may run with ReportCell's key deferred
  // (defer-ranking-indexes.ts): its batches of any size — the few documents held to the end, a failing batch's
  // halves — COPY their cells and take the new reports' cells from what they sent, never reading them back by
  // key (a scan of the whole table without it). The same rows either way.
  if (cellCount >= COPY_THRESHOLD_CELLS || options.summariesRebuilt) {
    ({ reports, changes } = await insertReports(client, items, pairs));
    await copyText(client, { table: '"ReportCell"', columns: CELL_COLUMNS }, cellLines(items, reports));
    // The read model takes its inputs from the cells just sent rather than reading them back.
    inputs = collectMetricInputs(
      items,
      reports.map((report) => report.id),
    );
    // So do the cross-year findings, for the new reports' compared cells.
    sentCells = newReportCells(
      items,
      reports.map((report) => report.id),
    );
    await insertFindings(
      client,
      items.flatMap((item, index) =>
        item.findings.map((finding) => ({ reportId: reports[index]!.id, finding })),
      ),
      "reader",
    );
  } else {
    // One upload's one version: its summaries follow by difference, from its agency's contributions read
    // by the statement that stores the version — before it, and before the cross-year findings below move
    // the year after's (a batch of several, or one whose agency was just given a region or a parent,
    // recomputes).
    const readBefore =
      !agenciesChanged &&
      !options.deferSummaries &&
      items.length === 1 &&
      (await hasSummaryFunction(client, SUMMARY_DELTA_FUNCTION_SIGNATURE));
    // With the upload's function, everything after the version goes in one round trip (finish-upload.ts),
    // which reads the agency's contributions itself: the statement need not send them out and back.
    finishing = readBefore && (await canFinishUpload(client));
    const inserted = await insertReportsWithCells(client, items, pairs, {
      readBefore: readBefore && !finishing,
      readNeighbours: readBefore,
    });
    reports = inserted.reports;
    changes = inserted.changes;
    if (inserted.before !== null) difference = { changes: inserted.changes, before: inserted.before };
    across = inserted.across;
  }
  // One upload's one version: everything after it in one round trip (finish-upload.ts).
  if (finishing && changes.length === 1 && across) {
    const change = changes[0]!;
    const documentId = items[0]!.documentId;
    const detail = await finishUpload(client, {
      change,
      across,
      documentId,
      audit: options.audit?.({ documentId, reportId: change.reportId }),
    });
    return detail ? [{ ...reports[0]!, detail }] : reports;
  }
  await refreshAcrossYearFindings(client, pairs, {
    newReportIds: reports.map((report) => report.id),
    newReportCells: sentCells,
  });
  // An agency whose region was just filled in needs every year's row refreshed, not only this batch's.
  await refreshReportMetrics(
    client,
    {
      agencyYears: pairs,
      agencyYearsNew: true,
      newReportInputs: inputs,
      agencyIds: options.alsoRefreshAgencies ?? [],
    },
    {
      deferSummaries: batchKeys ?? options.deferSummaries,
      difference,
      summariesRebuilt: options.summariesRebuilt,
    },
  );
  if (batchKeys && listed) await applySummaryDifference(client, listed, batchKeys, changes);
  return reports;
}

export async function lockAgencies(client: SqlClient, agencyIds: readonly number[]): Promise<void> {
  const sorted = [...new Set(agencyIds)].sort((a, b) => a - b);
  // unnest of a sorted array yields in order: the locks are taken in id order.
  await runQuery(
    client,
    sql`SELECT pg_advisory_xact_lock(${AGENCY_LOCK_SPACE}::int, id) FROM unnest(${sorted}::int[]) AS id`,
  );
}

interface AgencyYearPair {
  agencyId: number;
  year: number;
}

function distinctPairs(items: readonly AcceptItem[]): AgencyYearPair[] {
  const seen = new Map<string, { agencyId: number; year: number }>();
  for (const { agencyId, year } of items) seen.set(`${agencyId}:${year}`, { agencyId, year });
  return [...seen.values()];
}

// Version numbers continue each agency-year's; within the batch, the last reading of an agency-year is current.
const NEW_REPORTS = `SELECT v."agencyId", v."year",
               coalesce((SELECT max(r."versionNo") FROM "Report" r
                          WHERE r."agencyId" = v."agencyId" AND r."year" = v."year"), 0) + row_number() OVER w,
               row_number() OVER w = count(*) OVER (PARTITION BY v."agencyId", v."year"),
               v."template", v."documentId", v."readerVersion"`;
const INSERT_REPORTS = `INSERT INTO "Report" ("agencyId", "year", "versionNo", "isCurrent", "template", "documentId", "readerVersion")`;

/**
 * The previous current versions of these agency-years demoted, as the first part of the statement that
 * inserts the new ones: the insert waits for it (it reads its count), and the partial unique index on the
 * current version sees the old rows as already updated by this statement.
 */
function demoteCurrent(pairs: readonly AgencyYearPair[]) {
  return sql`demoted AS (
          UPDATE "Report" r SET "isCurrent" = false
            FROM unnest(${pairs.map((p) => p.agencyId)}::int[], ${pairs.map((p) => p.year)}::int[]) AS p("agencyId", "year")
           WHERE r."isCurrent" AND r."agencyId" = p."agencyId" AND r."year" = p."year"
          RETURNING r."id", r."agencyId", r."year")`;
}
const AFTER_DEMOTED = `WHERE (SELECT count(*) FROM demoted) >= 0`;

function reportsSource(items: readonly AcceptItem[]) {
  return sql`unnest(${items.map((i) => i.agencyId)}::int[], ${items.map((i) => i.year)}::int[],
                      ${items.map((i) => i.template)}::text[], ${items.map((i) => i.documentId)}::int[],
                      ${items.map((i) => i.readerVersion)}::int[])
               WITH ORDINALITY AS v("agencyId", "year", "template", "documentId", "readerVersion", "n")`;
}

/**
 * The start of both statements that store new versions: `WITH demoted AS (…), reports AS (…)` — the current
 * versions demoted, then the new Report rows. Each statement selects NEW_VERSION_COLUMNS FROM_NEW_VERSIONS.
 */
function newVersions(items: readonly AcceptItem[], pairs: readonly AgencyYearPair[]) {
  return sql`WITH ${demoteCurrent(pairs)},
        reports AS (
          ${rawSql(INSERT_REPORTS)}
          ${rawSql(NEW_REPORTS)}
            FROM ${reportsSource(items)}
          ${rawSql(AFTER_DEMOTED)}
          WINDOW w AS (PARTITION BY v."agencyId", v."year" ORDER BY v."n")
          RETURNING "id", "versionNo", "documentId", "agencyId", "year", "isCurrent")`;
}
const NEW_VERSION_COLUMNS = `r."id", r."versionNo", r."documentId", r."agencyId", r."year", r."isCurrent", d."id" AS "previousId"`;
const FROM_NEW_VERSIONS = `FROM reports r LEFT JOIN demoted d ON d."agencyId" = r."agencyId" AND d."year" = r."year"`;

/** A new version as both statements return it, with the version it demoted (previousId). */
type NewVersionRow = AcceptedReport & {
  documentId: number;
  agencyId: number;
  year: number;
  isCurrent: boolean;
  previousId: number | null;
};

/**
 * The new Report rows (the bulk path: its cells follow through COPY), and per agency-year its new current
 * version and the one it demoted (the summaries' difference).
 */
async function insertReports(
  client: SqlClient,
  items: readonly AcceptItem[],
  pairs: readonly AgencyYearPair[],
): Promise<{ reports: AcceptedReport[]; changes: VersionChange[] }> {
  const rows = await runQuery<NewVersionRow>(
    client,
    sql`${newVersions(items, pairs)}
        SELECT ${rawSql(NEW_VERSION_COLUMNS)}
          ${rawSql(FROM_NEW_VERSIONS)}`,
  );
  return { reports: matchReports(items, rows), changes: currentChanges(rows) };
}

/** Per agency-year, the version now current and the one current before the statement (or none). */
function currentChanges(rows: readonly NewVersionRow[]): VersionChange[] {
  return rows
    .filter((row) => row.isCurrent)
    .map(({ agencyId, year, id, previousId }) => ({ agencyId, year, reportId: id, previousId }));
}

/**
 * The new Report rows with their cells and the reader's findings in one statement (an upload, a small
 * batch): each cell and finding names its report by document, and the reports' ids come from RETURNING.
 * The same rows as insertReports, COPY and insertFindings write for a big batch. Also returns, per
 * agency-year, its new current version and the one it demoted (the roll-up sums' difference).
 */
async function insertReportsWithCells(
  client: SqlClient,
  items: readonly AcceptItem[],
  pairs: readonly AgencyYearPair[],
  options: {
    /** One item: also its agency's summary contributions as they stand before this statement. */
    readBefore: boolean;
    /** One item: also its neighbours' cells for the cross-year findings (neighboursJsonSql), and its cells back. */
    readNeighbours: boolean;
  },
): Promise<{
  reports: AcceptedReport[];
  changes: VersionChange[];
  before: string | null;
  /** With `readNeighbours`: the cross-year findings' changes, from what the statement read (neighboursJsonSql). */
  across: AcrossYearChanges | null;
}> {
  const { readBefore, readNeighbours } = options;
  const cells = items.flatMap((item) =>
    item.cells.map(
      (cell) => [item.documentId, cell.cellNo, cell.inferred, cell.value, cell.rawText, cell.unit] as const,
    ),
  );
  // Sent as array literals built in one pass (lib/db/array-literal.ts), not as JS arrays for node-postgres
  // to quote element by element: 1,200 elements per upload.
  const cellColumn = (index: number) => arrayLiteral(cells.map((row) => row[index]!));
  const findings = items.flatMap((item) =>
    item.findings.map((finding) => ({ documentId: item.documentId, finding })),
  );
  const rows = await runQuery<NewVersionRow & { before: string | null; neighbours: Neighbours | null }>(
    client,
    sql`${newVersions(items, pairs)},
        cells AS (
          INSERT INTO "ReportCell" ("reportId", "cellNo", "inferred", "value", "rawText", "unit")
          SELECT r."id", c."cellNo", c."inferred", c."value", c."rawText", c."unit"
            FROM unnest(${cellColumn(0)}::int[], ${cellColumn(1)}::int2[], ${cellColumn(2)}::bool[],
                        ${cellColumn(3)}::numeric[], ${cellColumn(4)}::text[], ${cellColumn(5)}::text[])
                 AS c("documentId", "cellNo", "inferred", "value", "rawText", "unit")
            JOIN reports r ON r."documentId" = c."documentId"
          ${readNeighbours ? rawSql(`RETURNING "reportId", "cellNo", "value"`) : emptySql}),
        findings AS (
          ${findingsInsert(
            sql`reports r JOIN unnest(${findings.map((f) => f.documentId)}::int[], ${findings.map((f) => f.finding.code)}::text[],
                      ${findings.map((f) => f.finding.severity)}::text[], ${findings.map((f) => f.finding.kind)}::text[],
                      ${findings.map((f) => f.finding.cells.join(","))}::text[], ${findings.map((f) => f.finding.message)}::text[])
               WITH ORDINALITY AS v("documentId", "code", "severity", "kind", "cellIds", "message", "n")
                 ON v."documentId" = r."documentId"`,
            sql`r."id"`,
            "reader",
          )})
        SELECT ${rawSql(NEW_VERSION_COLUMNS)},
               ${readBefore ? BEFORE_CHANGE : rawSql("NULL::text")} AS "before",
               ${readNeighbours ? neighboursJsonSql("r", "cells") : rawSql("NULL::json")} AS "neighbours"
          ${rawSql(FROM_NEW_VERSIONS)}`,
  );
  const changes = currentChanges(rows);
  const [only] = rows;
  return {
    reports: matchReports(items, rows),
    changes,
    before: readBefore ? only!.before : null,
    across:
      readNeighbours && only!.isCurrent
        ? planFromNeighboursJson(
            { id: only!.id, agencyId: only!.agencyId, year: only!.year, template: items[0]!.template },
            only!.neighbours!,
          )
        : null,
  };
}

// STABLE: it reads the tables as they stood when the statement began, before its own writes.
const BEFORE_CHANGE = rawSql(`"${SUMMARY_CONTRIBUTIONS_FUNCTION_NAME}"(r."agencyId", r."year")`);

// RETURNING order is not guaranteed: rows are matched back to items by document (one report per document).
function matchReports(
  items: readonly AcceptItem[],
  rows: readonly (AcceptedReport & { documentId: number })[],
): AcceptedReport[] {
  const byDocument = new Map(rows.map((row) => [row.documentId, row]));
  return items.map((item) => {
    const row = byDocument.get(item.documentId)!;
    return { id: row.id, versionNo: row.versionNo };
  });
}

const CELL_COLUMNS = ['"reportId"', '"cellNo"', '"inferred"', '"value"', '"rawText"', '"unit"'] as const;

/**
 * The cells in primary-key order: reports by id, each one's cells by number. Report ids follow the INSERT's
 * window order (agency, year), not the batch's, and rows out of key order make every COPY row a descent
 * into the middle of ReportCell's key index (page splits in the middle, a looser index) instead of an
 * append at its right edge — what made the bulk path's COPY cost more than a raw COPY of the same cells.
 * A document prepared in a reader thread brings its lines ready in UTF-8 (cell-copy-rows.ts): copied into
 * the chunk with the report's id written in; the others' cells are encoded in the same format first.
 */
function* cellLines(items: readonly AcceptItem[], reports: readonly AcceptedReport[]): Generator<Uint8Array> {
  const order = items.map((_, index) => index).sort((a, b) => reports[a]!.id - reports[b]!.id);
  // Each report's lines copied into the chunk with its id written in: no string or object per line.
  let bytes: Buffer | null = null;
  let used = 0;
  for (const index of order) {
    const item = items[index]!;
    // A document prepared elsewhere (no lines) has its cells encoded here, in the same format.
    const lines = item.cellLines ?? encodeCellCopyLines(item.cells);
    const size = lines.bytes.byteLength;
    if (bytes && used + size > bytes.byteLength) {
      yield bytes.subarray(0, used);
      bytes = null;
    }
    if (!bytes) {
      bytes = Buffer.allocUnsafeSlow(Math.max(COPY_CHUNK_BYTES, size));
      used = 0;
    }
    used = writeCellCopyLines(bytes, used, lines, reports[index]!.id);
  }
  if (bytes && used > 0) yield bytes.subarray(0, used);
}
