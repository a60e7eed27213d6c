// An upload's summaries follow by difference — its agency's contributions before and after the new version
// (lib/metrics/build-summary-delta-sql.ts), the new version's cells added to the roll-up sums of the
// governments it counts in and the demoted version's subtracted (build-roll-up-delta-sql.ts) — and end where
// a recompute ends: after version switches of towns and departments, a value and a finding that a new
// version no longer has (a sum over no known value is NULL, not 0), a new version over a staff correction,
// a government's own new version, a government whose first report comes after its children's, an earlier
// year uploaded after a later one, a department whose parent is filled in by a later reading, and uploads of
// one government's children in parallel. Every row is compared with plain SQL over the read model and the
// cells (tests/helpers/summary-expectations.ts), some by hand, and with a rebuild.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { correctCell } from "@/lib/ingest/correct-cell";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { rebuildReportMetrics } from "@/lib/ingest/refresh-report-metrics";
import type { AgencyKind } from "@/lib/reader/types";
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

// 九龙坡区 (重庆): its government, towns of the seed's town, departments of the county, and the city's
// government above it (重庆's 市政府 sums its 区县政府).
const SEED = buildReadResult("002");
const COUNTY_GOVERNMENT = "重庆市九龙坡区人民政府";

interface Upload {
  name: string;
  kind: AgencyKind;
  year: number;
  cells?: Record<string, number | null>;
  parent?: string | null;
}

function reading({ name, kind, year, cells = {}, parent = null }: Upload) {
  const town = kind === "乡镇";
  const city = kind === "市政府";
  return buildReadResult("002", {
    year,
    agency: {
      ...SEED.agency,
      name,
      as_printed: name,
      kind,
      county: city ? null : SEED.agency.county,
      town: town ? SEED.agency.town : null,
      department: kind === "部门" ? name : null,
      parent,
    },
    regionCodes: {
      ...SEED.regionCodes,
      county: city ? null : SEED.regionCodes.county,
      town: town ? SEED.regionCodes.town : null,
    },
    cells: { ...SEED.cells, ...cells },
  });
}

async function upload(input: Upload) {
  const outcome = await ingestDocument(
    t.db,
    { bytes: uniqueBytes(), fileName: `${input.name}-${input.year}.txt` },
    reading(input),
  );
  expect(outcome).toMatchObject({ duplicate: false });
  return outcome;
}

async function rows(text: string) {
  return t.db.$queryRawUnsafe<Record<string, unknown>[]>(text);
}

async function expectRollUpExact() {
  expect(await rows(ACTUAL_ROLL_UP)).toEqual(await rows(EXPECTED_ROLL_UP));
}

/** The government's kept sum of one cell in one year, and how many children have a value. */
async function keptSum(government: string, year: number, cellId: string) {
  return rows(`SELECT s."sum"::float8 AS "sum", s."children" FROM "RollUpCellSums" s
                 JOIN "Agency" g ON g."id" = s."governmentId" JOIN "CellDefinition" d ON d."cellNo" = s."cellNo"
                WHERE g."name" = '${government}' AND s."year" = ${year} AND d."cellId" = '${cellId}'`);
}

