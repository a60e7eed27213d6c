// The dashboard's read functions against a real database seeded here by hand (tests/helpers/
// dashboard-factory.ts). Every expected number below is worked out in the comments from the rows
// created, never by the code under test.
//
// The world (2023 unless said):
//   测试省 91 › 测试市 9101 › 甲区 910101 › 一街道 910101001, 二镇 910101002, 三镇 910101003 (no report)
//                           › 乙县 910102 › 四镇 910102001
//   直辖市 92 › 直辖市 9201 (same name: folded) › 丙区 920101
//   A1 一街道办事处 (街道)   new 10, 公开 3/8, 处罚 5            2022: new 6,  公开 2/10, 处罚 4
//   A2 二镇人民政府 (乡镇)   new 30, 公开 12/20, 处罚 5, outcome mix 12/3/2/1 of 20   2022: new 20, 公开 5/10
//   A3 甲区人民政府 (区县)   new 0, 公开 0/0, 处罚 not printed
//   A4 甲区发改局 (部门, parent A3, alias 甲区发改)  new 7, 公开 6/6, 处罚 9, outcome mix 6/0/0/0 of 6, confirmed
//   A5 四镇人民政府 (乡镇)   new 2, 公开 1/2, 处罚 0
//   A6 丙区人民政府 (区县, in 92)  new 4, 公开 2/4, 处罚 1
//   A7 乙县人民政府 (区县)   2022 only: new 3, 公开 1/3, 处罚 2
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import { countFindingsByCode } from "@/lib/queries/count-findings-by-code";
import { countReports } from "@/lib/queries/count-reports";
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
import { toMetricValue } from "@/lib/queries/metric-sql";
import { readCurrentCells } from "@/lib/queries/read-cells";
import { searchAgencies } from "@/lib/queries/search-agencies";
import {
  createAgency,
  createFinding,
  createRegion,
  createReport,
  createWaitingDocument,
  type TestAgency,
} from "@/tests/helpers/dashboard-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
const a: Record<string, TestAgency> = {};
const reports: Record<string, { id: number }> = {};
const PROVINCE = { regionPath: "91/", kinds: null };

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  const province = await createRegion(db, { code: "91", name: "测试省", level: "province" });
  const city = await createRegion(db, { code: "9101", name: "测试市", level: "city", parent: province });
  const jia = await createRegion(db, { code: "910101", name: "甲区", level: "county", parent: city });
  const yi = await createRegion(db, { code: "910102", name: "乙县", level: "county", parent: city });
  const t1 = await createRegion(db, { code: "910101001", name: "一街道", level: "town", parent: jia });
  const t2 = await createRegion(db, { code: "910101002", name: "二镇", level: "town", parent: jia });
  await createRegion(db, { code: "910101003", name: "三镇", level: "town", parent: jia });
  const t4 = await createRegion(db, { code: "910102001", name: "四镇", level: "town", parent: yi });
  const muni = await createRegion(db, { code: "92", name: "直辖市", level: "province" });
  const muniCity = await createRegion(db, { code: "9201", name: "直辖市", level: "city", parent: muni });
  const bing = await createRegion(db, { code: "920101", name: "丙区", level: "county", parent: muniCity });

  a.A1 = await createAgency(db, { name: "一街道办事处", kind: "街道", region: t1 });
  a.A2 = await createAgency(db, { name: "二镇人民政府", kind: "乡镇", region: t2, aliases: ["老二镇"] });
  a.A3 = await createAgency(db, { name: "甲区人民政府", kind: "区县政府", region: jia });
  a.A4 = await createAgency(db, {
    name: "甲区发改局",
    kind: "部门",
    region: jia,
    parentId: a.A3.id,
    aliases: ["甲区发改"],
  });
  a.A5 = await createAgency(db, { name: "四镇人民政府", kind: "乡镇", region: t4 });
  a.A6 = await createAgency(db, { name: "丙区人民政府", kind: "区县政府", region: bing });
  a.A7 = await createAgency(db, { name: "乙县人民政府", kind: "区县政府", region: yi });

  const rate = (stem: string, num: number, den: number) => ({ [`${stem}Num`]: num, [`${stem}Den`]: den });
  const mix = (g: number, d: number, u: number, x: number, total: number) => ({
    ...rate("disclosureRate", g, total),
    ...rate("denialRate", d, total),
    ...rate("unableRate", u, total),
    ...rate("rejectionRate", x, total),
  });
  reports.A1 = await createReport(db, {
    agency: a.A1,
    year: 2023,
    metrics: { applicationsNew: 10, ...rate("disclosureRate", 3, 8), penalties: 5 },
  });
  reports.A2 = await createReport(db, {
    agency: a.A2,
    year: 2023,
    metrics: { applicationsNew: 30, ...mix(12, 3, 2, 1, 20), penalties: 5 },
  });
  reports.A3 = await createReport(db, {
    agency: a.A3,
    year: 2023,
    metrics: { applicationsNew: 0, ...rate("disclosureRate", 0, 0), penalties: null },
  });
  reports.A4 = await createReport(db, {
    agency: a.A4,
    year: 2023,
    status: "confirmed",
    metrics: { applicationsNew: 7, ...mix(6, 0, 0, 0, 6), penalties: 9 },
  });
  reports.A5 = await createReport(db, {
    agency: a.A5,
    year: 2023,
    metrics: { applicationsNew: 2, ...rate("disclosureRate", 1, 2), penalties: 0 },
  });
  reports.A6 = await createReport(db, {
    agency: a.A6,
    year: 2023,
    metrics: { applicationsNew: 4, ...rate("disclosureRate", 2, 4), penalties: 1 },
  });
  reports.A1y22 = await createReport(db, {
    agency: a.A1,
    year: 2022,
    metrics: { applicationsNew: 6, ...rate("disclosureRate", 2, 10), penalties: 4 },
  });
  reports.A2y22 = await createReport(db, {
    agency: a.A2,
    year: 2022,
    metrics: { applicationsNew: 20, ...rate("disclosureRate", 5, 10) },
  });
  reports.A7y22 = await createReport(db, {
    agency: a.A7,
    year: 2022,
    metrics: { applicationsNew: 3, ...rate("disclosureRate", 1, 3), penalties: 2 },
  });
}, 60_000);

