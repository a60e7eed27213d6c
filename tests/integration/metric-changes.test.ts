// 排名 by change reads each agency-year's change against the year before from ReportMetricChanges
// (lib/metrics/metric-changes.ts), kept by the read model's refresh. Here it is right — values worked out by
// hand — after a report of this year, the previous year's report arriving later, new versions of either
// year, a previous year too small to rank, a staff correction, a refiled report (the version switch of the
// year it leaves), an agency's kind changed, and the bulk path; the whole table always equals plain SQL
// over the read model written here, and a rebuild (`npm run metrics:rebuild`) gives the same table.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { correctCell } from "@/lib/ingest/correct-cell";
import { hashBytes, ingestDocument } from "@/lib/ingest/ingest-document";
import { prepareDocument } from "@/lib/ingest/prepare-document";
import { refileReport } from "@/lib/ingest/refile-report";
import { rebuildReportMetrics, refreshReportMetrics } from "@/lib/ingest/refresh-report-metrics";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import { getMetric, METRICS } from "@/lib/metrics/metric-dictionary";
import { getAgencyRanking } from "@/lib/queries/get-agency-ranking";
import type { AgencyKind } from "@/lib/reader/types";
import { buildReadResult, uniqueBytes } from "@/tests/helpers/read-result-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.user.create({
    data: { id: "staff1", name: "staff1", email: "staff1@example.test", role: "staff" },
  });
});
afterAll(() => t?.drop());

const SEED = buildReadResult("002");

/** 本年新收 N, and 公开率's inputs: granted G + partial P over processed T. */
interface Figures {
  n: number;
  g: number;
  p: number;
  total: number;
}

function reading(name: string, kind: AgencyKind, year: number, { n, g, p, total }: Figures) {
  return buildReadResult("002", {
    year,
    agency: { ...SEED.agency, name, as_printed: name, kind, town: kind === "乡镇" ? SEED.agency.town : null },
    regionCodes: { ...SEED.regionCodes, town: kind === "乡镇" ? SEED.regionCodes.town : null },
    cells: {
      ...SEED.cells,
      "t3.new.total": n,
      "t3.granted.total": g,
      "t3.partial.total": p,
      "t3.outcome_total.total": total,
    },
  });
}

async function upload(name: string, year: number, figures: Figures, kind: AgencyKind = "乡镇") {
  const outcome = await ingestDocument(
    t.db,
    { bytes: uniqueBytes(), fileName: `${name}-${year}.txt` },
    reading(name, kind, year, figures),
  );
  expect(outcome).toMatchObject({ duplicate: false, status: "accepted" });
  return outcome.reportId!;
}

async function rows(text: string) {
  return t.db.$queryRawUnsafe<Record<string, unknown>[]>(text);
}

/** The kept change of 本年新收 and of 公开率 (with its smaller n) of an agency-year; null when no row. */
async function kept(name: string, year: number) {
  const [row] =
    await rows(`SELECT c."applicationsNew", c."disclosureRate", c."disclosureRateN", c."agencyKind"
      FROM "ReportMetricChanges" c JOIN "Agency" a ON a."id" = c."agencyId"
     WHERE a."name" = '${name}' AND c."year" = ${year}`);
  return row ?? null;
}

// Every kept row, and the same from the read model by plain SQL: a row per agency-year with a row the year
// before; a count's change where both years printed it, a rate's where both have n ≥ 10.
const ACTUAL = `SELECT "agencyId", "year", "agencyKind", "applicationsNew", "penalties", "disclosureRate", "disclosureRateN",
                       "denialRate", "denialRateN"
                  FROM "ReportMetricChanges" ORDER BY 1, 2`;
const rate = (column: string) => `CASE WHEN m."${column}Num" IS NOT NULL AND p."${column}Num" IS NOT NULL
                    AND m."${column}Den" >= 10 AND p."${column}Den" >= 10
               THEN 100 * m."${column}Num" / m."${column}Den" - 100 * p."${column}Num" / p."${column}Den" END`;
const smallerN = (column: string) => `CASE WHEN m."${column}Num" IS NOT NULL AND p."${column}Num" IS NOT NULL
                    AND m."${column}Den" >= 10 AND p."${column}Den" >= 10
               THEN least(m."${column}Den", p."${column}Den") END`;
