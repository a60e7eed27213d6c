// Keeps the read model (ReportMetrics), its changes against the year before (ReportMetricChanges, 排名 by
// change) and its summaries by region (RegionYearMetrics, RegionYearCoverage) right: the one function that
// refills their rows — after a report version is stored, a cell corrected, or an agency's region or kind
// changed (the rows carry both, for the dashboard's filters) — and the full rebuild after the metric
// dictionary changed.
//   await refreshReportMetrics(client, { agencyYears: [{ agencyId, year }] });
//   await refreshReportMetrics(client, { agencyIds: [agencyId] });      // an agency changed
//   await rebuildReportMetrics(pool);                                     // npm run metrics:rebuild
import type pg from "pg";
import { joinSql, rawSql, runQuery, sql, withTransaction, type Sql, type SqlClient } from "@/lib/db/sql";
import { SUMMARY_MAX_DEPTH, SUMMARY_SQL_FINGERPRINT } from "@/lib/metrics/build-summary-sql";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";
import type { VersionChange } from "@/lib/metrics/build-roll-up-delta-sql";
import {
  FEW_KEYS,
  rebuildRegionSummaries,
  rebuildRegionSummariesInParts,
  refreshRegionSummaries,
  summaryKeysQuery,
} from "@/lib/ingest/refresh-region-summaries";
import {
  type MetricInputs,
  buildMetricsRebuildSql,
  buildMetricsRefreshSql,
  METRICS_SQL_FINGERPRINT,
} from "@/lib/metrics/build-metrics-sql";
import {
  buildMetricChangesFillSql,
  buildMetricChangesRefreshSql,
  changeIndexName,
  changeIndexSql,
  METRIC_CHANGES_SQL_FINGERPRINT,
} from "@/lib/metrics/metric-changes";
import { METRICS } from "@/lib/metrics/metric-dictionary";
import { RANKING_INDEXES_DEFERRED_KEY, restoreRankingIndexes } from "@/lib/ingest/defer-ranking-indexes";

/** Reports of these agency-years, and every year of these agencies (either may be left out). */
export interface MetricsTarget {
  agencyYears?: readonly { agencyId: number; year: number }[];
  /**
   * The agency-years' current versions were all created in the caller's transaction (a new version just
   * stored): they have no corrections, and the read model reads their cells without looking for any.
   */
  agencyYearsNew?: boolean;
  /** With agencyYearsNew: every new report's metric inputs, from the cells as sent (collect-metric-inputs.ts). */
  newReportInputs?: MetricInputs;
  agencyIds?: readonly number[];
}

const FINGERPRINT_KEY = "reportMetricsSql";
// The summaries have a fingerprint of their own: when only their SQL changed (or this version added them),
// the start rebuilds them from the read model without re-reading every cell.
const SUMMARIES_FINGERPRINT_KEY = "regionSummariesSql";
// And the changes against the year before: filled again at start when their SQL changed.
const CHANGES_FINGERPRINT_KEY = "metricChangesSql";

/**
 * Refills the read-model rows of the target, their changes against the year before (and those of the year
 * after them), and recomputes the summary rows they count in — or, with `deferSummaries`, adds those rows'
 * keys to it for the caller to recompute once later (a bulk import recomputes each county once at its end
 * instead of once per batch: refreshDeferredSummaries).
 */