afterAll(() => t?.drop());

describe("region sums (numerators and denominators added, then divided)", () => {
  test("甲区 2023: its four agencies, a town without a report, its own level, coverage and change", async () => {
    const trail = await getRegionTrail(t.db, "910101");
    const b = await getRegionBreakdown({ db: t.db, year: 2023, region: trail });
    // 10 + 30 + 0 + 7; penalties 5 + 5 + 9 (A3 did not print it: not a 0).
    expect(b.reports).toBe(4);
    expect(b.totals.applicationsNew).toBe(47);
    expect(b.totals.penalties).toBe(19);
    // (3 + 12 + 0 + 6) / (8 + 20 + 0 + 6) = 21 / 34 — not the mean of the four rates.
    expect(toMetricValue(getMetric("disclosure_rate"), b.totals, 10)).toEqual({
      value: (100 * 21) / 34,
      n: 34,
    });
    // Governments expected: 甲区 and its three towns; filed: 一街道, 二镇 (towns) and 甲区 (the 部门 does not count).
    expect(b.coverage).toEqual({ expected: 4, covered: 3 });
    // Same agencies both years: A1 and A2 — new 40 vs 26; 公开 15/28 vs 7/20.
    expect(b.matchedAgencies).toBe(2);
    expect(b.matchedCurrent.applicationsNew).toBe(40);
    expect(b.matchedPrevious.applicationsNew).toBe(26);

    const children = Object.fromEntries(b.children.map((child) => [child.name, child]));
    expect(Object.keys(children)).toEqual(["一街道", "二镇", "三镇"]);
    expect(children["一街道"]!.totals.applicationsNew).toBe(10);
    // 3/8: n = 8 < 10, hidden but n kept.
    expect(toMetricValue(getMetric("disclosure_rate"), children["一街道"]!.totals, 10)).toEqual({
      value: null,
      n: 8,
    });
    expect(toMetricValue(getMetric("disclosure_rate"), children["二镇"]!.totals, 10)).toEqual({
      value: 60,
      n: 20,
    });
    expect(children["三镇"]).toMatchObject({ reports: 0, coverage: { expected: 1, covered: 0 } });
    expect(children["三镇"]!.totals.applicationsNew).toBeNull();
    // Outcome mix of 二镇: 12 disclosed, 3 denied, 2 unable, 1 rejected, 20 − 18 = 2 other.
    expect(children["二镇"]!.outcomes).toEqual({
      disclosed: 12,
      denied: 3,
      unable: 2,
      rejected: 1,
      other: 2,
      total: 20,
    });

    expect(b.localAgencies.map((agency) => agency.name).sort()).toEqual(["甲区人民政府", "甲区发改局"]);
    const bureau = b.localAgencies.find((agency) => agency.name === "甲区发改局")!;
    expect(bureau).toMatchObject({ kind: "部门", previous: null });
    expect(bureau.totals.penalties).toBe(9);
  });

  test("测试市 2023: its districts side by side, coverage of seven governments", async () => {
    const trail = await getRegionTrail(t.db, "9101");
    const b = await getRegionBreakdown({ db: t.db, year: 2023, region: trail });
    // A1..A5: 10 + 30 + 0 + 7 + 2; 公开 22 / 36.
    expect(b.totals.applicationsNew).toBe(49);
    expect(b.totals.disclosureRateNum).toBe(22);
    expect(b.totals.disclosureRateDen).toBe(36);
    // 测试市, 甲区, 乙县 and four towns; filed: 一街道, 二镇, 甲区, 四镇 (乙县 stopped after 2022).
    expect(b.coverage).toEqual({ expected: 7, covered: 4 });
    expect(b.children.map((child) => [child.name, child.reports, child.totals.applicationsNew])).toEqual([
      ["甲区", 4, 47],
      ["乙县", 1, 2],
    ]);
    expect(b.children.map((child) => child.coverage)).toEqual([
      { expected: 4, covered: 3 },
      { expected: 2, covered: 1 },
    ]);
  });

  test("a kind filter narrows the sums to the peer group", async () => {
    const trail = await getRegionTrail(t.db, "9101");
    const b = await getRegionBreakdown({ db: t.db, year: 2023, region: trail, kinds: ["乡镇", "街道"] });
    // A1, A2, A5: 10 + 30 + 2.
    expect(b.totals.applicationsNew).toBe(42);
    expect(b.reports).toBe(3);
  });

  test("a municipality lists its districts directly (its same-name city level is folded)", async () => {
    const trail = await getRegionTrail(t.db, "92");
    expect(trail).toMatchObject({ code: "92", path: "92/", groupPath: "92/9201/" });
    const b = await getRegionBreakdown({ db: t.db, year: 2023, region: trail });
    expect(b.children.map((child) => [child.name, child.totals.applicationsNew])).toEqual([["丙区", 4]]);
    // 直辖市 (the province) and 丙区; the repeated city level is the same government.
    expect(b.coverage).toEqual({ expected: 2, covered: 1 });
    const chain = (await getRegionTrail(t.db, "920101"))!.chain.map((region) => region.name);
    expect(chain).toEqual(["直辖市", "直辖市", "丙区"]);
  });

  test("the whole country: provinces as children", async () => {
    const b = await getRegionBreakdown({ db: t.db, year: 2023, region: null });
    expect(b.reports).toBe(6);
    expect(b.children.map((child) => [child.name, child.reports])).toEqual([
      ["测试省", 5],
      ["直辖市", 1],
    ]);
  });
});

