// `npm run bench:dashboard` — p50/p95 of each dashboard page's query functions (lib/queries) over a synthetic
// read model of about a million current reports: one agency per town, county and city of the gazetteer plus
// 34 departments per county (~146k agencies), 2019–2025, 97 % of agency-years filed, skewed numbers, a finding
// on every seventh report. Generated in SQL (no cells, no reader) into its own embedded PostgreSQL under
// ./.test-data/bench-dashboard, kept between runs (the first run takes a few minutes; `--fresh` starts over).
//   BENCH_RUNS=15 npm run bench:dashboard
// Page targets (p95 ≤ 300 ms per page at 1M reports) belong to the scale issue; this measures where we are.
import "@/lib/cli/exit-quietly-on-error";
import { rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createClient } from "@/lib/db/create-client";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { syncRegions } from "@/lib/ingest/sync-regions";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import { countFindingsByCode } from "@/lib/queries/count-findings-by-code";
import { getAgencyComparison } from "@/lib/queries/get-agency-comparison";
import { getAgencyProfile } from "@/lib/queries/get-agency-profile";
import { getAgencyRanking } from "@/lib/queries/get-agency-ranking";
import { getOverviewSummary } from "@/lib/queries/get-overview-summary";
import { getRegionBreakdown } from "@/lib/queries/get-region-breakdown";
import { getRegionTrail } from "@/lib/queries/get-region-trail";
import { getReviewQueue } from "@/lib/queries/get-review-queue";
import { getYearlyTrend } from "@/lib/queries/get-yearly-trend";
import { listCoverageGaps } from "@/lib/queries/list-coverage-gaps";
import { listOpenFindings } from "@/lib/queries/list-open-findings";
import { listRegionOptions } from "@/lib/queries/list-region-options";
import { listYears } from "@/lib/queries/list-years";
import { readCurrentCells } from "@/lib/queries/read-cells";
import { searchAgencies } from "@/lib/queries/search-agencies";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const DATA_DIR = path.join(process.cwd(), ".test-data", "bench-dashboard");
if (process.argv.includes("--fresh")) await rm(DATA_DIR, { recursive: true, force: true });
const server = await startEmbeddedPostgres({
  dataDir: DATA_DIR,
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
  const q = (text: string) => db.$executeRawUnsafe(text);
  if ((await db.reportMetrics.count()) === 0) {
    console.time("generate");
    await syncRegions(db);
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
    await q(`INSERT INTO "Document"(sha256, "fileName", size, bytes, status, "agencyId", year, "readerVersion", reading, template)
             SELECT md5(a.id || '-' || y) || md5(y || '/' || a.id), 'synthetic.txt', 1, '\\x00', 'accepted', a.id, y, 1, '{}', '2021'
               FROM "Agency" a, generate_series(2019, 2025) y WHERE random() < 0.97`);
    await q(`INSERT INTO "Report"("agencyId", year, "versionNo", template, "documentId", "readerVersion")
             SELECT "agencyId", year, 1, '2021', id, 1 FROM "Document"`);
    await q(`INSERT INTO "ReportMetrics"("reportId", "agencyId", year, "agencyKind", "regionCode", "regionPath", template,
               "applicationsNew", "applicationsTotal", processed, "disclosureRateNum", "disclosureRateDen", "denialRateNum", "denialRateDen",
               "unableRateNum", "unableRateDen", "rejectionRateNum", "rejectionRateDen", "reviews", "reviewCorrectionRateNum", "reviewCorrectionRateDen",
               licences, penalties, enforcements)
             SELECT r.id, r."agencyId", r.year, a.kind, a."regionCode", reg.path, '2021', n, n, n,
                    floor(n * 0.6), n, floor(n * 0.1), n, floor(n * 0.2), n, floor(n * 0.05), n, rv, floor(rv * 0.2), rv,
                    floor(random() ^ 4 * 800), floor(random() ^ 4 * 300), floor(random() ^ 5 * 100)
               FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId" JOIN "Region" reg ON reg.code = a."regionCode",
                    LATERAL (SELECT floor(random() ^ 3 * 120)::float8 AS n, floor(random() ^ 6 * 8)::float8 AS rv OFFSET 0) x`);
    await q(`INSERT INTO "Finding"("reportId", code, severity, kind, "cellIds", message)
             SELECT r.id, (ARRAY['CELL_BLANK','RULE_BALANCE','ROW_SHORT','VALUE_INFERRED'])[1 + (r.id % 4)], 'warning', 'uncertain', '{}', 'synthetic'
               FROM "Report" r WHERE r.id % 7 = 0`);
    await q(`VACUUM ANALYZE`);
    console.timeEnd("generate");
  }
  console.log(
    `reports ${await db.reportMetrics.count()}, agencies ${await db.agency.count()}, ${RUNS} runs each after one warm-up`,
  );

  async function time(label: string, runs: number, fn: () => Promise<unknown>) {
    await fn();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await fn();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const pick = (p: number) =>
      samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
    console.log(`${label.padEnd(58)} p50 ${pick(0.5).padStart(7)} ms   p95 ${pick(0.95).padStart(7)} ms`);
  }

  const year = 2025;
  const minN = 10;
  const all = { regionPath: null, kinds: null };
  const county = (await getRegionTrail(db, "500107"))!;
  const province = (await getRegionTrail(db, "51"))!;
  const city = (await getRegionTrail(db, "5101"))!;
  const agencyId = (await db.agency.findFirstOrThrow({ where: { kind: "区县政府", regionCode: "500107" } }))
    .id;
  const tenAgencies = (
    await db.agency.findMany({ take: 10, where: { regionCode: { startsWith: "5001" } } })
  ).map((a) => a.id);
  const scopeOf = (t: { path: string }) => ({ regionPath: t.path, kinds: null });

  await time("listYears", RUNS, () => listYears(db));
  await time("getRegionTrail + listRegionOptions (county)", RUNS, async () =>
    listRegionOptions({ db, chain: (await getRegionTrail(db, "500107"))!.chain }),
  );
  await time("总览 national: getOverviewSummary", RUNS, () =>
    getOverviewSummary({ db, year, scope: all, minN }),
  );
  await time("总览 national: getYearlyTrend", RUNS, () => getYearlyTrend({ db, scope: all, minN }));
  await time("总览 county: summary + trend", RUNS, () =>
    Promise.all([
      getOverviewSummary({ db, year, scope: scopeOf(county), minN }),
      getYearlyTrend({ db, scope: scopeOf(county), minN }),
    ]),
  );
  await time("排名 national all kinds, page 1 (rate)", RUNS, () =>
    getAgencyRanking({ db, year, scope: all, metric: getMetric("disclosure_rate"), minN }),
  );
  await time("排名 national 乡镇, page 1 (count)", RUNS, () =>
    getAgencyRanking({
      db,
      year,
      scope: { regionPath: null, kinds: ["乡镇"] },
      metric: getMetric("penalties"),
      minN,
    }),
  );
  await time("排名 province 51 all kinds", RUNS, () =>
    getAgencyRanking({ db, year, scope: scopeOf(province), metric: getMetric("penalties"), minN }),
  );
  await time("地区 national: getRegionBreakdown", RUNS, () => getRegionBreakdown({ db, year, region: null }));
  await time("地区 province 51", RUNS, () => getRegionBreakdown({ db, year, region: province }));
  await time("地区 city 5101", RUNS, () => getRegionBreakdown({ db, year, region: city }));
  await time("地区 county 500107", RUNS, () => getRegionBreakdown({ db, year, region: county }));
  await time("机构 page: profile + cells", RUNS, () =>
    Promise.all([getAgencyProfile({ db, agencyId }), readCurrentCells({ db, agencyIds: [agencyId] })]),
  );
  await time("对比 10 agencies all years", RUNS, () => getAgencyComparison({ db, agencyIds: tenAgencies }));
  await time("对比 search '九龙坡'", RUNS, () => searchAgencies({ db, q: "九龙坡" }));
  await time("对比 search '第3局'", RUNS, () => searchAgencies({ db, q: "第3局" }));
  await time("数据质量 national: codes + cross-year + queue", RUNS, () =>
    Promise.all([
      countFindingsByCode({ db, year, scope: all }),
      listOpenFindings({ db, year, scope: all, origin: "across_years" }),
      getReviewQueue({ db, year, scope: all }),
    ]),
  );
  await time("数据质量 national: coverage gaps", RUNS, () =>
    listCoverageGaps({ db, year, regionPath: null }),
  );
  await time("数据质量 county: coverage gaps", RUNS, () =>
    listCoverageGaps({ db, year, regionPath: county.path }),
  );
  await db.$disconnect();
} finally {
  await server.stop();
}