export async function refreshReportMetrics(
  client: SqlClient,
  target: MetricsTarget,
  options: {
    deferSummaries?: SummaryKey[];
    /** One new current version and its agency's contributions before it (SUMMARY_CONTRIBUTIONS_FUNCTION). */
    difference?: { changes: readonly VersionChange[]; before: string };
    /**
     * With deferSummaries: the summaries are rebuilt whole once the load ends (DeferredSummaries.rebuildAtFinish),
     * so no key is wanted — the statement does not look them up.
     */
    summariesRebuilt?: boolean;
  } = {},
): Promise<void> {
  const agencyIds = target.agencyIds ?? [];
  const agencyYears = (target.agencyYears ?? []).filter((p) => !agencyIds.includes(p.agencyId));
  if (agencyIds.length === 0 && agencyYears.length === 0) return;
  // The summary keys as they stand before the change and the read model's upserts, in one statement: the
  // keys' query sees the rows as they were before the statement's own writes.
  const refreshes: Sql[] = [];
  if (agencyIds.length > 0)
    refreshes.push(buildMetricsRefreshSql(sql`r."agencyId" = ANY(${[...agencyIds]}::int[])`));
  if (agencyYears.length > 0)
    refreshes.push(
      buildMetricsRefreshSql(
        sql`(r."agencyId", r."year") IN (SELECT * FROM unnest(${agencyYears.map((p) => p.agencyId)}::int[],
                                                              ${agencyYears.map((p) => p.year)}::int[]))`,
        { newReports: target.agencyYearsNew, inputs: target.newReportInputs },
      ),
    );
  const upserts = joinSql(
    refreshes.map((refresh, index) => sql`${rawSql(`refresh_${index}`)} AS (${refresh})`),
    ",\n",
  );
  // (A data-modifying WITH runs whether or not the query after it reads it.)
  const summaryKeys = await runQuery<SummaryKey>(
    client,
    sql`WITH ${upserts}
${options.summariesRebuilt && options.deferSummaries ? rawSql(`SELECT NULL WHERE false`) : summaryKeysQuery({ agencyIds, agencyYears })}`,
  );
  await refreshMetricChanges(client, { agencyIds, agencyYears });
  if (options.deferSummaries) options.deferSummaries.push(...summaryKeys);
  // An upload's one new version: the summaries follow by difference, from the agency's contributions as they
  // stood before the change (read by the caller in the statement that stored the version, under the agency's
  // lock, which keeps anyone else from moving them: accept-readings.ts).
  else
    await refreshRegionSummaries(client, summaryKeys, {
      difference: options.difference?.changes.length === 1 ? options.difference : undefined,
    });
}

/**
 * The change rows (ReportMetricChanges) of these agency-years and the year after each, and of every year of
 * these agencies, from the read model as it stands — run after its upsert, in the same transaction.
 */
export async function refreshMetricChanges(client: SqlClient, target: MetricsTarget): Promise<void> {
  if ((target.agencyIds ?? []).length === 0 && (target.agencyYears ?? []).length === 0) return;
  await runQuery(client, buildMetricChangesRefreshSql(target));
}

const STALE_KEY = "regionSummariesStale";

/**
 * A bulk import's deferred summary keys, recomputed in one transaction at its end. Until then a flag in
 * AppState says the summaries lag behind: an import killed half-way leaves the flag, and the next start
 * rebuilds (ensureReportMetricsCurrent).
 */
export async function markSummariesStale(pool: pg.Pool): Promise<void> {
  await runQuery(
    pool,
    sql`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (${STALE_KEY}, '1', now())
        ON CONFLICT ("key") DO UPDATE SET "value" = '1', "updatedAt" = now()`,
  );
}

export async function refreshDeferredSummaries(
  pool: pg.Pool,
  keys: readonly SummaryKey[],
  /** `analyse: false`: the tables' statistics are recent already (DeferredSummaries analysed them). */
  options: { analyse?: boolean } = {},
): Promise<void> {
  const unique = [...new Map(keys.map((key) => [summaryKeyId(key), key])).values()];
  // Fresh statistics first (ANALYSE_GROWN_TABLES): with those of before a bulk import the roll-up sums
  // took 0.5 s instead of 0.2 s for 5,000 reports.
  if (unique.length > 0 && options.analyse !== false) await pool.query(ANALYSE_GROWN_TABLES);
  // Provinces are independent (a province's upper rows sum only its own counties' rows), so two halves of
  // them are recomputed at once on two connections — the import's last step uses both cores. The flag
  // goes only after both committed: a half that fails leaves it, and the next start rebuilds. On keyed plans
  // (SUMMARY_PLANS): the cities' and provinces' statements cost ≈ 20 ms each to plan for their values, a
  // generic plan no more, and a connection that made one keeps it for the next import's end.
  await Promise.all(
    splitByProvince(unique, DEFERRED_SUMMARY_CONNECTIONS).map((part) =>
      withTransaction(pool, (client) => refreshRegionSummaries(client, part), SUMMARY_PLANS),
    ),
  );
  await runQuery(pool, sql`DELETE FROM "AppState" WHERE "key" = ${STALE_KEY}`);
}