describe("getAgencyRanking", () => {
  test("ties share a rank; a count not printed is unranked and last; the total comes from a count", async () => {
    const ranking = await getAgencyRanking({
      db: t.db,
      year: 2023,
      scope: PROVINCE,
      metric: getMetric("penalties"),
      minN: 10,
    });
    // 9, 5, 5, 0, not printed.
    expect(ranking.rows.map((row) => [row.label, row.rank, row.value])).toEqual([
      ["甲区发改局", 1, 9],
      ["一街道办事处", 2, 5],
      ["二镇人民政府", 2, 5],
      ["四镇人民政府", 4, 0],
      ["甲区人民政府", null, null],
    ]);
    expect(ranking).toMatchObject({ total: 5, ranked: 4 });
    // A1 had 4 the year before.
    expect(ranking.rows[1]).toMatchObject({
      previousValue: 4,
      change: 1,
      detail: "测试省 测试市 甲区 一街道 · 街道",
    });
  });

  test("within a peer group (kind) and one page at a time", async () => {
    const peers = await getAgencyRanking({
      db: t.db,
      year: 2023,
      scope: { regionPath: null, kinds: ["乡镇", "街道"] },
      metric: getMetric("penalties"),
      minN: 10,
    });
    expect(peers.rows.map((row) => [row.label, row.rank])).toEqual([
      ["一街道办事处", 1],
      ["二镇人民政府", 1],
      ["四镇人民政府", 3],
    ]);
    const page2 = await getAgencyRanking({
      db: t.db,
      year: 2023,
      scope: PROVINCE,
      metric: getMetric("penalties"),
      minN: 10,
      page: 2,
      pageSize: 2,
    });
    // Ranks are over the whole ranking, not the page.
    expect(page2.rows.map((row) => [row.label, row.rank])).toEqual([
      ["二镇人民政府", 2],
      ["四镇人民政府", 4],
    ]);
    expect(page2.total).toBe(5);
  });

  test("rates below the minimum n are not ranked; n and last year's rate are shown", async () => {
    const metric = getMetric("disclosure_rate");
    const strict = await getAgencyRanking({ db: t.db, year: 2023, scope: PROVINCE, metric, minN: 10 });
    // Only 二镇 has n ≥ 10 (12/20 = 60 %; 2022: 5/10 = 50 %).
    expect(strict.ranked).toBe(1);
    expect(strict.rows[0]).toMatchObject({
      label: "二镇人民政府",
      rank: 1,
      value: 60,
      n: 20,
      previousValue: 50,
      change: 10,
    });
    expect(strict.rows.slice(1).every((row) => row.value === null && row.rank === null)).toBe(true);
    expect(strict.rows.find((row) => row.label === "一街道办事处")).toMatchObject({ n: 8, value: null });

    const lenient = await getAgencyRanking({ db: t.db, year: 2023, scope: PROVINCE, metric, minN: 1 });
    // 6/6, 12/20, 1/2, 3/8; 0/0 has no rate.
    expect(lenient.rows.map((row) => [row.label, row.value])).toEqual([
      ["甲区发改局", 100],
      ["二镇人民政府", 60],
      ["四镇人民政府", 50],
      ["一街道办事处", 37.5],
      ["甲区人民政府", null],
    ]);
  });

  test("sorted by name or by change", async () => {
    const byChange = await getAgencyRanking({
      db: t.db,
      year: 2023,
      scope: PROVINCE,
      metric: getMetric("applications_new"),
      minN: 10,
      sort: "change_desc",
    });
    // A2 +10, A1 +4; the others have no 2022 report.
    expect(byChange.rows.slice(0, 2).map((row) => [row.label, row.change])).toEqual([
      ["二镇人民政府", 10],
      ["一街道办事处", 4],
    ]);
  });
});

