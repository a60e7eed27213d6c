// The read model's summaries (RegionYearMetrics, RegionYearCoverage, RegionYearFindings — issue 17) and the
// roll-up check's children's sums (RollUpCellSums) kept by the same refresh as ReportMetrics: after uploads
// in two years, a second version, a correction, a report refiled under another year, an agency whose region
// is filled in by a later reading, a settled finding, reports confirmed and reopened, a county government
// with a department, and a new version of last year's report, every summary row equals what plain SQL over
// ReportMetrics, the cells and the gazetteer gives (written here without the summaries' code: each region of
// depth ≤ 3 joined to the reports under its path), and the rebuild gives the same rows.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { confirmReport, reopenReport } from "@/lib/ingest/confirm-report";
import { correctCell } from "@/lib/ingest/correct-cell";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import {
  DeferredSummaries,
  ensureReportMetricsCurrent,
  markSummariesStale,
  rebuildReportMetrics,
  refreshDeferredSummaries,
} from "@/lib/ingest/refresh-report-metrics";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import type { SummaryKey } from "@/lib/metrics/build-summary-sql";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { refileReport } from "@/lib/ingest/refile-report";
import { resolveFinding } from "@/lib/ingest/resolve-finding";
import { buildReadResult, uniqueBytes } from "@/tests/helpers/read-result-factory";
import {
  ACTUAL_FINDINGS,
  ACTUAL_ROLL_UP,
  ACTUAL_SUMS,
  EXPECTED_COVERAGE,
  EXPECTED_FINDINGS,
  EXPECTED_ROLL_UP,
  EXPECTED_SUMS,
} from "@/tests/helpers/summary-expectations";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.user.create({
    data: { id: "staff1", name: "staff1", email: "staff1@example.test", role: "staff" },
  });
});
afterAll(() => t?.drop());

async function ingest(
  prefix: string,
  name: string,
  year: number,
  overrides: Parameters<typeof buildReadResult>[1] = {},
) {
  const base = buildReadResult(prefix);
  const reading = buildReadResult(prefix, {
    ...overrides,
    year,
    agency: { ...base.agency, name, ...overrides.agency },
  });
  return ingestDocument(t.db, { bytes: uniqueBytes(), fileName: `${name}-${year}.txt` }, reading);
}

async function rows(text: string) {
  return t.db.$queryRawUnsafe<Record<string, unknown>[]>(text);
}