const EXPECTED = `SELECT m."agencyId", m."year", m."agencyKind", m."applicationsNew" - p."applicationsNew" AS "applicationsNew",
                         m."penalties" - p."penalties" AS "penalties",
                         ${rate("disclosureRate")} AS "disclosureRate", ${smallerN("disclosureRate")} AS "disclosureRateN",
                         ${rate("denialRate")} AS "denialRate", ${smallerN("denialRate")} AS "denialRateN"
                    FROM "ReportMetrics" m JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
                   ORDER BY 1, 2`;

async function expectExact() {
  expect(await rows(ACTUAL)).toEqual(await rows(EXPECTED));
}

test("a year's report, the year before arriving later, new versions, a correction and a refiled report", async () => {
  const town = "变化测试甲镇人民政府";
  // 2024 alone: no year before, no row.
  await upload(town, 2024, { n: 10, g: 5, p: 1, total: 20 });
  expect(await kept(town, 2024)).toBeNull();
  // 2023 arrives later: 2024's change is 10 − 4 and 30 % − 40 %, n = min(20, 10); 2023 has no year before.
  const first2023 = await upload(town, 2023, { n: 4, g: 3, p: 1, total: 10 });
  expect(await kept(town, 2024)).toEqual({
    applicationsNew: 6,
    disclosureRate: -10,
    disclosureRateN: 10,
    agencyKind: "乡镇",
  });
  expect(await kept(town, 2023)).toBeNull();
  await expectExact();

  // A new version of 2024: 15 and 12 / 20 = 60 % → +11 and +20 points.
  await upload(town, 2024, { n: 15, g: 12, p: 0, total: 20 });
  expect(await kept(town, 2024)).toMatchObject({
    applicationsNew: 11,
    disclosureRate: 20,
    disclosureRateN: 10,
  });

  // 2023 replaced by a version of 8 processed: below n = 10, 公开率 has no change; 本年新收 15 − 7.
  const second2023 = await upload(town, 2023, { n: 7, g: 2, p: 0, total: 8 });
  expect(await kept(town, 2024)).toMatchObject({
    applicationsNew: 8,
    disclosureRate: null,
    disclosureRateN: null,
  });
  await expectExact();

  // Staff correct 2023's processed 8 → 16: 2 / 16 = 12.5 %, so 60 − 12.5 = 47.5 points, n = min(20, 16).
  await correctCell(t.db, {
    reportId: second2023,
    cellId: "t3.outcome_total.total",
    value: 16,
    reason: "核对原文",
    userId: "staff1",
  });
  expect(await kept(town, 2024)).toMatchObject({
    applicationsNew: 8,
    disclosureRate: 47.5,
    disclosureRateN: 16,
  });
  await expectExact();

  // The 2023 version is refiled as 2022: 2023's first version is current again (4, 40 %), so 2024 is
  // +11 and +20 again, and 2023 now has a year before: 4 − 7 and 40 − 12.5 = 27.5 points, n = min(10, 16).
  await refileReport(t.db, { reportId: second2023, year: 2022 });
  expect(await t.db.report.findUniqueOrThrow({ where: { id: first2023 } })).toMatchObject({
    isCurrent: true,
  });
  expect(await kept(town, 2024)).toMatchObject({
    applicationsNew: 11,
    disclosureRate: 20,
    disclosureRateN: 10,
  });
  expect(await kept(town, 2023)).toMatchObject({
    applicationsNew: -3,
    disclosureRate: 27.5,
    disclosureRateN: 10,
  });
  expect(await kept(town, 2022)).toBeNull();
  await expectExact();

  // Refiled back to 2023 (current there again): 2023 has no year before any more, its row goes.
  await refileReport(t.db, { reportId: second2023, year: 2023 });
  expect(await kept(town, 2023)).toBeNull();
  expect(await kept(town, 2024)).toMatchObject({ applicationsNew: 8, disclosureRate: 47.5 });
  await expectExact();

  // A new version of 2024 that leaves 本年新收 blank: no change of it.
  await upload(town, 2024, { n: null as unknown as number, g: 12, p: 0, total: 20 });
  expect(await kept(town, 2024)).toMatchObject({ applicationsNew: null, disclosureRate: 47.5 });
  await expectExact();
});