describe("overview", () => {
  test("a year's figures in scope, and the change over the agencies that filed both years", async () => {
    const summary = await getOverviewSummary({ db: t.db, year: 2023, scope: PROVINCE, minN: 10 });
    expect(summary).toMatchObject({ reports: 5, previousReports: 3, matchedAgencies: 2 });
    expect(summary.values.applications_new).toEqual({ value: 49, n: null });
    expect(summary.values.disclosure_rate).toEqual({ value: (100 * 22) / 36, n: 36 });
    // A1 + A2: 2023 15/28, 2022 7/20.
    expect(summary.matchedCurrent.disclosure_rate).toEqual({ value: (100 * 15) / 28, n: 28 });
    expect(summary.matchedPrevious.disclosure_rate).toEqual({ value: 35, n: 20 });
    expect(summary.matchedCurrent.applications_new.value).toBe(40);
    expect(summary.matchedPrevious.applications_new.value).toBe(26);
  });

  test("years, trends and headline counts", async () => {
    expect(await listYears(t.db)).toEqual([2023, 2022]);
    const trend = await getYearlyTrend({ db: t.db, scope: PROVINCE, minN: 10 });
    expect(trend.map((row) => [row.year, row.reports, row.values.applications_new.value])).toEqual([
      [2022, 3, 29],
      [2023, 5, 49],
    ]);
    // Only A2 and A4 printed every outcome: 12 + 6, 3, 2, 1, other 2 + 0, of 20 + 6.
    expect(trend[1]!.outcomes).toEqual({
      disclosed: 18,
      denied: 3,
      unable: 2,
      rejected: 1,
      other: 2,
      total: 26,
    });
    expect(await countReports(t.db)).toMatchObject({ reports: 9, agencies: 7 });
  });
});

