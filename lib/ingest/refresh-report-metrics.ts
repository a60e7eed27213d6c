// Keeps the read model (ReportMetrics) right: the one function that refills its rows — after a report
// version is stored, a cell corrected, or an agency's region or kind changed (the rows carry both, for the
// dashboard's filters) — and the full rebuild after the metric dictionary changed.
//   await refreshReportMetrics(client, { agencyYears: [{ agencyId, year }] });
//   await refreshReportMetrics(client, { agencyIds: [agencyId] });      // an agency changed
//   await rebuildReportMetrics(pool);                                     // npm run metrics:rebuild
import type pg from "pg";
import { runQuery, sql, withTransaction, type SqlClient } from "@/lib/db/sql";
import {
  buildMetricsRebuildSql,
  buildMetricsRefreshSql,
  METRICS_SQL_FINGERPRINT,
} from "@/lib/metrics/build-metrics-sql";

export type MetricsTarget =
  { agencyYears: readonly { agencyId: number; year: number }[] } | { agencyIds: readonly number[] };

const FINGERPRINT_KEY = "reportMetricsSql";

export async function refreshReportMetrics(client: SqlClient, target: MetricsTarget): Promise<void> {
  if ("agencyIds" in target) {
    if (target.agencyIds.length === 0) return;
    await runQuery(client, buildMetricsRefreshSql(sql`r."agencyId" = ANY(${[...target.agencyIds]}::int[])`));
    return;
  }
  if (target.agencyYears.length === 0) return;
  await runQuery(
    client,
    buildMetricsRefreshSql(
      sql`(r."agencyId", r."year") IN (SELECT * FROM unnest(${target.agencyYears.map((p) => p.agencyId)}::int[],
                                                            ${target.agencyYears.map((p) => p.year)}::int[]))`,
    ),
  );
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
    await runQuery(
      client,
      sql`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (${FINGERPRINT_KEY}, ${METRICS_SQL_FINGERPRINT}, now())
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
  if (stored === METRICS_SQL_FINGERPRINT) return { rebuilt: false };
  const { rows } = await rebuildReportMetrics(pool);
  return { rebuilt: true, rows };
}
