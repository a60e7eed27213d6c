// `npm run bench:dashboard` — p50/p95 of each dashboard page's query functions (lib/queries) and of each
// page's data as a whole (every query the page's sections run, in parallel as they render), over a
// synthetic national read model: one agency per town, county and city of the gazetteer plus 34 departments
// per county (~146k agencies), 2019–2025, 97 % of agency-years filed, skewed numbers, a finding on every
// seventh report; `--reports N` keeps that share of the agencies (10 000, 100 000; default about a
// million). Generated in SQL (no reader) into its own embedded PostgreSQL under
// ./.test-data/bench-dashboard-<N>, kept between runs (`--fresh` starts over); `--cells` also writes every
// cell of one national year's reports (2025), as uploads would. Summaries are rebuilt after generation
// and whenever their SQL changed (as a start does). `--http` also times each page as a whole over HTTP:
// the production app (`npm start`'s start script and build) on the same database, signed in, each page
// URL to its last streamed byte (HTTP rows); `--skip-queries` leaves out the query and PAGE rows, and
// `--only <regular expression>` keeps the rows whose label matches (`--only '排名 national'`).
//   BENCH_RUNS=15 npm run bench:dashboard -- --reports 100000 [--http]
// Targets at 1M reports (issue 17): p95 ≤ 100 ms per query, ≤ 300 ms per page.
import "@/lib/cli/exit-quietly-on-error";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { ensureReportMetricsCurrent, markReportMetricsCurrent } from "@/lib/ingest/refresh-report-metrics";
import { syncRegions } from "@/lib/ingest/sync-regions";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import { countFindingsByCode } from "@/lib/queries/count-findings-by-code";
import { countReports } from "@/lib/queries/count-reports";
import { getAgencyComparison } from "@/lib/queries/get-agency-comparison";
import { getAgencyProfile } from "@/lib/queries/get-agency-profile";
import { getAgencyRanking } from "@/lib/queries/get-agency-ranking";
import { getOverviewSummary } from "@/lib/queries/get-overview-summary";
import { getRegionBreakdown } from "@/lib/queries/get-region-breakdown";
import { getRegionTrail, type RegionTrail } from "@/lib/queries/get-region-trail";
import { getReviewQueue } from "@/lib/queries/get-review-queue";
import { getRollUpChecks } from "@/lib/queries/get-roll-up-checks";
import { getYearlyTrend } from "@/lib/queries/get-yearly-trend";
import { listCoverageGaps } from "@/lib/queries/list-coverage-gaps";
import { listOpenFindings } from "@/lib/queries/list-open-findings";
import { listRegionOptions } from "@/lib/queries/list-region-options";
import { listReports } from "@/lib/queries/list-reports";
import { listYears } from "@/lib/queries/list-years";
import { readCurrentCells } from "@/lib/queries/read-cells";
import type { ReportScope } from "@/lib/queries/report-scope";
import { searchAgencies } from "@/lib/queries/search-agencies";
import type { AgencyKind } from "@/lib/reader/types";
import { measurePagesOverHttp, type PageTarget } from "./bench-dashboard-http";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
// `--only 排名` (a regular expression): only the rows whose label matches, e.g. one page back to back.
const ONLY = argValue("--only");
const wanted = (label: string) => !ONLY || new RegExp(ONLY).test(label);
/** Reports of the full synthetic set (every agency of the gazetteer, seven years). */
const FULL_SET = 990_000;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const reports = Number(argValue("--reports") ?? 1_000_000);
  if (!Number.isInteger(reports) || reports < 1000) throw new Error("--reports: a whole number ≥ 1000");
  const share = Math.min(1, reports / FULL_SET);
  const dataDir = path.join(process.cwd(), ".test-data", `bench-dashboard-${reports}`);
  if (process.argv.includes("--fresh")) await rm(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await findFreePort(),
    persistent: true,
    fast: true,
  });
  // The server is stopped however the run ends.
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = 'scale'")).rowCount;
    if (!exists) await admin.query("CREATE DATABASE scale");
    await admin.end();
    const url = server.urlFor("scale");
    await applyMigrations({ url });
    const db = createClient(url);
    try {
      if ((await db.reportMetrics.count()) === 0) await generate(db, share);
      if (process.argv.includes("--cells")) await generateCells(db);
      // The synthetic read model is written directly, not from cells: it stands as current, and the
      // summaries are rebuilt from it when their SQL changed — what the app's start would do.
      await markReportMetricsCurrent(getPool(db));
      const started = performance.now();
      if ((await ensureReportMetricsCurrent(getPool(db))).rebuilt) {
        for (const table of SUMMARY_TABLES) await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
        console.log(`summaries or changes rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      await measure(db, url);
    } finally {
      await closeClient(db);
    }
  } finally {
    await server.stop();
  }
}

type Db = ReturnType<typeof createClient>;

// Vacuumed and analysed after the summaries (or the changes against the year before) were rebuilt (and the
// read model, which a migration may have updated: a dead copy of each row stays until autovacuum gets to it).
const SUMMARY_TABLES = [
  "RegionYearMetrics",
  "RegionYearCoverage",
  "RegionYearFindings",
  "RollUpCellSums",
  "ReportMetrics",
  "ReportMetricChanges",
];

async function generate(db: Db, share: number): Promise<void> {
  const q = (text: string) => db.$executeRawUnsafe(text);
  const started = performance.now();
  await syncRegions(db);
  // Every agency of the full set, then all but `share` of them dropped by a fixed hash of the id (the same
  // agencies at every run, spread over the whole country).
  await q(
    `INSERT INTO "Agency"(name, kind, "regionCode") SELECT r.name || '人民政府' || r.code, CASE WHEN r.name LIKE '%街道' THEN '街道' ELSE '乡镇' END, r.code FROM "Region" r WHERE r.level = 'town'`,
  );
  await q(
    `INSERT INTO "Agency"(name, kind, "regionCode") SELECT r.name || '人民政府' || r.code, '区县政府', r.code FROM "Region" r WHERE r.level = 'county'`,
  );
  await q(
    `INSERT INTO "Agency"(name, kind, "regionCode") SELECT r.name || '人民政府' || r.code, '市政府', r.code FROM "Region" r WHERE r.level = 'city'`,
  );
  await q(
    `INSERT INTO "Agency"(name, kind, "regionCode", "parentId") SELECT r.name || '第' || g || '局' || r.code, '部门', r.code, gov.id FROM "Region" r JOIN "Agency" gov ON gov."regionCode" = r.code AND gov.kind = '区县政府', generate_series(1, 34) g WHERE r.level = 'county'`,
  );
  const kept = `((a.id::bigint * 2654435761) % 1000003) < ${Math.round(share * 1000003)}`;
  await q(`INSERT INTO "Document"(sha256, "fileName", size, bytes, status, "agencyId", year, "readerVersion", reading, template)
           SELECT md5(a.id || '-' || y) || md5(y || '/' || a.id), 'synthetic.txt', 1, '\\x00', 'accepted', a.id, y, 1, '{}', '2021'
             FROM "Agency" a, generate_series(2019, 2025) y WHERE random() < 0.97 AND ${kept}`);
  await q(`INSERT INTO "Report"("agencyId", year, "versionNo", template, "documentId", "readerVersion")
           SELECT "agencyId", year, 1, '2021', id, 1 FROM "Document"`);
  // Each report draws its own sizes: the LATERAL names the report (uncorrelated, it was run once and every
  // report had the same 3 applications — all rates below the minimum n, nothing to rank by a rate).
  await q(`INSERT INTO "ReportMetrics"("reportId", "agencyId", year, "agencyKind", "regionCode", "regionPath", template,
             "applicationsNew", "applicationsTotal", processed, "disclosureRateNum", "disclosureRateDen", "denialRateNum", "denialRateDen",
             "unableRateNum", "unableRateDen", "rejectionRateNum", "rejectionRateDen", "reviews", "reviewCorrectionRateNum", "reviewCorrectionRateDen",
             licences, penalties, enforcements)
           SELECT r.id, r."agencyId", r.year, a.kind, a."regionCode", reg.path, '2021', n, n, n,
                  floor(n * 0.6), n, floor(n * 0.1), n, floor(n * 0.2), n, floor(n * 0.05), n, rv, floor(rv * 0.2), rv,
                  floor(random() ^ 4 * 800), floor(random() ^ 4 * 300), floor(random() ^ 5 * 100)
             FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId" JOIN "Region" reg ON reg.code = a."regionCode",
                  LATERAL (SELECT floor(random() ^ 3 * 120)::float8 AS n, floor(random() ^ 6 * 8)::float8 AS rv
                            WHERE r.id > 0 OFFSET 0) x`);
  await q(`INSERT INTO "Finding"("reportId", code, severity, kind, "cellIds", message)
           SELECT r.id, (ARRAY['CELL_BLANK','RULE_BALANCE','ROW_SHORT','VALUE_INFERRED'])[1 + (r.id % 4)], 'warning', 'uncertain', '{}', 'synthetic'
             FROM "Report" r WHERE r.id % 7 = 0`);
  await q(`VACUUM ANALYZE`);
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Every cell of the catalogue for each current report of 2025 (a national year), unless already there. */
async function generateCells(db: Db): Promise<void> {
  const [existing] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "ReportCell"`;
  if (existing!.n > 0) return;
  const started = performance.now();
  await db.$executeRawUnsafe(`INSERT INTO "ReportCell"("reportId", "cellNo", value)
    SELECT r.id, d."cellNo", floor(random() ^ 3 * 200) FROM "Report" r CROSS JOIN "CellDefinition" d
     WHERE r.year = 2025 AND r."isCurrent" AND '2021' = ANY(d.versions)`);
  await db.$executeRawUnsafe(`VACUUM ANALYZE "ReportCell"`);
  const [written] = await db.$queryRaw<{ cells: number }[]>`SELECT count(*)::int AS cells FROM "ReportCell"`;
  console.log(`cells: ${written!.cells} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

interface Timing {
  label: string;
  p50: number;
  p95: number;
}

async function time(label: string, fn: () => Promise<unknown>): Promise<Timing> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pick = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  const timing = { label, p50: pick(0.5), p95: pick(0.95) };
  printTiming(timing);
  return timing;
}

function printTiming(timing: Timing): void {
  console.log(
    `${timing.label.padEnd(62)} p50 ${timing.p50.toFixed(1).padStart(7)} ms   p95 ${timing.p95.toFixed(1).padStart(7)} ms`,
  );
}

async function measure(db: Db, url: string): Promise<void> {
  const [counts] = await db.$queryRaw<{ reports: number; agencies: number }[]>`
    SELECT (SELECT count(*)::int FROM "ReportMetrics") AS reports, (SELECT count(*)::int FROM "Agency") AS agencies`;
  console.log(
    `reports ${counts!.reports}, agencies ${counts!.agencies}, ${RUNS} runs each after one warm-up`,
  );
  // Shared machines: the load says how far absolute figures are inflated.
  console.log(
    `load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const year = 2025;
  const minN = 10;
  const trail = async (code: string) => (await getRegionTrail(db, code))!;
  const [province, city, county] = await Promise.all([trail("51"), trail("5101"), trail("500107")]);
  const levels: [string, RegionTrail | null][] = [
    ["national", null],
    ["province 51", province],
    ["city 5101", city],
    ["county 500107", county],
  ];
  const scopeOf = (t: RegionTrail | null, kinds: AgencyKind[] | null = null): ReportScope => ({
    regionPath: t?.path ?? null,
    kinds,
  });
  // The agencies with the most reports in one county (an agency page with all its years and cells).
  const agencyId = (
    await db.$queryRaw<{ id: number }[]>`
      SELECT m."agencyId" AS id FROM "ReportMetrics" m WHERE m."year" = 2025
       ORDER BY (m."regionPath" LIKE '50/5001/500107/%') DESC, m."agencyKind" = '区县政府' DESC, m."agencyId" LIMIT 1`
  )[0]!.id;
  const tenAgencies = (
    await db.$queryRaw<{ id: number }[]>`
      SELECT DISTINCT m."agencyId" AS id FROM "ReportMetrics" m WHERE m."regionPath" LIKE '50/%' ORDER BY 1 LIMIT 10`
  ).map((row) => row.id);
  // What every dashboard page awaits before its sections (getViewContext's two queries).
  const context = (t: RegionTrail | null) =>
    Promise.all([listYears(db), t ? getRegionTrail(db, t.code) : null]);
  const filters = (t: RegionTrail | null) => (t ? listRegionOptions({ db, chain: t.chain }) : null);
  const results: Timing[] = [];
  const run = async (label: string, fn: () => Promise<unknown>) => {
    if (!process.argv.includes("--skip-queries") && wanted(label)) results.push(await time(label, fn));
  };

  await run("query listYears (every page)", () => listYears(db));
  await run("query getRegionTrail + listRegionOptions (county)", async () =>
    listRegionOptions({ db, chain: (await getRegionTrail(db, "500107"))!.chain }),
  );
  for (const [name, t] of levels) {
    const scope = scopeOf(t);
    await run(`query 总览 ${name}: getOverviewSummary`, () => getOverviewSummary({ db, year, scope, minN }));
    await run(`query 总览 ${name}: getYearlyTrend`, () => getYearlyTrend({ db, scope, minN }));
    await run(`PAGE  总览 ${name}`, async () => {
      await context(t);
      await Promise.all([
        filters(t),
        getOverviewSummary({ db, year, scope, minN }),
        getYearlyTrend({ db, scope, minN }),
        listReports(db, { limit: 10 }),
        countReports(db),
      ]);
    });
  }
  await run("query 总览 national 乡镇: getOverviewSummary", () =>
    getOverviewSummary({ db, year, scope: scopeOf(null, ["乡镇"]), minN }),
  );
  const rate = getMetric("disclosure_rate");
  for (const [name, t] of levels) {
    const scope = scopeOf(t);
    await run(`query 排名 ${name}: getAgencyRanking (rate, page 1)`, () =>
      getAgencyRanking({ db, year, scope, metric: rate, minN }),
    );
    await run(`PAGE  排名 ${name}`, async () => {
      await context(t);
      // The leaders are the first ten rows of the table's first page: one query (React's cache).
      await Promise.all([filters(t), getAgencyRanking({ db, year, scope, metric: rate, minN, page: 1 })]);
    });
  }
  await run("query 排名 national 乡镇: getAgencyRanking (count)", () =>
    getAgencyRanking({ db, year, scope: scopeOf(null, ["乡镇"]), metric: getMetric("penalties"), minN }),
  );
  await run("query 排名 national: getAgencyRanking (by change)", () =>
    getAgencyRanking({ db, year, scope: scopeOf(null), metric: rate, minN, sort: "change_desc" }),
  );
  for (const [name, t] of levels) {
    await run(`query 地区 ${name}: getRegionBreakdown`, () => getRegionBreakdown({ db, year, region: t }));
    await run(`PAGE  地区 ${name}`, async () => {
      await context(t);
      await Promise.all([
        filters(t),
        getRegionBreakdown({ db, year, region: t }),
        getYearlyTrend({ db, scope: scopeOf(t), minN }),
      ]);
    });
  }
  await run("query 机构: getAgencyProfile", () => getAgencyProfile({ db, agencyId }));
  await run("query 机构: readCurrentCells", () => readCurrentCells({ db, agencyIds: [agencyId] }));
  await run("PAGE  机构", () =>
    Promise.all([getAgencyProfile({ db, agencyId }), readCurrentCells({ db, agencyIds: [agencyId] })]),
  );
  await run("query 对比: getAgencyComparison (10 agencies, all years)", () =>
    getAgencyComparison({ db, agencyIds: tenAgencies }),
  );
  await run("query 对比: searchAgencies '九龙坡'", () => searchAgencies({ db, q: "九龙坡" }));
  await run("PAGE  对比 10 agencies", async () => {
    await context(null);
    await getAgencyComparison({ db, agencyIds: tenAgencies });
  });
  for (const [name, t] of levels) {
    const scope = scopeOf(t);
    await run(`query 数据质量 ${name}: countFindingsByCode`, () => countFindingsByCode({ db, year, scope }));
    await run(`query 数据质量 ${name}: listOpenFindings`, () => listOpenFindings({ db, year, scope }));
    await run(`query 数据质量 ${name}: getReviewQueue`, () => getReviewQueue({ db, year, scope }));
    await run(`query 数据质量 ${name}: listCoverageGaps`, () =>
      listCoverageGaps({ db, year, regionPath: scope.regionPath }),
    );
    if (t && t.chain.length >= 2) {
      await run(`query 数据质量 ${name}: getRollUpChecks`, () =>
        getRollUpChecks({ db, year, regionPath: scope.regionPath }),
      );
    }
    await run(`PAGE  数据质量 ${name}`, async () => {
      await context(t);
      await Promise.all([
        filters(t),
        countFindingsByCode({ db, year, scope }),
        listOpenFindings({ db, year, scope, origin: "across_years" }),
        listOpenFindings({ db, year, scope }),
        listCoverageGaps({ db, year, regionPath: scope.regionPath }),
        getReviewQueue({ db, year, scope }),
        // The roll-up check runs for a city or a county (above, the section asks for one).
        t && t.chain.length >= 2 ? getRollUpChecks({ db, year, regionPath: scope.regionPath }) : null,
      ]);
    });
  }
  if (process.argv.includes("--http")) {
    const ofYear = (query: string) => `?year=${year}${query}`;
    const region = (t: RegionTrail | null) => (t ? `&region=${t.code}` : "");
    const targets: PageTarget[] = [
      ...levels.map(([name, t]) => ({ label: `HTTP  总览 ${name}`, path: `/${ofYear(region(t))}` })),
      ...levels.map(([name, t]) => ({
        label: `HTTP  排名 ${name} (rate)`,
        path: `/rankings${ofYear(`${region(t)}&metric=disclosure_rate`)}`,
      })),
      {
        label: "HTTP  排名 national (rate, by change)",
        path: `/rankings${ofYear("&metric=disclosure_rate&sort=change_desc")}`,
      },
      ...levels.map(([name, t]) => ({ label: `HTTP  地区 ${name}`, path: `/regions${ofYear(region(t))}` })),
      { label: "HTTP  机构", path: `/agencies/${agencyId}` },
      { label: "HTTP  对比 10 agencies", path: `/compare?agencies=${tenAgencies.join(",")}` },
      ...levels.map(([name, t]) => ({
        label: `HTTP  数据质量 ${name}`,
        path: `/quality${ofYear(region(t))}`,
      })),
    ];
    results.push(
      ...(await measurePagesOverHttp({
        databaseUrl: url,
        targets: targets.filter((target) => wanted(target.label)),
        runs: RUNS,
        report: printTiming,
      })),
    );
  }
  console.log(
    `load average at end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const over = results.filter((r) => r.p95 > (/^(PAGE|HTTP)/.test(r.label) ? 300 : 100));
  console.log(
    over.length === 0
      ? "every query p95 ≤ 100 ms and every page p95 ≤ 300 ms"
      : `over target: ${over.map((r) => r.label.replace(/\s+/g, " ")).join("; ")}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:dashboard failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