describe("data quality", () => {
  beforeAll(async () => {
    await createFinding(t.db, { reportId: reports.A2!.id, code: "RULE_BALANCE", kind: "inconsistent" });
    await createFinding(t.db, { reportId: reports.A2!.id, code: "CELL_BLANK", cellIds: ["t3.new.total"] });
    await createFinding(t.db, { reportId: reports.A2!.id, code: "CELL_BLANK", status: "dismissed" });
    await createFinding(t.db, { reportId: reports.A1!.id, code: "CELL_BLANK" });
    await createFinding(t.db, { reportId: reports.A1y22!.id, code: "RULE_BALANCE", kind: "inconsistent" });
    await createFinding(t.db, {
      reportId: reports.A2!.id,
      code: "RULE_CARRY_OVER",
      kind: "inconsistent",
      origin: "across_years",
    });
    await createWaitingDocument(t.db);
  });

  test("open findings of the year by code, their lists, and the cross-year failures", async () => {
    const counts = await countFindingsByCode({ db: t.db, year: 2023, scope: PROVINCE });
    expect(counts.map((c) => [c.code, c.origin, c.findings, c.reports])).toEqual([
      ["CELL_BLANK", "reader", 2, 2],
      ["RULE_BALANCE", "reader", 1, 1],
      ["RULE_CARRY_OVER", "across_years", 1, 1],
    ]);
    const blank = await listOpenFindings({ db: t.db, year: 2023, scope: PROVINCE, code: "CELL_BLANK" });
    expect(blank.total).toBe(2);
    expect(blank.rows.map((row) => row.agencyName)).toEqual(["一街道办事处", "二镇人民政府"]);
    const across = await listOpenFindings({ db: t.db, year: 2023, scope: PROVINCE, origin: "across_years" });
    expect(across.rows.map((row) => [row.code, row.agencyName])).toEqual([
      ["RULE_CARRY_OVER", "二镇人民政府"],
    ]);
  });

  test("coverage: towns of the gazetteer without a report, agencies that filed last year but not this one", async () => {
    const gaps = await listCoverageGaps({ db: t.db, year: 2023, regionPath: "91/" });
    expect(gaps.towns.map((town) => [town.name, town.parentNames])).toEqual([
      ["三镇", ["测试省", "测试市", "甲区"]],
    ]);
    expect(gaps).toMatchObject({ townsTotal: 1, townsExpected: 4, lapsedTotal: 1 });
    expect(gaps.lapsed.map((agency) => agency.name)).toEqual(["乙县人民政府"]);
    // In 2022 only 一街道 and 二镇 of the four towns filed.
    const earlier = await listCoverageGaps({ db: t.db, year: 2022, regionPath: "91/" });
    expect(earlier.towns.map((town) => town.name)).toEqual(["三镇", "四镇"]);
  });

  test("what waits for staff", async () => {
    const queue = await getReviewQueue({ db: t.db, year: 2023, scope: PROVINCE });
    // Five reports in 测试省, A4 confirmed; one document without an agency.
    expect(queue).toMatchObject({ reportsTotal: 5, reportsToReview: 4, documentsTotal: 1 });
    expect(queue.documents[0]?.status).toBe("needs_agency");
  });
});

