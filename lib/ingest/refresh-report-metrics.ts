// Keeps the read model (ReportMetrics) and its summaries by region (RegionYearMetrics, RegionYearCoverage)
// right: the one function that refills their rows — after a report version is stored, a cell corrected, or
// an agency's region or kind changed (the rows carry both, for the dashboard's filters) — and the full
// rebuild after the metric dictionary changed.
//   await refreshReportMetrics(client, { agencyYears: [{ agencyId, year }] });
//   await refreshReportMetrics(client, { agencyIds: [agencyId] });      // an agency changed
//   await rebuildReportMetrics(pool);                                     // npm run metrics:rebuild
import type pg from "pg";
import { runQuery, sql, withTransaction, type SqlClient } from "@/lib/db/sql";
import { SUMMARY_SQL_FINGERPRINT } from "@/lib/metrics/build-summary-sql";
import {
  findSummaryKeys,
  rebuildRegionSummaries,
  refreshRegionSummaries,
} from "@/lib/ingest/refresh-region-summaries";
import {
  buildMetricsRebuildSql,
  buildMetricsRefreshSql,
  METRICS_SQL_FINGERPRINT,
} from "@/lib/metrics/build-metrics-sql";

/** Reports of these agency-years, and every year of these agencies (either may be left out). */
export interface MetricsTarget {
  agencyYears?: readonly { agencyId: number; year: number }[];
  agencyIds?: readonly number[];
}

const FINGERPRINT_KEY = "reportMetricsSql";
/** The read model's SQL and its summaries' together: either changing rebuilds both. */
const FINGERPRINT = `${METRICS_SQL_FINGERPRINT}.${SUMMARY_SQL_FINGERPRINT}`;

export async function refreshReportMetrics(client: SqlClient, target: MetricsTarget): Promise<void> {
  const agencyIds = target.agencyIds ?? [];
  const agencyYears = (target.agencyYears ?? []).filter((p) => !agencyIds.includes(p.agencyId));
  if (agencyIds.length === 0 && agencyYears.length === 0) return;
  const summaryKeys = await findSummaryKeys(client, { agencyIds, agencyYears });
  if (agencyIds.length > 0) {
    await runQuery(client, buildMetricsRefreshSql(sql`r."agencyId" = ANY(${[...agencyIds]}::int[])`));
  }
  if (agencyYears.length > 0) {
    await runQuery(
      client,
      buildMetricsRefreshSql(
        sql`(r."agencyId", r."year") IN (SELECT * FROM unnest(${agencyYears.map((p) => p.agencyId)}::int[],
                                                              ${agencyYears.map((p) => p.year)}::int[]))`,
      ),
    );
  }
  await refreshRegionSummaries(client, summaryKeys);
}

/**
 * Empties the read model and fills it again from every current report, in one transaction (pages keep
 * seeing the old rows until it commits; writers of the read model wait). Records the SQL's fingerprint.
 */
export async function rebuildReportMetrics(pool: pg.Pool): Promise<{ rows: number }> {
  return withTransaction(pool, async (client) => {
    // Stops ingestion's own refreshes for the moment, so none lands between the TRUNCATE and the fill.
    await client.query(`LOCK TABLE "ReportMetrics" IN ACCESS EXCLUSIVE MODE`);
    await client.query(`TRUNCATE "ReportMetrics"`);
    await runQuery(client, buildMetricsRebuildSql());
    await rebuildRegionSummaries(client);
    await runQuery(
      client,
      sql`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (${FINGERPRINT_KEY}, ${FINGERPRINT}, now())
          ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()`,
    );
    const [count] = await runQuery<{ rows: number }>(
      client,
      sql`SELECT count(*)::int AS rows FROM "ReportMetrics"`,
    );
    return { rows: count!.rows };
  });
}

/** At start: rebuilds the read model when the metric dictionary changed since it was filled. */
export async function ensureReportMetricsCurrent(
  pool: pg.Pool,
): Promise<{ rebuilt: boolean; rows?: number }> {
  const client = await pool.connect();
  let stored: string | undefined;
  try {
    const rows = await runQuery<{ value: string }>(
      client,
      sql`SELECT "value" FROM "AppState" WHERE "key" = ${FINGERPRINT_KEY}`,
    );
    stored = rows[0]?.value;
  } finally {
    client.release();
  }
  if (stored === FINGERPRINT) return { rebuilt: false };
  const { rows } = await rebuildReportMetrics(pool);
  return { rebuilt: true, rows };
}
