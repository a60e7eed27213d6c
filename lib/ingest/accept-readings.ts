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
import { copyRows } from "@/lib/db/copy-rows";
import { runQuery, sql, type SqlClient } from "@/lib/db/sql";
import type { PreparedCell } from "@/lib/ingest/prepare-document";
import { insertFindings, refreshAcrossYearFindings } from "@/lib/ingest/refresh-across-year-findings";
import { refreshReportMetrics } from "@/lib/ingest/refresh-report-metrics";
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
  findings: readonly Finding[];
}

export interface AcceptedReport {
  id: number;
  versionNo: number;
}

export async function acceptReadings(
  client: pg.PoolClient | pg.Client,
  items: readonly AcceptItem[],
  options: { alsoRefreshAgencies?: readonly number[]; deferSummaries?: SummaryKey[] } = {},
): Promise<AcceptedReport[]> {
  if (items.length === 0) {
    await refreshReportMetrics(
      client,
      { agencyIds: options.alsoRefreshAgencies ?? [] },
      { deferSummaries: options.deferSummaries },
    );
    return [];
  }
  await lockAgencies(
    client,
    items.map((item) => item.agencyId),
  );
  const pairs = distinctPairs(items);
  await runQuery(
    client,
    sql`UPDATE "Report" r SET "isCurrent" = false
          FROM unnest(${pairs.map((p) => p.agencyId)}::int[], ${pairs.map((p) => p.year)}::int[]) AS p("agencyId", "year")
         WHERE r."isCurrent" AND r."agencyId" = p."agencyId" AND r."year" = p."year"`,
  );
  const reports = await insertReports(client, items);
  await insertCells(client, items, reports);
  await insertFindings(
    client,
    items.flatMap((item, index) =>
      item.findings.map((finding) => ({ reportId: reports[index]!.id, finding })),
    ),
    "reader",
  );
  await refreshAcrossYearFindings(client, pairs);
  // An agency whose region was just filled in needs every year's row refreshed, not only this batch's.
  await refreshReportMetrics(
    client,
    { agencyYears: pairs, agencyIds: options.alsoRefreshAgencies ?? [] },
    { deferSummaries: options.deferSummaries },
  );
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

function distinctPairs(items: readonly AcceptItem[]): { agencyId: number; year: number }[] {
  const seen = new Map<string, { agencyId: number; year: number }>();
  for (const { agencyId, year } of items) seen.set(`${agencyId}:${year}`, { agencyId, year });
  return [...seen.values()];
}

/** Version numbers continue each agency-year's; within the batch, the last reading of an agency-year is current. */
async function insertReports(client: SqlClient, items: readonly AcceptItem[]): Promise<AcceptedReport[]> {
  const rows = await runQuery<AcceptedReport & { n: string }>(
    client,
    sql`INSERT INTO "Report" ("agencyId", "year", "versionNo", "isCurrent", "template", "documentId", "readerVersion")
        SELECT v."agencyId", v."year",
               coalesce((SELECT max(r."versionNo") FROM "Report" r
                          WHERE r."agencyId" = v."agencyId" AND r."year" = v."year"), 0) + row_number() OVER w,
               row_number() OVER w = count(*) OVER (PARTITION BY v."agencyId", v."year"),
               v."template", v."documentId", v."readerVersion"
          FROM unnest(${items.map((i) => i.agencyId)}::int[], ${items.map((i) => i.year)}::int[],
                      ${items.map((i) => i.template)}::text[], ${items.map((i) => i.documentId)}::int[],
                      ${items.map((i) => i.readerVersion)}::int[])
               WITH ORDINALITY AS v("agencyId", "year", "template", "documentId", "readerVersion", "n")
        WINDOW w AS (PARTITION BY v."agencyId", v."year" ORDER BY v."n")
        RETURNING "id", "versionNo", "documentId"`,
  );
  // RETURNING order is not guaranteed: match rows back to items by document (one report per document here).
  const byDocument = new Map(rows.map((row) => [(row as unknown as { documentId: number }).documentId, row]));
  return items.map((item) => {
    const row = byDocument.get(item.documentId)!;
    return { id: row.id, versionNo: row.versionNo };
  });
}

const CELL_COLUMNS = ['"reportId"', '"cellNo"', '"inferred"', '"value"', '"rawText"', '"unit"'] as const;

async function insertCells(
  client: pg.PoolClient | pg.Client,
  items: readonly AcceptItem[],
  reports: readonly AcceptedReport[],
): Promise<void> {
  const total = items.reduce((sum, item) => sum + item.cells.length, 0);
  if (total === 0) return;
  if (total >= COPY_THRESHOLD_CELLS) {
    await copyRows(client, { table: '"ReportCell"', columns: CELL_COLUMNS }, cellRows(items, reports));
    return;
  }
  const rows = [...cellRows(items, reports)];
  const column = (index: number) => rows.map((row) => row[index]);
  await runQuery(
    client,
    sql`INSERT INTO "ReportCell" ("reportId", "cellNo", "inferred", "value", "rawText", "unit")
        SELECT * FROM unnest(${column(0)}::int[], ${column(1)}::int2[], ${column(2)}::bool[],
                             ${column(3)}::numeric[], ${column(4)}::text[], ${column(5)}::text[])`,
  );
}

function* cellRows(items: readonly AcceptItem[], reports: readonly AcceptedReport[]) {
  for (const [index, item] of items.entries()) {
    const reportId = reports[index]!.id;
    for (const cell of item.cells)
      yield [reportId, cell.cellNo, cell.inferred, cell.value, cell.rawText, cell.unit] as const;
  }
}