const DEFERRED_SUMMARY_CONNECTIONS = 2;

/**
 * The summaries' recomputes behind a bulk load's batches and at its end run on keyed plans (withTransaction):
 * their statements reach every row by key (LATERAL lookups per key, build-summary-sql.ts), so one generic
 * plan per connection serves every recompute, where PostgreSQL planned each for its keys. A generic plan
 * costs no more to make (EXPLAIN (GENERIC_PLAN) against a plan for 326 keys, warm backend: counties' sums
 * 2.4 / 2.3 ms, cities' 11.5 / 20.1, provinces' 17.0 / 20.8).
 */
const SUMMARY_PLANS = { keyedPlans: true } as const;

/** One string per summary key (year and region), to keep each key once. */
const summaryKeyId = (key: SummaryKey) => `${key.year}|${key.path}`;

/**
 * A bulk import's summaries kept up behind it (seed:synthetic; `npm run import` only for a batch that
 * cannot keep them by difference itself, summary-difference.ts): the keys of each batch
 * that has committed are recomputed in a transaction of their own, on another connection, while the next
 * batches load — the database's other core does the work the import's end would otherwise do alone — and
 * `finish` recomputes what is still pending (refreshDeferredSummaries) and clears the "stale" flag.
 * Every key is recomputed after the last commit that moved it (a recompute takes the keys committed before
 * it began; keys committed meanwhile wait for the next one; the cities' and provinces' keys, summed from
 * their children's rows, all wait for `finish`, after every county's last recompute), so the summaries end
 * exact. Batches never
 * wait for a recompute: they take no summary lock (their keys are deferred), and a recompute writes only
 * the summaries. A recompute that fails is reported by `finish`; the flag then stays and the next start
 * rebuilds, as when an import is killed.
 *   const summaries = await DeferredSummaries.start(pool);
 *   await storeInBulk(db, batch, { summaries });   // each batch
 *   await summaries.finish();
 */
export class DeferredSummaries {
  private readonly pending = new Map<string, SummaryKey>();
  private running: Promise<void> | null = null;
  private failure: unknown = null;
  private reports = 0;
  private analysedAt = 0;
  /** Nothing is recomputed behind the batches: `finish` rebuilds every summary row (rebuildAtFinish). */
  private rebuild = false;

  private constructor(
    private readonly pool: pg.Pool,
    private background: boolean,
    /** The reports the planner's statistics counted when the import began (0 for an empty database). */
    private readonly existing: number,
  ) {}

  /** Marks the summaries stale first (markSummariesStale). `background: false` recomputes only in `finish`. */
  static async start(pool: pg.Pool, options: { background?: boolean } = {}): Promise<DeferredSummaries> {
    await markSummariesStale(pool);
    // The planner's own count (reltuples: -1 before the table was ever analysed), not a count(*) of a
    // table that may hold millions of rows.
    const [counted] = await runQuery<{ reports: number }>(
      pool,
      sql`SELECT greatest(reltuples, 0)::float8 AS "reports" FROM pg_class WHERE oid = '"Report"'::regclass`,
    );
    return new DeferredSummaries(pool, options.background ?? true, counted?.reports ?? 0);
  }

  /** The summaries are rebuilt at `finish` (rebuildAtFinish): the batches need not name their keys. */
  get rebuilds(): boolean {
    return this.rebuild;
  }

  /** The reports the database held when the load began, as the planner's statistics count them. */
  get existingReports(): number {
    return this.existing;
  }

