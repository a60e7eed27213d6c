// The summary tables keep room on their pages (prisma/migrations/20261211000000_summary_fillfactor): an
// upload's ~200 roll-up rows of one government and year are all updated in place on their pages (HOT), not
// moved to new pages with new index entries, as they were when the pages were filled to the brim.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import type { AgencyKind } from "@/lib/reader/types";
import { buildReadResult, uniqueBytes } from "@/tests/helpers/read-result-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const SEED = buildReadResult("002");
const COUNTY_GOVERNMENT = "重庆市九龙坡区人民政府";

async function upload(name: string, kind: AgencyKind, parent: string | null = null) {
  const town = kind === "乡镇";
  const outcome = await ingestDocument(
    t.db,
    { bytes: uniqueBytes(), fileName: `${name}.txt` },
    buildReadResult("002", {
      year: 2023,
      agency: {
        ...SEED.agency,
        name,
        as_printed: name,
        kind,
        town: town ? SEED.agency.town : null,
        department: kind === "部门" ? name : null,
        parent,
      },
      regionCodes: { ...SEED.regionCodes, town: town ? SEED.regionCodes.town : null },
    }),
  );
  expect(outcome).toMatchObject({ duplicate: false });
}

/** The county government's roll-up rows: each cell's page (the block of its ctid) and its children. */
async function rollUpRows() {
  return t.db.$queryRawUnsafe<{ cellNo: number; block: number; children: number }[]>(
    `SELECT s."cellNo", (s."ctid"::text::point)[0]::int AS "block", s."children"
       FROM "RollUpCellSums" s JOIN "Agency" g ON g."id" = s."governmentId"
      WHERE g."name" = '${COUNTY_GOVERNMENT}' AND s."year" = 2023 ORDER BY 1`,
  );
}

test("a second child's upload updates every roll-up row of its government on the row's own page", async () => {
  await upload(COUNTY_GOVERNMENT, "区县政府");
  await upload("留白测试甲镇人民政府", "乡镇");
  const first = await rollUpRows();
  // One government's year fills more than one page even with room kept (≈ 200 rows).
  expect(first.length).toBeGreaterThan(150);
  expect(new Set(first.map((row) => row.block)).size).toBeGreaterThan(1);
  expect(first.every((row) => row.children === 1)).toBe(true);

  await upload("重庆市九龙坡区留白测试局", "部门", COUNTY_GOVERNMENT);
  const second = await rollUpRows();
  expect(second.map((row) => row.children)).toEqual(first.map(() => 2));
  // Each row's new version on its old one's page: a page filled to the brim had no room for them.
  expect(second.map((row) => [row.cellNo, row.block])).toEqual(first.map((row) => [row.cellNo, row.block]));
});
