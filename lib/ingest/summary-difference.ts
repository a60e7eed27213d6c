// A bulk batch's summaries (RegionYearMetrics, RegionYearFindings, RegionYearCoverage, RollUpCellSums) kept by
// difference in the batch's own transaction, as an upload keeps its own (build-summary-delta-sql.ts): the
// contributions of the read-model rows the batch can move, taken before its changes and after them, and only
// their difference added to the stored rows at every level at once — instead of each county-year the batch
// touched recomputed from all its reports behind the import, then every city and province it touched from
// their children's rows and its DELETE of all of them at the import's end (≈ 0.3 s of a warm 500-file
// import's ≈ 0.86 s of PostgreSQL CPU at 7,000 reports, BENCHMARKS.md "import13"; and growing with the
// reports per county-year, where the difference grows with the batch alone).
//   await captureSummariesBefore(client, pairs);        // under the agencies' locks, before any change
//   … reports, cells, findings, the read model …
//   await applySummaryDifference(client, keys, changes); // keys: the batch's summary keys
// Only while the batch's agencies are as they were (no region or parent filled in by it): otherwise the
// caller recomputes its keys instead (refreshDeferredSummaries).
import { arrayLiteral } from "@/lib/db/array-literal";
import { runStatement, type SqlClient } from "@/lib/db/sql";
import { refreshRegionSummaries } from "@/lib/ingest/refresh-region-summaries";
import {
  BULK_ROLL_UP_DELETE_EMPTIED,
  BULK_ROLL_UP_DIFFERENCE,
  BULK_ROLL_UP_FILL_NEW,
  type VersionChange,
} from "@/lib/metrics/build-roll-up-delta-sql";
import {
  BULK_COVERAGE_DIFFERENCE,
  BULK_FINDINGS_DELETE_EMPTIED,
  BULK_FINDINGS_DIFFERENCE,
  BULK_METRICS_DIFFERENCE,
  BULK_SUMMARIES_BEFORE,
  BULK_SUMMARY_CONTRIBUTIONS,
  BULK_SUMMARY_STAGING,
} from "@/lib/metrics/build-summary-delta-sql";
import { SUMMARY_LOCK_SQL } from "@/lib/metrics/build-summary-function";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";

/**
 * The read-model rows a batch's difference is taken over (BULK_SUMMARIES_BEFORE), as two arrays' literals.
 * Every array parameter here goes as arrayLiteral's text, made once however many statements take it: as
 * JS arrays node-postgres formatted each element of each again (prepareValue, two regex replaces, quoting)
 * for each statement — the largest producer of an import's main-thread garbage (BENCHMARKS.md, import19).
 * PostgreSQL reads the same values from either text.
 */
export interface ListedRows {
  agencyIds: string;
  years: string;
}

/**
 * Before a batch's changes: the read-model rows its agency-years can move (BULK_SUMMARIES_BEFORE), and
 * their contributions as side 0 (BULK_SUMMARY_CONTRIBUTIONS). The caller holds the agencies' locks, so
 * nothing else moves them until it commits.
 */
export async function captureSummariesBefore(
  client: SqlClient,
  pairs: readonly { agencyId: number; year: number }[],
): Promise<ListedRows> {
  for (const text of BULK_SUMMARY_STAGING) await client.query(text);
  const rows = await runStatement<{ agencyId: number; year: number }>(client, BULK_SUMMARIES_BEFORE, [
    arrayLiteral(pairs.map((p) => p.agencyId)),
    arrayLiteral(pairs.map((p) => p.year)),
  ]);
  const listed = {
    agencyIds: arrayLiteral(rows.map((row) => row.agencyId)),
    years: arrayLiteral(rows.map((row) => row.year)),
  };
  await runStatement(client, BULK_SUMMARY_CONTRIBUTIONS, [listed.agencyIds, listed.years, 0]);
  return listed;
}

/**
 * After the read model's upsert: the difference added to every summary table, under the keys' province
 * locks (as every writer of them takes: build-summary-function.ts); a key where a known term went (a sum
 * over no known value is NULL, not 0) is recomputed from the read model instead, last. A batch adds
 * versions and removes no report, so no RegionYearMetrics row loses its last report; findings can go.
 */
export async function applySummaryDifference(
  client: SqlClient,
  listed: ListedRows,
  keys: readonly SummaryKey[],
  changes: readonly VersionChange[],
): Promise<void> {
  if (keys.length === 0) return;
  const provinces = [...new Set(keys.map((k) => `${k.year}:${k.path.split("/")[0]}`))].sort();
  await client.query({ name: "nb_summary_locks", text: SUMMARY_LOCK_SQL, values: [provinces] });
  // The same rows' contributions after the change (side 1), by the statement that took them before.
  await runStatement(client, BULK_SUMMARY_CONTRIBUTIONS, [listed.agencyIds, listed.years, 1]);
  const [uncertain] = await runStatement<{
    years: number[] | null;
    paths: string[] | null;
    depths: number[] | null;
  }>(client, BULK_METRICS_DIFFERENCE);
  const noFindings = await runStatement<{
    year: number;
    regionPath: string;
    agencyKind: string;
    code: string;
    kind: string;
    origin: string;
  }>(client, BULK_FINDINGS_DIFFERENCE);
  if (noFindings.length > 0)
    await runStatement(
      client,
      BULK_FINDINGS_DELETE_EMPTIED,
      (["year", "regionPath", "agencyKind", "code", "kind", "origin"] as const).map((column) =>
        arrayLiteral(noFindings.map((row) => row[column])),
      ),
    );
  const changeArrays = [
    arrayLiteral(changes.map((c) => c.agencyId)),
    arrayLiteral(changes.map((c) => c.year)),
    arrayLiteral(changes.map((c) => c.reportId)),
    arrayLiteral(changes.map((c) => c.previousId)),
  ];
  await runStatement(client, BULK_COVERAGE_DIFFERENCE, changeArrays);
  const emptied = await runStatement<{ governmentId: number; year: number; cellNo: number }>(
    client,
    BULK_ROLL_UP_DIFFERENCE,
    changeArrays,
  );
  if (emptied.length > 0)
    await runStatement(client, BULK_ROLL_UP_DELETE_EMPTIED, [
      arrayLiteral(emptied.map((row) => row.governmentId)),
      arrayLiteral(emptied.map((row) => row.year)),
      arrayLiteral(emptied.map((row) => row.cellNo)),
    ]);
  await runStatement(client, BULK_ROLL_UP_FILL_NEW, changeArrays);
  if (uncertain?.years) {
    const unique = new Map<string, SummaryKey>();
    uncertain.years.forEach((year, index) => {
      const path = uncertain.paths![index]!;
      unique.set(`${year}|${path}`, { year, path, depth: uncertain.depths![index]! });
    });
    await refreshRegionSummaries(client, [...unique.values()]);
  }
}