test("summaries follow every change of the read model, equal plain SQL over it, and survive a rebuild", async () => {
  // Two towns of 九龙坡区 (重庆) and one of 自贡 (四川), 2022 and 2023.
  await ingest("002", "汇总测试一镇人民政府", 2022);
  await ingest("002", "汇总测试一镇人民政府", 2023);
  const flag = (code: string) => ({
    code,
    severity: "warning" as const,
    kind: "uncertain" as const,
    cells: [],
    message: "测试",
  });
  const two = await ingest("002", "汇总测试二镇人民政府", 2023, {
    cells: { "t3.new.total": 40 },
    findings: [flag("CELL_BLANK"), flag("ROW_SHORT")],
  });
  const y2023 = await ingest("000", "汇总测试三镇人民政府", 2023);
  // An agency first read without a region (its rows sum at depth 0), then a reading that gives it one.
  const noRegion = { province: null, city: null, county: null, town: null };
  await ingest("004", "汇总测试四镇人民政府", 2022, { regionCodes: noRegion });
  expect(await rows(`SELECT "reports" FROM "RegionYearMetrics" WHERE "regionPath" = ''`)).toEqual([
    { reports: 1 },
  ]);
  await ingest("004", "汇总测试四镇人民政府", 2023);
  // A second version, a correction, and a report refiled under another year.
  await ingest("002", "汇总测试一镇人民政府", 2023, { cells: { "t2.penalty.decisions": 77 } });
  await correctCell(t.db, {
    reportId: y2023.reportId!,
    cellId: "t2.penalty.decisions",
    value: 31,
    reason: "核对原文",
    userId: "staff1",
  });
  const z = await ingest("002", "汇总测试五镇人民政府", 2023);
  await refileReport(t.db, { reportId: z.reportId!, year: 2021 });
  // A finding settled: one open finding fewer.
  const [open] = await t.db.finding.findMany({ where: { reportId: two.reportId!, status: "open" } });
  await resolveFinding(t.db, {
    findingId: open!.id,
    decision: "dismissed",
    reason: "不是问题",
    userId: "staff1",
  });
  // An agency filing four years in order: each new year ends the year before's lapse (a row that neither
  // the new report's own keys nor its agency's two earliest years reach).
  for (const year of [2020, 2021, 2022, 2023]) await ingest("003", "汇总测试六镇人民政府", year);
  // A report confirmed (one fewer to review), another confirmed and then reopened by a correction.
  await confirmReport(t.db, { reportId: y2023.reportId!, userId: "staff1" });
  const four = await t.db.report.findFirstOrThrow({
    where: { agency: { name: "汇总测试四镇人民政府" }, year: 2023, isCurrent: true },
  });
  await confirmReport(t.db, { reportId: four.id, userId: "staff1" });
  await withTransaction(getPool(t.db), (client) => reopenReport(client, four.id));
  // Last year's report changes after this year's: this year's matched sums (prev_*) follow.
  await ingest("002", "汇总测试一镇人民政府", 2022, { cells: { "t2.penalty.decisions": 12345 } });

  // By hand: 重庆 (50/) 2023 holds the towns 一镇 (filed 2022 too) and 二镇; 五镇 moved to 2021.
  // 二镇's two findings, one settled; 一镇's first report is 2022, 二镇's and 五镇's their only ones.
  const chongqing = await rows(
    `SELECT "year", sum("reports")::int AS reports, sum("matchedAgencies")::int AS matched,
            sum("firstReports")::int AS first, sum("openFindings")::int AS open
       FROM "RegionYearMetrics" WHERE "regionPath" = '50/' GROUP BY 1 ORDER BY 1`,
  );
  expect(chongqing).toEqual([
    { year: 2021, reports: 1, matched: 0, first: 1, open: 0 },
    { year: 2022, reports: 1, matched: 0, first: 1, open: 0 },
    { year: 2023, reports: 2, matched: 1, first: 1, open: 1 },
  ]);
  expect(await rows(`SELECT * FROM "RegionYearMetrics" WHERE "regionPath" = ''`)).toEqual([]);

  const sums = await rows(ACTUAL_SUMS);
  expect(sums.length).toBeGreaterThan(10);
  expect(sums).toEqual(await rows(EXPECTED_SUMS));
  const coverage = await rows(
    `SELECT "year", "regionPath", "covered", "townsFiled" FROM "RegionYearCoverage" ORDER BY 1, 2`,
  );
  expect(coverage.length).toBeGreaterThan(3);
  expect(coverage).toEqual(await rows(EXPECTED_COVERAGE));
  const findings = await rows(ACTUAL_FINDINGS);
  // 二镇's finding left open: its county's, city's and province's rows.
  expect(findings.map((row) => row.regionPath)).toEqual(["50/", "50/5001/", "50/5001/500107/"]);
  expect(findings).toEqual(await rows(EXPECTED_FINDINGS));
  // By hand, to review and lapsed: 重庆 (50/) holds 五镇 (2021 after refiling), 一镇 (2022, 2023) and 二镇
  // (2023), none confirmed; 四川 (51/) holds 四镇 (2022, 2023; 2023 confirmed, then reopened) and 三镇
  // (2023, confirmed). Lapsed: no report the year after (五镇 2021; everyone's 2023).
  const review = await rows(
    `SELECT "regionPath", "year", sum("toReview")::int AS "toReview", sum("lapsedNext")::int AS "lapsedNext"
       FROM "RegionYearMetrics" WHERE "regionPath" IN ('50/', '51/') GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  expect(review).toEqual([
    { regionPath: "50/", year: 2021, toReview: 1, lapsedNext: 1 },
    { regionPath: "50/", year: 2022, toReview: 1, lapsedNext: 0 },
    { regionPath: "50/", year: 2023, toReview: 2, lapsedNext: 2 },
    { regionPath: "51/", year: 2022, toReview: 1, lapsedNext: 0 },
    { regionPath: "51/", year: 2023, toReview: 1, lapsedNext: 2 },
  ]);

  // 九龙坡区's government and one of its departments (its children by parentId, beside the towns 一镇 and
  // 二镇); a staff correction of 二镇's 40 → 41 moves the government's roll-up sum.
  const seed002 = buildReadResult("002");
  const county = { ...seed002.regionCodes, town: null };
  await ingest("002", "重庆市九龙坡区教育局", 2023, {
    agency: {
      ...seed002.agency,
      name: "重庆市九龙坡区教育局",
      as_printed: "九龙坡区教育局",
      kind: "部门",
      town: null,
      department: "教育局",
      parent: "重庆市九龙坡区人民政府",
    },
    regionCodes: county,
    cells: { "t3.new.total": 5 },
  });
  await ingest("002", "重庆市九龙坡区人民政府", 2023, {
    agency: {
      ...seed002.agency,
      name: "重庆市九龙坡区人民政府",
      as_printed: "重庆市九龙坡区人民政府",
      kind: "区县政府",
      town: null,
      department: null,
      parent: null,
    },
    regionCodes: county,
  });
  await correctCell(t.db, {
    reportId: two.reportId!,
    cellId: "t3.new.total",
    value: 41,
    reason: "核对原文",
    userId: "staff1",
  });
  expect(await rows(ACTUAL_SUMS)).toEqual(await rows(EXPECTED_SUMS));
  const rollUp = await rows(ACTUAL_ROLL_UP);
  expect(rollUp).toEqual(await rows(EXPECTED_ROLL_UP));
  // By hand: the government's t3.new.total sums 一镇's 17 (the seed's), 二镇's 41 and 教育局's 5.
  expect(
    await rows(`SELECT s."sum"::float8 AS "sum", s."children" FROM "RollUpCellSums" s
                  JOIN "Agency" g ON g."id" = s."governmentId" JOIN "CellDefinition" d ON d."cellNo" = s."cellNo"
                 WHERE g."name" = '重庆市九龙坡区人民政府' AND s."year" = 2023 AND d."cellId" = 't3.new.total'`),
  ).toEqual([{ sum: 63, children: 3 }]);

  const everything = async () => ({
    sums: await rows(`SELECT * FROM "RegionYearMetrics" ORDER BY "year", "regionPath", "agencyKind"`),
    coverage: await rows(`SELECT * FROM "RegionYearCoverage" ORDER BY "year", "regionPath"`),
    findings: await rows(ACTUAL_FINDINGS),
    rollUp: await rows(ACTUAL_ROLL_UP),
  });
  const incremental = await everything();
  await rebuildReportMetrics(getPool(t.db));
  expect(await everything()).toEqual(incremental);
});

test("a bulk import recomputes them once at its end, equal to plain SQL; until then a flag says they lag", async () => {
  const documents = [
    ...generateSyntheticDocuments({ reports: 120, years: { from: 2022, to: 2024 }, seed: 17 }),
  ];
  const keys: SummaryKey[] = [];
  await markSummariesStale(getPool(t.db));
  await storeInBulk(t.db, documents.slice(0, 60), { summaryKeys: keys });
  await storeInBulk(t.db, documents.slice(60), { summaryKeys: keys });
  expect(await rows(`SELECT "key" FROM "AppState" WHERE "key" = 'regionSummariesStale'`)).toHaveLength(1);
  await refreshDeferredSummaries(getPool(t.db), keys);
  expect(await rows(`SELECT "key" FROM "AppState" WHERE "key" = 'regionSummariesStale'`)).toEqual([]);
  expect(await rows(`SELECT sum("reports")::int AS n FROM "RegionYearMetrics" WHERE "depth" <= 1`)).toEqual([
    { n: await t.db.reportMetrics.count() },
  ]);
  expect(await rows(ACTUAL_SUMS)).toEqual(await rows(EXPECTED_SUMS));
  expect(
    await rows(
      `SELECT "year", "regionPath", "covered", "townsFiled" FROM "RegionYearCoverage" ORDER BY 1, 2`,
    ),
  ).toEqual(await rows(EXPECTED_COVERAGE));
  expect(await rows(ACTUAL_FINDINGS)).toEqual(await rows(EXPECTED_FINDINGS));
  // The synthetic set's county governments, their departments and towns: sums of several children.
  const rollUp = await rows(ACTUAL_ROLL_UP);
  expect(rollUp.filter((row) => (row.children as number) > 1).length).toBeGreaterThan(10);
  expect(rollUp).toEqual(await rows(EXPECTED_ROLL_UP));
});

test("recomputed behind an import's batches (DeferredSummaries), they end equal to plain SQL", async () => {
  const documents = [
    ...generateSyntheticDocuments({ reports: 150, years: { from: 2021, to: 2024 }, seed: 23 }),
  ];
  // New versions of ten reports of the first batch, with one value changed, in the fourth batch: keys the
  // background has recomputed already move again.
  const versions = documents.slice(0, 10).map((document) => ({
    ...document,
    sha256: `${document.sha256.slice(0, -8)}00000000`,
    cells: document.cells.map((cell, index) =>
      index === 5 && cell.value !== null ? { ...cell, value: String(Number(cell.value) + 7) } : cell,
    ),
  }));
  const batches = [
    documents.slice(0, 30),
    documents.slice(30, 60),
    documents.slice(60, 90),
    [...documents.slice(90, 120), ...versions],
    documents.slice(120),
  ];
  const summaries = await DeferredSummaries.start(getPool(t.db));
  for (const batch of batches) {
    const results = await storeInBulk(t.db, batch, { summaries });
    expect(results.every((result) => result.ok)).toBe(true);
    // Let a recompute start, so that it runs while the next batch is stored.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(await rows(`SELECT "key" FROM "AppState" WHERE "key" = 'regionSummariesStale'`)).toHaveLength(1);
  await summaries.finish();
  expect(await rows(`SELECT "key" FROM "AppState" WHERE "key" = 'regionSummariesStale'`)).toEqual([]);
  expect(
    await rows(`SELECT count(*)::int AS n FROM "Report" r JOIN "Document" d ON d."id" = r."documentId"
                 WHERE r."versionNo" = 2 AND r."isCurrent" AND d."sha256" LIKE '%00000000'`),
  ).toEqual([{ n: 10 }]);
  expect(await rows(ACTUAL_SUMS)).toEqual(await rows(EXPECTED_SUMS));
  expect(
    await rows(
      `SELECT "year", "regionPath", "covered", "townsFiled" FROM "RegionYearCoverage" ORDER BY 1, 2`,
    ),
  ).toEqual(await rows(EXPECTED_COVERAGE));
  expect(await rows(ACTUAL_FINDINGS)).toEqual(await rows(EXPECTED_FINDINGS));
  expect(await rows(ACTUAL_ROLL_UP)).toEqual(await rows(EXPECTED_ROLL_UP));
});

test("a start after an import that died half-way rebuilds the summaries, and only them", async () => {
  await ensureReportMetricsCurrent(getPool(t.db)); // whatever the other tests left: both fingerprints current
  await markSummariesStale(getPool(t.db));
  await t.db.$executeRawUnsafe(`UPDATE "RegionYearMetrics" SET "reports" = 999`);
  const metricsBefore = await rows(`SELECT max("updatedAt") AS at FROM "ReportMetrics"`);
  expect(await ensureReportMetricsCurrent(getPool(t.db))).toMatchObject({ rebuilt: true });
  expect(await rows(ACTUAL_SUMS)).toEqual(await rows(EXPECTED_SUMS));
  expect(await rows(ACTUAL_ROLL_UP)).toEqual(await rows(EXPECTED_ROLL_UP));
  // The read model itself was not refilled from the cells.
  expect(await rows(`SELECT max("updatedAt") AS at FROM "ReportMetrics"`)).toEqual(metricsBefore);
  expect(await ensureReportMetricsCurrent(getPool(t.db))).toEqual({ rebuilt: false });
});
