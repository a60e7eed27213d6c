// The supervision brief's numbers against direct SQL over CellValue and ReportMetrics for the same filters,
// and against sums worked out by hand: a county with a government, two departments and a town (2022 and
// 2023), an old version that must not count, a corrected cell, and another county outside the region.
// The brief's document (page and DOCX) prints exactly those numbers.
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildBriefDocument } from "@/components/brief/build-brief-document";
import { renderBriefDocx } from "@/components/brief/render-brief-docx";
import { getRegionTrail } from "@/lib/queries/get-region-trail";
import { getSupervisionBrief } from "@/lib/queries/get-supervision-brief";
import type { AgencyKind } from "@/lib/reader/types";
import { createAgency, createFinding, createRegion, createReport } from "@/tests/helpers/dashboard-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;

async function setCells(reportId: number, cells: Record<string, number>) {
  for (const [cellId, value] of Object.entries(cells))
    await t.db.$executeRaw`
      INSERT INTO "ReportCell" ("reportId", "cellNo", "value")
      SELECT ${reportId}::int, "cellNo", ${value}::numeric FROM "CellDefinition" WHERE "cellId" = ${cellId}`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const province = await createRegion(t.db, { code: "92", name: "简报省", level: "province" });
  const city = await createRegion(t.db, { code: "9201", name: "简报市", level: "city", parent: province });
  const county = await createRegion(t.db, { code: "920102", name: "简报区", level: "county", parent: city });
  const other = await createRegion(t.db, { code: "920103", name: "邻县", level: "county", parent: city });
  const town = await createRegion(t.db, { code: "920102001", name: "东镇", level: "town", parent: county });
  await createRegion(t.db, { code: "920102002", name: "西镇", level: "town", parent: county });

  const gov = await createAgency(t.db, { name: "简报市简报区人民政府", kind: "区县政府", region: county });
  const edu = await createAgency(t.db, {
    name: "简报区教育局",
    kind: "部门",
    region: county,
    parentId: gov.id,
  });
  const civil = await createAgency(t.db, {
    name: "简报区民政局",
    kind: "部门",
    region: county,
    parentId: gov.id,
  });
  const east = await createAgency(t.db, { name: "简报区东镇人民政府", kind: "乡镇", region: town });
  const neighbour = await createAgency(t.db, { name: "简报市邻县人民政府", kind: "区县政府", region: other });

  const report = async (
    agency: Parameters<typeof createReport>[1]["agency"],
    year: number,
    applicationsNew: number,
    disclosure: [number, number],
    cells: Record<string, number>,
  ) => {
    const created = await createReport(t.db, {
      agency,
      year,
      metrics: { applicationsNew, disclosureRateNum: disclosure[0], disclosureRateDen: disclosure[1] },
    });
    await setCells(created.id, cells);
    return created;
  };
  await report(gov, 2023, 20, [15, 18], {
    "t3.new.total": 20,
    "t3.new.natural": 12,
    "t2.licence.decisions": 100,
  });
  await report(edu, 2023, 6, [4, 6], { "t3.new.total": 6, "t3.new.natural": 5, "t4.review.total": 1 });
  const civil2023 = await report(civil, 2023, 5, [5, 5], { "t3.new.total": 5, "t3.new.natural": 3 });
  await report(east, 2023, 4, [2, 4], { "t3.new.total": 4, "t4.review.total": 2, "t2.licence.decisions": 7 });
  await report(neighbour, 2023, 50, [40, 50], { "t3.new.total": 50 });
  await report(gov, 2022, 10, [5, 10], { "t3.new.total": 10 });
  await report(edu, 2022, 8, [8, 8], { "t3.new.total": 8 });
  // An old version of 教育局 2023: not current, never counted.
  const old = await createReport(t.db, { agency: edu, year: 2023, isCurrent: false, versionNo: 0 });
  await setCells(old.id, { "t3.new.total": 1000 });
  // 民政局 natural persons corrected 3 → 4.
  await t.db.$executeRaw`
    INSERT INTO "CellCorrection" ("reportId", "cellNo", "oldValue", "newValue", "reason")
    SELECT ${civil2023.id}::int, "cellNo", 3, 4, '原文误读' FROM "CellDefinition" WHERE "cellId" = 't3.new.natural'`;
  await createFinding(t.db, { reportId: civil2023.id, code: "RULE_BALANCE", kind: "inconsistent" });
});
afterAll(() => t?.drop());

async function brief(kinds: AgencyKind[] | null = null) {
  const region = await getRegionTrail(t.db, "920102");
  return getSupervisionBrief({ db: t.db, year: 2023, region, kinds, minN: 10 });
}