test("version switches, a blanked cell, a correction and governments' own reports move the sums exactly", async () => {
  await upload({ name: "重庆市人民政府", kind: "市政府", year: 2023 });
  await upload({ name: COUNTY_GOVERNMENT, kind: "区县政府", year: 2023, cells: { "t3.new.total": 900 } });
  await expectRollUpExact();
  const town = { name: "差额测试甲镇人民政府", kind: "乡镇" as const, year: 2023 };
  await upload({ ...town, cells: { "t3.new.total": 10, "t3.new.research": null } });
  const department = {
    name: "重庆市九龙坡区差额测试局",
    kind: "部门" as const,
    year: 2023,
    parent: COUNTY_GOVERNMENT,
  };
  const first = await upload({ ...department, cells: { "t3.new.total": 5, "t3.new.research": null } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.total")).toEqual([{ sum: 15, children: 2 }]);
  await expectRollUpExact();

  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.research")).toEqual([]);
  // A new version of the town: 10 → 12, and a value in a cell no child had (a new row of the sums).
  await upload({ ...town, cells: { "t3.new.total": 12, "t3.new.research": 4 } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.total")).toEqual([{ sum: 17, children: 2 }]);
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.research")).toEqual([{ sum: 4, children: 1 }]);
  // Another, where both cells are blank: the town no longer counts in them, and the row no child has a
  // value in goes.
  await upload({ ...town, cells: { "t3.new.total": null, "t3.new.research": null } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.total")).toEqual([{ sum: 5, children: 1 }]);
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.research")).toEqual([]);
  await expectRollUpExact();

  // Staff correct the department's 5 → 7 (the correction's own refresh), then a new version reads 6: the
  // corrected 7 is what leaves the sum.
  await correctCell(t.db, {
    reportId: first.reportId!,
    cellId: "t3.new.total",
    value: 7,
    reason: "核对原文",
    userId: "staff1",
  });
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.total")).toEqual([{ sum: 7, children: 1 }]);
  await upload({ ...department, cells: { "t3.new.total": 6, "t3.new.research": null } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.total")).toEqual([{ sum: 6, children: 1 }]);
  await expectRollUpExact();

  // The county government's own new version: its sums stay, the city's sum of it moves (900 → 950).
  await upload({ name: COUNTY_GOVERNMENT, kind: "区县政府", year: 2023, cells: { "t3.new.total": 950 } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.total")).toEqual([{ sum: 6, children: 1 }]);
  expect(await keptSum("重庆市人民政府", 2023, "t3.new.total")).toEqual([{ sum: 950, children: 1 }]);
  await expectRollUpExact();

  // 2024: the children first, then the government's first report of the year fills its sums from them.
  await upload({ ...town, year: 2024, cells: { "t3.new.total": 20 } });
  await upload({ ...department, year: 2024, cells: { "t3.new.total": 2 } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2024, "t3.new.total")).toEqual([]);
  await upload({ name: COUNTY_GOVERNMENT, kind: "区县政府", year: 2024 });
  expect(await keptSum(COUNTY_GOVERNMENT, 2024, "t3.new.total")).toEqual([{ sum: 22, children: 2 }]);
  await expectRollUpExact();

  // A department first read without its government, then a reading that names it: the parent is filled in
  // (the agency changed, so this upload recomputes instead of adding a difference).
  const orphan = { name: "重庆市九龙坡区差额测试二局", kind: "部门" as const, year: 2024 };
  await upload({ ...orphan, cells: { "t3.new.total": 3 } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2024, "t3.new.total")).toEqual([{ sum: 22, children: 2 }]);
  await upload({ ...orphan, parent: COUNTY_GOVERNMENT, cells: { "t3.new.total": 4 } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2024, "t3.new.total")).toEqual([{ sum: 26, children: 3 }]);
  await expectRollUpExact();
  expect(await rows(ACTUAL_SUMS)).toEqual(await rows(EXPECTED_SUMS));

  const before = await rows(ACTUAL_ROLL_UP);
  await rebuildReportMetrics(getPool(t.db));
  expect(await rows(ACTUAL_ROLL_UP)).toEqual(before);
});

test("parallel uploads of one government's children lose no difference and do not deadlock", async () => {
  const children: Upload[] = [
    ...["丙镇", "丁镇", "戊镇"].map((town) => ({
      name: `并行测试${town}人民政府`,
      kind: "乡镇" as const,
      year: 2025,
    })),
    ...["一局", "二局", "三局"].map((office) => ({
      name: `重庆市九龙坡区并行测试${office}`,
      kind: "部门" as const,
      year: 2025,
      parent: COUNTY_GOVERNMENT,
    })),
  ];
  await upload({ name: COUNTY_GOVERNMENT, kind: "区县政府", year: 2025 });
  // Three versions of each child, all sent at once: 1 + 2 + 3 … each child's last version is its index × 10.
  const versions = [1, 2, 3].flatMap((version) =>
    children.map((child, index) => ({
      ...child,
      cells: { "t3.new.total": version === 3 ? (index + 1) * 10 : version },
    })),
  );
  const outcomes = await Promise.allSettled(versions.map((version) => upload(version)));
  expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
  // The versions of one child raced: whichever committed last is current. The sums follow the current ones.
  await expectRollUpExact();
  const current = await rows(`SELECT sum(v."value")::float8 AS "sum", count(*)::int AS "children"
      FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId"
      JOIN "CellValue" v ON v."reportId" = r."id"
      JOIN "CellDefinition" d ON d."cellNo" = v."cellNo" AND d."cellId" = 't3.new.total'
     WHERE r."year" = 2025 AND r."isCurrent" AND (a."name" LIKE '并行测试%' OR a."name" LIKE '%并行测试_局')`);
  expect(await keptSum(COUNTY_GOVERNMENT, 2025, "t3.new.total")).toEqual(current);
  expect(current[0]!.children).toBe(6);
});

test("a value and a finding a new version no longer has leave the sums as a recompute leaves them", async () => {
  // An agency alone in its county (云南 530303): its sums are its own.
  const seed = buildReadResult("001");
  const name = "差额测试云南独家局";
  const flag = (code: string) => ({
    code,
    severity: "warning" as const,
    kind: "uncertain" as const,
    cells: [],
    message: "测试",
  });
  const send = (year: number, overrides: Parameters<typeof buildReadResult>[1]) =>
    ingestDocument(
      t.db,
      { bytes: uniqueBytes(), fileName: `${name}-${year}.txt` },
      buildReadResult("001", { year, ...overrides, agency: { ...seed.agency, name, as_printed: name } }),
    );
  const county = `SELECT "applicationsNew", "openFindings" FROM "RegionYearMetrics"
                   WHERE "regionPath" = '53/5303/530303/' AND "year" = 2023`;
  const everything = async () => ({
    sums: await rows(ACTUAL_SUMS),
    findings: await rows(ACTUAL_FINDINGS),
    coverage: await rows(
      `SELECT "year", "regionPath", "covered", "townsFiled" FROM "RegionYearCoverage" ORDER BY 1, 2`,
    ),
  });
  const expected = async () => ({
    sums: await rows(EXPECTED_SUMS),
    findings: await rows(EXPECTED_FINDINGS),
    coverage: await rows(EXPECTED_COVERAGE),
  });

  await send(2023, { cells: { ...seed.cells, "t3.new.total": 30 }, findings: [flag("CELL_BLANK")] });
  expect(await rows(county)).toEqual([{ applicationsNew: 30, openFindings: 1 }]);
  expect(await everything()).toEqual(await expected());
  // The new version prints no new applications and has no finding: NULL, not 0, and no finding rows.
  await send(2023, { cells: { ...seed.cells, "t3.new.total": null }, findings: [] });
  expect(await rows(county)).toEqual([{ applicationsNew: null, openFindings: 0 }]);
  expect(
    await rows(`${ACTUAL_FINDINGS.replace("ORDER BY", `WHERE "regionPath" LIKE '53/%' ORDER BY`)}`),
  ).toEqual([]);
  expect(await everything()).toEqual(await expected());
  // And back, with another finding.
  await send(2023, { cells: { ...seed.cells, "t3.new.total": 31 }, findings: [flag("ROW_SHORT")] });
  expect(await rows(county)).toEqual([{ applicationsNew: 31, openFindings: 1 }]);
  expect(await everything()).toEqual(await expected());
  // A version without the finding, every value still known (no recompute): the finding leaves.
  await send(2023, { cells: { ...seed.cells, "t3.new.total": 31 }, findings: [] });
  expect(await rows(county)).toEqual([{ applicationsNew: 31, openFindings: 0 }]);
  expect(await everything()).toEqual(await expected());
  // The next year (matched and prev sums, lapsedNext of 2023), then the year before (firstReports moves;
  // a report the year after exists, so this one recomputes).
  await send(2024, { cells: { ...seed.cells, "t3.new.total": 7 } });
  await send(2022, { cells: { ...seed.cells, "t3.new.total": 5 } });
  expect(await everything()).toEqual(await expected());

  const incremental = await everything();
  await rebuildReportMetrics(getPool(t.db));
  expect(await everything()).toEqual(incremental);
});