test("an agency's kind changed: every year's row follows (the refresh by agency)", async () => {
  const name = "变化测试乙镇人民政府";
  await upload(name, 2022, { n: 1, g: 1, p: 0, total: 10 });
  await upload(name, 2023, { n: 2, g: 2, p: 0, total: 10 });
  await upload(name, 2024, { n: 4, g: 4, p: 0, total: 10 });
  expect(await kept(name, 2023)).toMatchObject({
    applicationsNew: 1,
    disclosureRate: 10,
    agencyKind: "乡镇",
  });
  expect(await kept(name, 2024)).toMatchObject({
    applicationsNew: 2,
    disclosureRate: 20,
    agencyKind: "乡镇",
  });
  const agency = await t.db.agency.findFirstOrThrow({ where: { name } });
  await t.db.agency.update({ where: { id: agency.id }, data: { kind: "街道" } });
  await withTransaction(getPool(t.db), (client) => refreshReportMetrics(client, { agencyIds: [agency.id] }));
  expect(await kept(name, 2023)).toMatchObject({ agencyKind: "街道" });
  expect(await kept(name, 2024)).toMatchObject({ agencyKind: "街道" });
  await expectExact();
});

test("the bulk path: years of one agency in one batch and across batches, then a rebuild gives the same table", async () => {
  const document = (name: string, year: number, figures: Figures) => {
    const bytes = uniqueBytes();
    return prepareDocument(
      { bytes, fileName: `${name}-${year}.txt` },
      reading(name, "部门", year, figures),
      hashBytes(bytes),
    );
  };
  const office = "重庆市九龙坡区变化测试局";
  const results = await storeInBulk(t.db, [
    document(office, 2024, { n: 30, g: 15, p: 5, total: 40 }),
    document(office, 2023, { n: 20, g: 10, p: 0, total: 25 }),
    document(office, 2025, { n: 25, g: 9, p: 0, total: 30 }),
  ]);
  expect(results.every((result) => result.ok)).toBe(true);
  // 2024: 30 − 20 and 50 % − 40 % (n 25); 2025: 25 − 30 and 30 % − 50 % (n 30).
  expect(await kept(office, 2024)).toMatchObject({
    applicationsNew: 10,
    disclosureRate: 10,
    disclosureRateN: 25,
  });
  expect(await kept(office, 2025)).toMatchObject({
    applicationsNew: -5,
    disclosureRate: -20,
    disclosureRateN: 30,
  });
  // A later batch replaces 2024: both its own change and 2025's follow.
  await storeInBulk(t.db, [document(office, 2024, { n: 22, g: 20, p: 0, total: 40 })]);
  expect(await kept(office, 2024)).toMatchObject({ applicationsNew: 2, disclosureRate: 10 });
  expect(await kept(office, 2025)).toMatchObject({ applicationsNew: 3, disclosureRate: -20 });
  await expectExact();

  const incremental = await rows(`SELECT * FROM "ReportMetricChanges" ORDER BY "agencyId", "year"`);
  expect(incremental.length).toBeGreaterThanOrEqual(5);
  const indexes = `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ReportMetricChanges' ORDER BY 1`;
  const migrated = await rows(indexes);
  expect(migrated).toHaveLength(METRICS.length + 1);
  await rebuildReportMetrics(getPool(t.db));
  expect(await rows(`SELECT * FROM "ReportMetricChanges" ORDER BY "agencyId", "year"`)).toEqual(incremental);
  // The rebuild drops the table's indexes while it fills it: they come back as the migration made them.
  expect(await rows(indexes)).toEqual(migrated);
});

test("the national page by change is the kept changes' order, with each row's values of both years", async () => {
  const ranking = await getAgencyRanking({
    db: t.db,
    year: 2024,
    scope: { regionPath: null, kinds: null },
    metric: getMetric("disclosure_rate"),
    minN: 10,
    sort: "change_desc",
  });
  // 甲镇 +47.5 (60 % against 12.5 %), 乙镇 +20, the office +10 (50 % against 40 %, its second 2024 version).
  expect(ranking.rows.map((row) => [row.label, row.value, row.previousValue, row.change])).toEqual([
    ["变化测试甲镇人民政府", 60, 12.5, 47.5],
    ["变化测试乙镇人民政府", 40, 20, 20],
    ["重庆市九龙坡区变化测试局", 50, 40, 10],
  ]);
  // A larger minimum n leaves out the change whose smaller n is 10 (乙镇's); 甲镇's is 16, the office's 25.
  // (A page of two: the kept changes fill it; a page running past them is the general query's.)
  const strict = await getAgencyRanking({
    db: t.db,
    year: 2024,
    scope: { regionPath: null, kinds: null },
    metric: getMetric("disclosure_rate"),
    minN: 16,
    sort: "change_asc",
    pageSize: 2,
  });
  expect(strict.rows.map((row) => [row.label, row.change, row.rank])).toEqual([
    ["重庆市九龙坡区变化测试局", 10, 2],
    ["变化测试甲镇人民政府", 47.5, 1],
  ]);
});
