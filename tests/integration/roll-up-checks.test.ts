// The roll-up check on a small world whose sums are worked out by hand below: a county government, two of
// its departments with reports (one cell corrected by staff), one without, a town with a report, a street
// without one and a town of the gazetteer with no agency; above them a city government whose other county
// has no agency. Table 二 is never compared; missing children are named, not counted as zero.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { findSummaryKeys, refreshRegionSummaries } from "@/lib/ingest/refresh-region-summaries";
import { getRollUpChecks } from "@/lib/queries/get-roll-up-checks";
import { createAgency, createRegion, createReport, type TestAgency } from "@/tests/helpers/dashboard-factory";
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
let agencies: Record<"cityGov" | "gov" | "d1" | "d2" | "t1", TestAgency>;
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
  agencies = { cityGov, gov, d1, d2, t1 };
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

// The check is one statement whose parts come back as JSON: fractional values (DECIMAL(20, 4)) must survive
// that trip exactly, and every government's differences must equal plain SQL over the cells, written here.
test("2024 with fractional values: the differences equal plain SQL over the cells; a limit keeps the total", async () => {
  const values: [keyof typeof agencies, Record<string, number>][] = [
    ["cityGov", { "t3.new.total": 12.5, "t4.review.total": 0.3 }],
    ["gov", { "t3.new.natural": 1.2345, "t3.new.total": 10.1, "t4.review.total": 0.3 }],
    ["d1", { "t3.new.natural": 0.0001, "t3.new.total": 3.3, "t4.review.total": 0.1 }],
    ["d2", { "t3.new.total": 6.8 }],
    ["t1", { "t4.review.total": 0.2 }],
  ];
  for (const [name, cells] of values) {
    const report = await createReport(t.db, { agency: agencies[name], year: 2024 });
    await setCells(report.id, cells);
  }
  const expected = await t.db.$queryRaw<
    { governmentId: number; cellId: string; parentValue: number; childrenSum: number; n: number }[]
  >`
    WITH gov AS (
      SELECT a."id", a."kind", a."regionCode", p."id" AS "reportId" FROM "Agency" a
        JOIN "Report" p ON p."agencyId" = a."id" AND p."year" = 2024 AND p."isCurrent"
       WHERE a."kind" IN ('区县政府', '市政府')),
    child AS (
      SELECT gov."id" AS "governmentId", c."id" AS "agencyId" FROM gov JOIN "Agency" c ON c."parentId" = gov."id"
      UNION
      SELECT gov."id", c."id" FROM gov JOIN "Region" r ON r."parentCode" = gov."regionCode"
        JOIN "Agency" c ON c."regionCode" = r."code"
         AND c."kind" IN (SELECT unnest(CASE gov."kind" WHEN '区县政府' THEN ARRAY['乡镇', '街道'] ELSE ARRAY['区县政府'] END))),
    sums AS (
      SELECT child."governmentId", v."cellNo", sum(v."value") AS "sum", count(*)::int AS "n"
        FROM child JOIN "Report" p ON p."agencyId" = child."agencyId" AND p."year" = 2024 AND p."isCurrent"
        JOIN "CellValue" v ON v."reportId" = p."id" AND v."value" IS NOT NULL
       GROUP BY 1, 2)
    SELECT gov."id" AS "governmentId", d."cellId", v."value"::float8 AS "parentValue",
           coalesce(s."sum", 0)::float8 AS "childrenSum", coalesce(s."n", 0) AS "n"
      FROM gov JOIN "CellValue" v ON v."reportId" = gov."reportId" AND v."value" IS NOT NULL
      JOIN "CellDefinition" d ON d."cellNo" = v."cellNo" AND d."tableNo" IN (3, 4)
      LEFT JOIN sums s ON s."governmentId" = gov."id" AND s."cellNo" = v."cellNo"
     WHERE abs(v."value" - coalesce(s."sum", 0)) > 0.00005
     ORDER BY gov."id", v."cellNo"`;

  const { checks, total } = await getRollUpChecks({ db: t.db, year: 2024, regionPath: province.path });
  expect(total).toBe(2);
  const got = checks.flatMap((check) =>
    check.mismatches.map((m) => ({
      governmentId: check.government.agencyId,
      cellId: m.cellId,
      parentValue: m.parentValue,
      childrenSum: m.childrenSum,
      n: m.childrenWithValue,
    })),
  );
  expect(got.sort((a, b) => a.governmentId - b.governmentId)).toEqual(expected);
  // By hand: the county's 1.2345 against 0.0001 (教育局); 10.1 = 3.3 + 6.8 and 0.3 = 0.1 + 0.2 agree exactly.
  // The city's 12.5 against its county's 10.1 and 0.3 against 0.3.
  expect(expected).toEqual(
    [
      {
        governmentId: agencies.cityGov.id,
        cellId: "t3.new.total",
        parentValue: 12.5,
        childrenSum: 10.1,
        n: 1,
      },
      {
        governmentId: agencies.gov.id,
        cellId: "t3.new.natural",
        parentValue: 1.2345,
        childrenSum: 0.0001,
        n: 1,
      },
    ].sort((a, b) => a.governmentId - b.governmentId),
  );
  const county = checks.find((check) => check.government.agencyId === agencies.gov.id)!;
  expect(county.cellsCompared).toBe(3);
  expect(county.missing.map((c) => c.name)).toEqual(["测试区乙街道办事处", "测试区水务局", "丙乡"]);

  // A limit cuts the governments (in region order), not the total, and each check stays whole.
  const first = await getRollUpChecks({ db: t.db, year: 2024, regionPath: province.path, limit: 1 });
  expect(first.total).toBe(2);
  expect(first.checks).toEqual([checks[0]]);
});
