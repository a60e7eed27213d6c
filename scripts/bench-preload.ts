// The other reports a bench stores before it measures (its --preload N): synthetic documents through the bulk
// path, a thousand a batch, their summaries recomputed once at the end. The same N reports in every bench and
// every run (seed 11), so that a figure taken with one bench compares with another's.
import { getPool, type Db } from "@/lib/db/create-client";
import { markSummariesStale, refreshDeferredSummaries } from "@/lib/ingest/refresh-report-metrics";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";

/** Stores `reports` synthetic reports of 2019–2025 (regions already synced) and their summaries. */
export async function storePreloadReports(db: Db, reports: number): Promise<void> {
  const keys: SummaryKey[] = [];
  await markSummariesStale(getPool(db));
  const documents = [...generateSyntheticDocuments({ reports, years: { from: 2019, to: 2025 }, seed: 11 })];
  for (let i = 0; i < documents.length; i += 1000)
    await storeInBulk(db, documents.slice(i, i + 1000), { summaryKeys: keys });
  await refreshDeferredSummaries(getPool(db), keys);
}
