// The bulk path's writer: many prepared documents per transaction (COPY for their bytes and cells), yet
// each report all-or-nothing. A batch that fails is split in halves and each half tried again, down to the
// one document that fails — which gets a result of its own (STORE_FAILED) and leaves no trace, while the
// rest of its batch lands. Errors that no retry can mend (the connection is gone) stop the import instead.
//   const results = await storeInBulk(db, preparedDocuments);
import { getPool, type Db } from "@/lib/db/create-client";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { withTransaction } from "@/lib/db/sql";
import { findDuplicates } from "@/lib/ingest/find-duplicate";
import type { IngestOutcome } from "@/lib/ingest/ingest-types";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import {
  markSummariesStale,
  refreshDeferredSummaries,
  type DeferredSummaries,
} from "@/lib/ingest/refresh-report-metrics";
import { storeDocuments, type Turn } from "@/lib/ingest/store-documents";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";

export type BulkResult =
  { ok: true; outcome: IngestOutcome } | { ok: false; error: { code: "STORE_FAILED"; message: string } };

export async function storeInBulk(
  db: Db,
  documents: readonly PreparedDocument[],
  /**
   * An import of many batches passes one list for all of them and recomputes the read model's summaries
   * once at its end (refreshDeferredSummaries; markSummariesStale before the first batch) — or passes
   * `summaries`, which recomputes them behind the import. Without either the summaries are recomputed at
   * the end of this call.
   */
  options: {
    summaryKeys?: SummaryKey[];
    /** Instead of summaryKeys: each transaction's keys handed over once it has committed. */
    summaries?: DeferredSummaries;
    /**
     * Each transaction keeps the summaries by difference where it can (summary-difference.ts): only the keys
     * of those that cannot are deferred.
     */
    summariesByDifference?: boolean;
    /** Batches stored at once take their first statements in turn: a turn per transaction (storeDocuments). */
    newTurn?: () => Turn;
  } = {},
): Promise<BulkResult[]> {
  const pool = getPool(db);
  // The same bytes twice in one batch: the first is stored, the others answered as its duplicates.
  const firstBySha = new Map<string, number>();
  documents.forEach((document, index) => {
    if (!firstBySha.has(document.sha256)) firstBySha.set(document.sha256, index);
  });
  const unique = [...firstBySha.values()];
  const results = new Map<number, BulkResult>();
  // The summaries' keys of every transaction below, recomputed once (here or by the caller).
  const summaryKeys: SummaryKey[] = options.summaryKeys ?? [];
  const deferred = !!(options.summaryKeys || options.summaries);
  const store = async (indexes: number[]): Promise<void> => {
    try {
      // This transaction's keys, passed on once it has committed (a batch rolled back changed nothing).
      const keys: SummaryKey[] = [];
      const turn = options.newTurn?.();
      // Keyed plans (withTransaction): every statement of a batch finds its rows by key, whatever the
      // batch's size, and ran on a plan made for its values — planned anew for each batch (the read model's
      // upsert ≈ 2 ms, ≈ 8 ms on a connection's first), where one plan per connection serves them all; and
      // without sequential scans, which the plans for a batch's values chose for Report, ReportMetrics and
      // ReportMetricChanges (7,000 rows each, growing with the database) once a batch held ~90 reports.
      const outcomes = await withTransaction(
        pool,
        (client) =>
          storeDocuments(
            client,
            indexes.map((index) => documents[index]!),
            {
              deferSummaries: keys,
              turn,
              summaryDifference: options.summariesByDifference,
              summariesRebuilt: options.summaries?.rebuilds,
            },
          ),
        { keyedPlans: true },
      ).finally(() => turn?.end());
      if (options.summaries)
        options.summaries.committed(keys, outcomes.filter((outcome) => outcome.reportId !== null).length);
      else summaryKeys.push(...keys);
      indexes.forEach((index, position) => results.set(index, { ok: true, outcome: outcomes[position]! }));
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      if (indexes.length === 1) {
        console.error(`[import] storing ${JSON.stringify(documents[indexes[0]!]!.fileName)} failed:`, error);
        results.set(indexes[0]!, {
          ok: false,
          error: { code: "STORE_FAILED", message: describeStoreError(error) },
        });
        return;
      }
      const half = Math.ceil(indexes.length / 2);
      await store(indexes.slice(0, half));
      await store(indexes.slice(half));
    }
  };
  if (unique.length > 0) {
    if (!deferred) await markSummariesStale(pool);
    await store(unique);
    if (!deferred) await refreshDeferredSummaries(pool, summaryKeys);
  }
  const copies = documents.filter((_, index) => !results.has(index)).map((document) => document.sha256);
  const firstCopies = await findDuplicates(pool, copies);
  return documents.map((document, index): BulkResult => {
    const own = results.get(index);
    if (own) return own;
    const duplicate = firstCopies.get(document.sha256);
    return duplicate
      ? { ok: true, outcome: duplicate }
      : { ok: false, error: { code: "STORE_FAILED", message: "与同批另一文件相同，但该文件未能保存。" } };
  });
}

function describeStoreError(error: unknown): string {
  const detail = error instanceof Error ? error.message.split("\n")[0]!.slice(0, 200) : "";
  return `保存到数据库时出错，本文件未保存（同批其他文件不受影响）${detail ? `：${detail}` : "。"}`;
}
