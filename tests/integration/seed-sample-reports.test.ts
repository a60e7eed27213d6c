// Sample data through the real reader and the same ingestion path as an upload, and the home page's
// report list over it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { seedDatabase, seedSampleReports } from "@/lib/ingest/seed-sample-reports";
import { listReports } from "@/lib/queries/list-reports";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";
import { buildReadError, uniqueBytes } from "@/tests/helpers/read-result-factory";

// The five seeds as the issue names them, with their statistics years (spec/seed-truth.json).
const EXPECTED = [
  { printed: "聚贤镇", agencyName: "遂宁市安居区聚贤镇人民政府", year: 2023, kind: "乡镇", template: "2021" },
  {
    printed: "沾益区发改局",
    agencyName: "曲靖市沾益区发展和改革局",
    year: 2023,
    kind: "部门",
    template: "2021",
  },
  {
    printed: "白市驿镇",
    agencyName: "重庆市九龙坡区白市驿镇人民政府",
    year: 2023,
    kind: "乡镇",
    template: "2021",
  },
  { printed: "裴城镇", agencyName: "漯河市郾城区裴城镇人民政府", year: 2023, kind: "乡镇", template: "2021" },
  {
    printed: "普威镇",
    agencyName: "攀枝花市米易县普威镇人民政府",
    year: 2020,
    kind: "乡镇",
    template: "2019",
  },
];

describe("seedDatabase on an empty database", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  test("imports the five sample reports and the region tree", async () => {
    const { regionsInserted, samples } = await seedDatabase(t.db);
    expect(regionsInserted).toBeGreaterThan(40_000);
    expect(samples.skipped).toBe(false);
    expect(samples.imported.map((s) => s.status)).toEqual(Array(5).fill("accepted"));

    const rows = await listReports(t.db);
    expect(rows).toHaveLength(5);
    for (const expected of EXPECTED) {
      const row = rows.find((r) => r.agencyName === expected.agencyName);
      expect(row, expected.agencyName).toMatchObject({
        year: expected.year,
        kind: expected.kind,
        template: expected.template,
      });
      expect(`${row!.asPrinted}`).toContain(expected.printed);
    }
    // Newest year first.
    expect(rows.at(-1)!.year).toBe(2020);
    const zhanyi = rows.find((r) => r.kind === "部门")!;
    expect(zhanyi.region).toEqual({ province: "云南省", city: "曲靖市", county: "沾益区", town: null });
    expect(zhanyi.regionPath).toBe("53/5303/530303/");
    const baishiyi = rows.find((r) => r.agencyName.includes("白市驿镇"))!;
    expect(baishiyi.region).toMatchObject({
      province: "重庆市",
      city: "重庆市",
      county: "九龙坡区",
      town: "白市驿镇",
    });
    expect(await t.db.reportMetrics.count()).toBe(5);
  });

  test("does nothing the second time", async () => {
    const documents = await t.db.document.count();
    expect(await seedSampleReports(t.db)).toEqual({ skipped: true, imported: [] });
    expect(await t.db.document.count()).toBe(documents);
    expect(await t.db.report.count()).toBe(5);
  });
});

test("a database with any document — even a rejected one — is not seeded", async () => {
  const t = await createTestDatabase();
  try {
    await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "x.doc" }, buildReadError("LEGACY_DOC"));
    expect((await seedSampleReports(t.db)).skipped).toBe(true);
    expect(await t.db.report.count()).toBe(0);
  } finally {
    await t.drop();
  }
});