  /**
   * For a load into an empty read model (seed:synthetic): no key is recomputed behind the batches, and
   * `finish` rebuilds the summaries from the whole read model instead — in grouped passes, every row once
   * (rebuildRegionSummariesInParts), where the recompute looked each key's reports up by index, the counties
   * of a key two batches touched twice, and deleted the rows it was about to write; nor do the batches
   * look their keys up (refreshReportMetrics' summariesRebuilt). bench:ingest-cpu --path seed --reports
   * 5,000: the summaries ≈ 0.8–0.9 s of backend CPU recomputed, ≈ 0.6 s rebuilt, and the read model's
   * statement ≈ 0.1 s less (BENCHMARKS.md "seed15"). Into a filled read model a rebuild would re-sum every
   * report already there.
   */
  rebuildAtFinish(): void {
    this.rebuild = true;
    this.pending.clear();
  }

  /** The summary keys of a batch that has committed, and how many reports it stored. */
  committed(keys: readonly SummaryKey[], reports: number): void {
    if (!this.rebuild) for (const key of keys) this.pending.set(summaryKeyId(key), key);
    this.reports += reports;
    if (this.background) this.catchUp();
  }

  /**
   * The last batch is under way: its keys wait for `finish`, which recomputes them with the upper levels in
   * two halves on two connections — recomputed behind it, its counties ran alone on one connection while
   * the other idled, and only then came the upper levels.
   */
  stopCatchingUp(): void {
    this.background = false;
  }

  private catchUp(): void {
    if (this.running || this.failure) return;
    // Only the keys summed from reports (counties, and depth 0) are recomputed behind the batches; the
    // cities' and provinces' keys, summed from their children's rows, wait for `finish`: nearly every batch
    // touches nearly every one of them, and recomputed after each batch they cost a third of the
    // summaries' CPU again and again, for rows `finish` recomputes anyway.
    const keys = [...this.pending.values()].filter(isSummedFromReports);
    // More than FEW_KEYS at a time, so they go statement by statement, planned for their size: the few
    // keys of a small batch (an import's batches start at 50 files) went through the upload's summary
    // function, at ≈ 30 ms of PostgreSQL CPU a call — five calls 151 ms in a 500-file import, where the
    // statements take ≈ 60 for all its keys. Fewer wait for the next batch's, or for `finish`.
    const recompute = keys.length > FEW_KEYS;
    // The tables grew since the planner last looked (see refreshDeferredSummaries): analysed again each
    // time the import has doubled the reports it stored — also when nothing is to be recomputed (batches
    // that keep the summaries by difference, summary-difference.ts): a connection keeps its generic plans
    // until the statistics change, and the plans made over the nearly empty tables of a first import's
    // first batch ran its read model's upsert at ≈ 0.9 ms per report instead of ≈ 0.1 (bench:ingest-cpu
    // --path seed --reports 5000 with the batches by difference, BENCHMARKS.md "import14").
    const analyse = this.grownTwofold();
    if (!recompute && !analyse) return;
    if (recompute) for (const key of keys) this.pending.delete(summaryKeyId(key));
    if (analyse) this.analysedAt = this.reports;
    this.running = (async () => {
      if (analyse) await this.pool.query(ANALYSE_GROWN_TABLES);
      if (recompute)
        await withTransaction(this.pool, (client) => refreshRegionSummaries(client, keys), SUMMARY_PLANS);
    })().then(
      () => {
        this.running = null;
        this.catchUp();
      },
      (error: unknown) => {
        this.failure = error;
        this.running = null;
      },
    );
  }

  /**
   * Waits for the recompute under way, recomputes the keys still pending, clears the flag. The tables are
   * analysed first only when they have doubled since the last analysis behind the batches — by the same
   * rule as there: at most twice the rows the planner last saw either way, and the ANALYZE (≈ 0.1 s at
   * 5,000 reports) stays off the load's last step, on which everything else waits.
   */
  async finish(options: { cellsKeyed?: Promise<unknown> } = {}): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure;
    if (this.rebuild) {
      // The grouped passes read whole tables: no statistics needed beyond those behind the batches. The
      // roll-up sums wait for ReportCell's key when the load builds it at its end (cellsKeyed).
      await rebuildRegionSummariesInParts(this.pool, options.cellsKeyed);
      await runQuery(this.pool, sql`DELETE FROM "AppState" WHERE "key" = ${STALE_KEY}`);
      return;
    }
    await refreshDeferredSummaries(this.pool, [...this.pending.values()], { analyse: this.grownTwofold() });
    this.pending.clear();
  }

  /**
   * The tables hold twice the reports (or more) they held when last analysed: by this import, or before it
   * began (its `existing` reports, as the statistics counted them). An import of a few hundred files into
   * a database of thousands of reports analyses nothing; into an empty one, at its first batch and then
   * each time it has doubled.
   */
  private grownTwofold(): boolean {
    return this.existing + this.reports >= 2 * (this.existing + this.analysedAt);
  }
}