/** Direct SQL, not through ReportMetrics: current reports of agencies placed in the county. */
async function sqlCellSums(kinds: string[] | null): Promise<Map<string, number>> {
  const rows = await t.db.$queryRaw<{ cellId: string; sum: number }[]>`
    SELECT d."cellId", sum(v."value")::float8 AS "sum"
      FROM "Report" r
      JOIN "Agency" a ON a."id" = r."agencyId"
      JOIN "Region" g ON g."code" = a."regionCode"
      JOIN "CellValue" v ON v."reportId" = r."id"
      JOIN "CellDefinition" d ON d."cellNo" = v."cellNo"
     WHERE r."isCurrent" AND r."year" = 2023 AND g."path" LIKE '92/9201/920102/%'
       AND (${kinds}::text[] IS NULL OR a."kind" = ANY(${kinds}::text[])) AND d."tableNo" IN (2, 3, 4)
     GROUP BY d."cellId"`;
  return new Map(rows.map((row) => [row.cellId, row.sum]));
}

describe("getSupervisionBrief", () => {
  test("tables 二–四 equal direct SQL sums over CellValue and the sums by hand", async () => {
    const result = await brief();
    const sums = new Map(result.cells.map((cell) => [cell.cellId, cell.sum]));
    expect(sums).toEqual(await sqlCellSums(null));
    // By hand: 20 + 6 + 5 + 4; 12 + 5 + 4 (corrected); 1 + 2; 100 + 7.
    expect(sums.get("t3.new.total")).toBe(35);
    expect(sums.get("t3.new.natural")).toBe(21);
    expect(sums.get("t4.review.total")).toBe(3);
    expect(sums.get("t2.licence.decisions")).toBe(107);
    expect(result.cells.find((cell) => cell.cellId === "t3.new.total")!.reports).toBe(4);
  });

  test("metrics equal direct sums over ReportMetrics; the year-on-year change compares the same agencies", async () => {
    const result = await brief();
    const [direct] = await t.db.$queryRaw<{ applications: number; num: number; den: number }[]>`
      SELECT sum("applicationsNew")::float8 AS "applications", sum("disclosureRateNum")::float8 AS "num",
             sum("disclosureRateDen")::float8 AS "den"
        FROM "ReportMetrics" WHERE "year" = 2023 AND "regionPath" LIKE '92/9201/920102/%'`;
    expect(result.summary.values.applications_new.value).toBe(direct!.applications);
    expect(result.summary.values.applications_new.value).toBe(35);
    expect(result.summary.values.disclosure_rate).toEqual({
      value: (100 * direct!.num) / direct!.den,
      n: 33,
    });
    // 政府 and 教育局 filed both years: 2022 10 + 8 = 18, 2023 20 + 6 = 26.
    expect(result.summary.matchedAgencies).toBe(2);
    expect(result.summary.matchedPrevious.applications_new.value).toBe(18);
    expect(result.summary.matchedCurrent.applications_new.value).toBe(26);
  });

  test("the kind filter narrows every number the same way", async () => {
    const result = await brief(["部门"]);
    const sums = new Map(result.cells.map((cell) => [cell.cellId, cell.sum]));
    expect(sums).toEqual(await sqlCellSums(["部门"]));
    expect(sums.get("t3.new.total")).toBe(11);
    expect(result.summary.reports).toBe(2);
  });

  test("findings, the roll-up check and missing towns are in the brief", async () => {
    const result = await brief();
    expect(result.findings).toEqual([
      expect.objectContaining({ code: "RULE_BALANCE", findings: 1, reports: 1 }),
    ]);
    // The county's 20 against 6 + 5 + 4 = 15; 西镇 has no agency at all.
    const [check] = result.rollUp;
    expect(check!.mismatches).toContainEqual(
      expect.objectContaining({ cellId: "t3.new.total", parentValue: 20, childrenSum: 15 }),
    );
    expect(check!.missing.map((child) => child.name)).toEqual(["西镇"]);
    expect(result.gaps.towns.map((town) => town.name)).toEqual(["西镇"]);
    expect(result.dataDate).toBeInstanceOf(Date);
  });

  test("the document and the Word file print the database's numbers", async () => {
    const result = await brief();
    const document = buildBriefDocument(result, { generatedAt: new Date("2026-12-04T08:00:00Z") });
    expect(document.title).toBe("简报区2023年政府信息公开工作年度报告督查简报");
    const tableThree = document.sections
      .flatMap((s) => s.tables)
      .find((table) => table.title.startsWith("表三"))!;
    const newRow = tableThree.rows.find((row) => row[0] === "一、本年新收政府信息公开申请数量")!;
    expect(newRow[1]).toBe("21"); // 自然人
    expect(newRow.at(-1)).toBe("35"); // 总计
    const children = document.sections
      .flatMap((s) => s.tables)
      .find((table) => table.title.startsWith("本级机关"))!;
    expect(children.rows.map((row) => row[1])).toEqual([
      "简报市简报区人民政府",
      "简报区教育局",
      "简报区民政局",
    ]);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await renderBriefDocx(document)) }))
      .value;
    expect(text).toContain("简报区2023年政府信息公开工作年度报告督查简报");
    expect(text).toContain("数据截至");
    expect(text).toContain("一、本年新收政府信息公开申请数量");
    expect(text).toMatch(/\n35\n/);
  });
});