describe("agency pages, comparison and search", () => {
  test("cells of the current versions only, typed by cell id, corrections on top", async () => {
    const cellNo = async (cellId: string) =>
      (await t.db.cellDefinition.findUniqueOrThrow({ where: { cellId } })).cellNo;
    const [newTotal, fees, other] = await Promise.all(
      ["t3.new.total", "t2.fees.amount", "t3.other.total"].map(cellNo),
    );
    const old = await createReport(t.db, { agency: a.A5!, year: 2021, isCurrent: false });
    await t.db.reportCell.create({ data: { reportId: old.id, cellNo: newTotal!, value: 99 } });
    await t.db.reportCell.createMany({
      data: [
        { reportId: reports.A5!.id, cellNo: newTotal!, value: 2 },
        { reportId: reports.A5!.id, cellNo: fees!, value: "1.2500", inferred: true },
        { reportId: reports.A5!.id, cellNo: other!, value: null },
      ],
    });
    await t.db.cellCorrection.create({
      data: { reportId: reports.A5!.id, cellNo: other!, oldValue: null, newValue: 3, reason: "原件可见" },
    });
    const cells = await readCurrentCells({ db: t.db, agencyIds: [a.A5!.id] });
    expect(cells.sort((x, y) => x.cellId.localeCompare(y.cellId))).toEqual([
      {
        agencyId: a.A5!.id,
        year: 2023,
        cellId: "t2.fees.amount",
        value: 1.25,
        inferred: true,
        corrected: false,
      },
      { agencyId: a.A5!.id, year: 2023, cellId: "t3.new.total", value: 2, inferred: false, corrected: false },
      {
        agencyId: a.A5!.id,
        year: 2023,
        cellId: "t3.other.total",
        value: 3,
        inferred: false,
        corrected: true,
      },
    ]);
    expect(await readCurrentCells({ db: t.db, agencyIds: [a.A5!.id], years: [2022] })).toEqual([]);
    expect(
      await readCurrentCells({ db: t.db, agencyIds: [a.A5!.id], cellIds: ["t3.new.total"] }),
    ).toHaveLength(1);
    expect(await readCurrentCells({ db: t.db, agencyIds: [] })).toEqual([]);
  });

  test("an agency's profile: parent, departments, printed names, years, versions", async () => {
    const bureau = await getAgencyProfile({ db: t.db, agencyId: a.A4!.id });
    expect(bureau).toMatchObject({
      name: "甲区发改局",
      kind: "部门",
      parent: { id: a.A3!.id, name: "甲区人民政府" },
      printedNames: ["甲区发改"],
      regionChain: [
        { code: "91", name: "测试省" },
        { code: "9101", name: "测试市" },
        { code: "910101", name: "甲区" },
      ],
    });
    expect(bureau!.years.map((y) => [y.year, y.totals.penalties])).toEqual([[2023, 9]]);
    expect(bureau!.versions).toHaveLength(1);
    const government = await getAgencyProfile({ db: t.db, agencyId: a.A3!.id });
    expect(government!.children.map((c) => c.name)).toEqual(["甲区发改局"]);
    expect(await getAgencyProfile({ db: t.db, agencyId: 999_999 })).toBeNull();
  });

  test("comparison keeps the chosen order and years", async () => {
    const comparison = await getAgencyComparison({ db: t.db, agencyIds: [a.A2!.id, a.A1!.id, 999_999] });
    expect(comparison.map((agency) => [agency.name, agency.years.map((y) => y.year)])).toEqual([
      ["二镇人民政府", [2022, 2023]],
      ["一街道办事处", [2022, 2023]],
    ]);
    const only2022 = await getAgencyComparison({ db: t.db, agencyIds: [a.A2!.id], years: [2022] });
    expect(only2022[0]!.years.map((y) => [y.year, y.totals.applicationsNew])).toEqual([[2022, 20]]);
  });

  test("search by name, by a printed name, by region; wildcards are literal", async () => {
    expect((await searchAgencies({ db: t.db, q: "发改局" })).map((hit) => hit.name)).toEqual(["甲区发改局"]);
    const byAlias = await searchAgencies({ db: t.db, q: "老二" });
    expect(byAlias.map((hit) => [hit.name, hit.matchedAlias, hit.latestYear])).toEqual([
      ["二镇人民政府", "老二镇", 2023],
    ]);
    expect((await searchAgencies({ db: t.db, q: "乙县" })).map((hit) => hit.name)).toEqual([
      "乙县人民政府",
      "四镇人民政府",
    ]);
    expect(await searchAgencies({ db: t.db, q: "%" })).toEqual([]);
    expect(await searchAgencies({ db: t.db, q: "   " })).toEqual([]);
  });

  test("the region picker: provinces, then each level of the chain, the municipality's city folded", async () => {
    const trail = await getRegionTrail(t.db, "920101");
    const levels = await listRegionOptions({ db: t.db, chain: trail!.chain });
    expect(levels.map((level) => [level.options.map((o) => o.name), level.selected])).toEqual([
      [["测试省", "直辖市"], "92"],
      [["丙区"], "920101"],
    ]);
    expect((await listRegionOptions({ db: t.db, chain: [] })).map((level) => level.selected)).toEqual([null]);
  });
});