/** A county's key (the deepest summed level) or depth 0's: its rows are summed from reports alone. */
const isSummedFromReports = (key: SummaryKey) => key.depth === SUMMARY_MAX_DEPTH || key.depth === 0;

// A bulk import has just grown these tables, maybe many times over, and autovacuum analyses them only
// later: with the statistics of before the import the planner chose hash joins over every current report
// for a handful of rows per key. Sampled: a few milliseconds each. ReportCell, reached only by its key
// here, is left to autovacuum; so is Document, which no summary reads and the load finds only by its
// unique sha256 (its ANALYZE was a quarter of these, 26 of 105 ms at 5,000 reports). Of the read model only
// the columns the load's statements find, join and group its rows by: its forty-odd metric columns, which
// they only sum, made it two thirds of the rest (ANALYZE "ReportMetrics" at 5,000 reports: 65 ms whole, 21 ms
// these columns). Pages' statistics of the others come from the whole table's ANALYZE when a load into an
// empty read model ends (bulk-writer.ts), or from autovacuum's.
const ANALYSE_GROWN_TABLES = `ANALYZE "Report",
  "ReportMetrics" ("reportId", "agencyId", "year", "regionPath", "regionCode", "agencyKind"), "Agency", "Finding"`;

/** The keys in up to `parts` groups of about equal size, each province (and year) wholly in one. */
function splitByProvince(keys: readonly SummaryKey[], parts: number): SummaryKey[][] {
  const byProvince = new Map<string, SummaryKey[]>();
  for (const key of keys) {
    const province = `${key.year}:${key.path.split("/")[0]}`;
    const group = byProvince.get(province);
    if (group) group.push(key);
    else byProvince.set(province, [key]);
  }
  const groups: SummaryKey[][] = Array.from({ length: parts }, () => []);
  const largestFirst = [...byProvince.values()].sort((a, b) => b.length - a.length);
  for (const province of largestFirst)
    groups.reduce((a, b) => (b.length < a.length ? b : a)).push(...province);
  return groups.filter((group) => group.length > 0);
}

/**
 * Empties the read model and fills it again from every current report, in one transaction (pages keep
 * seeing the old rows until it commits; writers of the read model wait). Records the SQL's fingerprint.
 */
export async function rebuildReportMetrics(pool: pg.Pool): Promise<{ rows: number }> {
  return withTransaction(pool, async (client) => {
    // Stops ingestion's own refreshes for the moment, so none lands between the TRUNCATE and the fill.
    await client.query(`LOCK TABLE "ReportMetrics" IN ACCESS EXCLUSIVE MODE`);
    await client.query(`TRUNCATE "ReportMetrics", "ReportMetricChanges"`);
    await runQuery(client, buildMetricsRebuildSql());
    await fillMetricChanges(client, { emptied: true });
    await fillSummaries(client);
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

/** The summaries from the read model as it stands (writers of the read model wait meanwhile). */
export async function rebuildSummaries(pool: pg.Pool): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(`LOCK TABLE "ReportMetrics" IN SHARE MODE`);
    await fillSummaries(client);
  });
}

/** The changes against the year before from the read model as it stands (writers of the read model wait). */
export async function rebuildMetricChanges(pool: pg.Pool): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(`LOCK TABLE "ReportMetrics" IN SHARE MODE`);
    await fillMetricChanges(client, { emptied: false });
  });
}

