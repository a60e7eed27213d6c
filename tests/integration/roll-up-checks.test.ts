// The roll-up check on a small world whose sums are worked out by hand below: a county government, two of
// its departments with reports (one cell corrected by staff), one without, a town with a report, a street
// without one and a town of the gazetteer with no agency; above them a city government whose other county
// has no agency. Table 二 is never compared; missing children are named, not counted as zero.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { findSummaryKeys, refreshRegionSummaries } from "@/lib/ingest/refresh-region-summaries";
import { getRollUpChecks } from "@/lib/queries/get-roll-up-checks";
import { createAgency, createRegion, createReport } from "@/tests/helpers/dashboard-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;

// A report's cells, then its summary rows recomputed — as ingestion writes a version's cells and refreshes
// in one transaction (the children's sums are kept by that refresh).
async function setCells(reportId: number, cells: Record<string, number>) {
  for (const [cellId, value] of Object.entries(cells))
    await t.db.$executeRaw`
      INSERT INTO "ReportCell" ("reportId", "cellNo", "value")
      SELECT ${reportId}::int, "cellNo", ${value}::numeric FROM "CellDefinition" WHERE "cellId" = ${cellId}`;
  await refreshSummariesOf(reportId);
}

async function refreshSummariesOf(reportId: number) {
  const { agencyId, year } = await t.db.report.findUniqueOrThrow({ where: { id: reportId } });
  await withTransaction(getPool(t.db), async (client) =>
    refreshRegionSummaries(client, await findSummaryKeys(client, { agencyYears: [{ agencyId, year }] })),
  );
}

let province: { code: string; path: string };
beforeAll(async () => {
  t = await createTestDatabase();
  province = await createRegion(t.db, { code: "91", name: "测试省", level: "province" });
  const city = await createRegion(t.db, { code: "9101", name: "测试市", level: "city", parent: province });
  const county = await createRegion(t.db, { code: "910102", name: "测试区", level: "county", parent: city });
  await createRegion(t.db, { code: "910103", name: "空白县", level: "county", parent: city });
  const town1 = await createRegion(t.db, { code: "910102001", name: "甲镇", level: "town", parent: county });
  const town2 = await createRegion(t.db, {
    code: "910102002",
    name: "乙街道",
    level: "town",
    parent: county,
  });
  await createRegion(t.db, { code: "910102003", name: "丙乡", level: "town", parent: county });

  const cityGov = await createAgency(t.db, { name: "测试市人民政府", kind: "市政府", region: city });
  const gov = await createAgency(t.db, { name: "测试市测试区人民政府", kind: "区县政府", region: county });
  const d1 = await createAgency(t.db, {
    name: "测试区教育局",
    kind: "部门",
    region: county,
    parentId: gov.id,
  });
  const d2 = await createAgency(t.db, {
    name: "测试区民政局",
    kind: "部门",
    region: county,
    parentId: gov.id,
  });
  const d3 = await createAgency(t.db, {
    name: "测试区水务局",
    kind: "部门",
    region: county,
    parentId: gov.id,
  });
  const t1 = await createAgency(t.db, { name: "测试区甲镇人民政府", kind: "乡镇", region: town1 });
  await createAgency(t.db, { name: "测试区乙街道办事处", kind: "街道", region: town2 });

  const cityReport = await createReport(t.db, { agency: cityGov, year: 2023 });
  await setCells(cityReport.id, { "t3.new.total": 20 });
  const govReport = await createReport(t.db, { agency: gov, year: 2023 });
  await setCells(govReport.id, {
    "t2.rules.issued": 99,
    "t3.new.natural": 10,
    "t3.new.total": 14,
    "t4.review.total": 5,
  });
  const r1 = await createReport(t.db, { agency: d1, year: 2023 });
  await setCells(r1.id, {
    "t2.rules.issued": 1,
    "t3.new.natural": 4,
    "t3.new.total": 6,
    "t4.review.total": 1,
  });
  const r2 = await createReport(t.db, { agency: d2, year: 2023 });
  await setCells(r2.id, { "t3.new.natural": 3, "t3.new.total": 5 });
  // Staff corrected 3 → 6: the check reads the corrected value.
  await t.db.$executeRaw`
    INSERT INTO "CellCorrection" ("reportId", "cellNo", "oldValue", "newValue", "reason")
    SELECT ${r2.id}::int, "cellNo", 3, 6, '原文误读' FROM "CellDefinition" WHERE "cellId" = 't3.new.natural'`;
  await refreshSummariesOf(r2.id);
  await createReport(t.db, { agency: d3, year: 2022 });
  const rt1 = await createReport(t.db, { agency: t1, year: 2023 });
  await setCells(rt1.id, { "t3.new.natural": 0, "t3.new.total": 4, "t4.review.total": 2 });
});
afterAll(() => t?.drop());

test("each cell of tables 三 and 四 against the children's sum, missing children named", async () => {
  const { checks, total } = await getRollUpChecks({ db: t.db, year: 2023, regionPath: province.path });
  expect(total).toBe(2);
  const [city, county] = checks;

  expect(county!.government.name).toBe("测试市测试区人民政府");
  expect(county!.reported.map((c) => c.name).sort()).toEqual(
    ["测试区教育局", "测试区民政局", "测试区甲镇人民政府"].sort(),
  );
  expect(county!.missing.map((c) => c.name)).toEqual(["测试区乙街道办事处", "测试区水务局", "丙乡"]);
  expect(county!.missing.at(-1)).toMatchObject({ agencyId: null, regionCode: "910102003" });
  // t3.new.natural: 4 + 6 (corrected) + 0 = 10 = the parent's 10 → no finding.
  // t3.new.total:   6 + 5 + 4 = 15 ≠ 14;  t4.review.total: 1 + 2 = 3 ≠ 5 (民政局 printed none).
  expect(county!.cellsCompared).toBe(3);
  expect(county!.mismatches).toEqual([
    expect.objectContaining({
      cellId: "t3.new.total",
      parentValue: 14,
      childrenSum: 15,
      childrenWithValue: 3,
    }),
    expect.objectContaining({
      cellId: "t4.review.total",
      parentValue: 5,
      childrenSum: 3,
      childrenWithValue: 2,
    }),
  ]);

  // The city: its county government's 14 against its own 20; the county without any agency is missing.
  expect(city!.government.name).toBe("测试市人民政府");
  expect(city!.reported.map((c) => c.name)).toEqual(["测试市测试区人民政府"]);
  expect(city!.missing).toEqual([{ agencyId: null, name: "空白县", regionCode: "910103" }]);
  expect(city!.mismatches).toEqual([
    expect.objectContaining({
      cellId: "t3.new.total",
      parentValue: 20,
      childrenSum: 14,
      childrenWithValue: 1,
    }),
  ]);
});

test("a region narrows the check to its own governments; another year has none", async () => {
  const county = await getRollUpChecks({ db: t.db, year: 2023, regionPath: "91/9101/910102/" });
  expect(county.checks.map((c) => c.government.name)).toEqual(["测试市测试区人民政府"]);
  expect(await getRollUpChecks({ db: t.db, year: 2022, regionPath: province.path })).toEqual({
    checks: [],
    total: 0,
  });
});