/**
 * The table filled whole, its indexes dropped meanwhile and built again after (in this transaction): kept
 * up row by row, ~820 000 rows went into 12 indexes in random order — 140 s at 1M reports, and indexes of
 * half-full pages.
 */
async function fillMetricChanges(client: pg.PoolClient, options: { emptied: boolean }): Promise<void> {
  if (!options.emptied) await client.query(`TRUNCATE "ReportMetricChanges"`);
  for (const metric of METRICS) await client.query(`DROP INDEX IF EXISTS "${changeIndexName(metric)}"`);
  await runQuery(client, buildMetricChangesFillSql());
  for (const metric of METRICS) await client.query(changeIndexSql(metric));
  await runQuery(
    client,
    sql`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (${CHANGES_FINGERPRINT_KEY}, ${METRIC_CHANGES_SQL_FINGERPRINT}, now())
        ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()`,
  );
}

async function fillSummaries(client: pg.PoolClient): Promise<void> {
  await rebuildRegionSummaries(client);
  await runQuery(client, sql`DELETE FROM "AppState" WHERE "key" = ${STALE_KEY}`);
  await runQuery(
    client,
    sql`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (${SUMMARIES_FINGERPRINT_KEY}, ${SUMMARY_SQL_FINGERPRINT}, now())
        ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()`,
  );
}

/**
 * Declares the read model current as it stands, without rebuilding it from cells — for a synthetic read
 * model written directly (bench:dashboard), so that a start rebuilds at most the summaries.
 */
export async function markReportMetricsCurrent(pool: pg.Pool): Promise<void> {
  await runQuery(
    pool,
    sql`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (${FINGERPRINT_KEY}, ${METRICS_SQL_FINGERPRINT}, now())
        ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()`,
  );
}

/**
 * At start: rebuilds the read model (its changes and its summaries) when the metric dictionary changed since
 * it was filled; only the changes when their SQL changed (or this version added them); only the summaries
 * when their SQL changed or an import stopped before recomputing them. And builds 排名's indexes when a
 * bulk load into the empty read model stopped before it built them.
 */
export async function ensureReportMetricsCurrent(
  pool: pg.Pool,
): Promise<{ rebuilt: boolean; rows?: number }> {
  const client = await pool.connect();
  let state: Map<string, string>;
  try {
    const rows = await runQuery<{ key: string; value: string }>(
      client,
      sql`SELECT "key", "value" FROM "AppState"
           WHERE "key" IN (${FINGERPRINT_KEY}, ${SUMMARIES_FINGERPRINT_KEY}, ${CHANGES_FINGERPRINT_KEY}, ${STALE_KEY},
                           ${RANKING_INDEXES_DEFERRED_KEY})`,
    );
    state = new Map(rows.map((row) => [row.key, row.value]));
  } finally {
    client.release();
  }
  // A bulk load into the empty read model stopped before building 排名's indexes (defer-ranking-indexes.ts).
  // Then analysed: the rate indexes' expressions have statistics only once their index exists.
  if (state.has(RANKING_INDEXES_DEFERRED_KEY)) {
    await restoreRankingIndexes(pool);
    await pool.query(`ANALYZE "ReportMetrics"`);
  }
  if (state.get(FINGERPRINT_KEY) !== METRICS_SQL_FINGERPRINT) {
    const { rows } = await rebuildReportMetrics(pool);
    return { rebuilt: true, rows };
  }
  const changes = state.get(CHANGES_FINGERPRINT_KEY) !== METRIC_CHANGES_SQL_FINGERPRINT;
  if (changes) await rebuildMetricChanges(pool);
  const summaries = state.get(SUMMARIES_FINGERPRINT_KEY) !== SUMMARY_SQL_FINGERPRINT || state.has(STALE_KEY);
  if (summaries) await rebuildSummaries(pool);
  if (changes || summaries) {
    const [count] = await runQuery<{ rows: number }>(
      pool,
      sql`SELECT count(*)::int AS rows FROM "ReportMetrics"`,
    );
    return { rebuilt: true, rows: count!.rows };
  }
  return { rebuilt: false };
}
