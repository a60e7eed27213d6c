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
import { SUMMARY_DELTA_FUNCTION_NAME } from "@/lib/metrics/build-summary-function";
import { COUNTED, SUMMED } from "@/lib/metrics/build-summary-sql";
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
  // Another that blanks only a cell no metric reads: nothing in the region's metrics becomes uncertain, so
  // the roll-up sums follow by difference alone, and the row whose last child went is deleted there
  // (build-roll-up-delta-sql.ts, DELETE_EMPTIED), as a recompute leaves none — not kept as sum 0 of 0.
  await upload({ ...town, cells: { "t3.new.total": 12, "t3.new.research": null } });
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.total")).toEqual([{ sum: 17, children: 2 }]);
  expect(await keptSum(COUNTY_GOVERNMENT, 2023, "t3.new.research")).toEqual([]);
  await expectRollUpExact();
  await upload({ ...town, cells: { "t3.new.total": 12, "t3.new.research": 4 } });
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

test("an earlier year uploaded after a later one moves the later report's cross-year findings exactly", async () => {
  // Rule 6 compares 2023's 上年结转 with 2022's 结转下年度: uploading 2022 adds (or removes) a finding on 2023's
  // report, which the summaries of 2023 must follow — by difference, not by a recompute.
  const seed = buildReadResult("001");
  const name = "差额测试云南跨年局";
  const columns = ["natural", "commercial", "research", "social", "legal", "other", "total"];
  // Rule 7 left out (its inputs blank), so rule 6 is the only cross-year finding.
  const blankRule7 = Object.fromEntries(
    ["t2.rules", "t2.normative"].flatMap((row) =>
      ["in_force", "issued", "repealed"].map((column) => [`${row}.${column}`, null]),
    ),
  );
  const send = (year: number, cells: Record<string, number | null>) =>
    ingestDocument(
      t.db,
      { bytes: uniqueBytes(), fileName: `${name}-${year}.txt` },
      buildReadResult("001", {
        year,
        template: "2021",
        cells: { ...seed.cells, ...blankRule7, ...cells },
        findings: [],
        agency: { ...seed.agency, name, as_printed: name },
      }),
    );
  const carried = Object.fromEntries(columns.map((c) => [`t3.carried.${c}`, 1]));
  const forward = (first: number) =>
    Object.fromEntries(columns.map((c, i) => [`t3.carry_forward.${c}`, i === 0 ? first : 1]));
  // The county's rule-6 findings of 2023 and the open findings of its 2023 row, summed over agency kinds.
  const county2023 = async () => ({
    carryOver:
      await rows(`SELECT coalesce(sum("findings"), 0)::int AS "findings", coalesce(sum("reports"), 0)::int AS "reports"
        FROM "RegionYearFindings" WHERE "year" = 2023 AND "regionPath" = '53/5303/530303/' AND "code" = 'RULE_CARRY_OVER'`),
    open: await rows(`SELECT coalesce(sum("openFindings"), 0)::int AS "open" FROM "RegionYearMetrics"
        WHERE "year" = 2023 AND "regionPath" = '53/5303/530303/'`),
  });
  const exact = async () => {
    expect(await rows(ACTUAL_FINDINGS)).toEqual(await rows(EXPECTED_FINDINGS));
    expect(await rows(ACTUAL_SUMS)).toEqual(await rows(EXPECTED_SUMS));
  };

  await send(2023, carried);
  const start = await county2023();
  const [startOpen] = start.open as { open: number }[];
  const [startCarry] = start.carryOver as { findings: number; reports: number }[];
  // 2022 forwards 2 where 2023 carried 1, in one column: one finding on 2023's report.
  await send(2022, forward(2));
  expect(await county2023()).toEqual({
    carryOver: [{ findings: startCarry!.findings + 1, reports: startCarry!.reports + 1 }],
    open: [{ open: startOpen!.open + 1 }],
  });
  await exact();
  // A new version of 2022 that agrees: the finding goes again.
  await send(2022, forward(1));
  expect(await county2023()).toEqual(start);
  await exact();
});

test("a year uploaded before the agency's earliest takes its first report from a later year", async () => {
  // The agency's only report is of 2025; a report of 2022 (not next to it) becomes its first instead.
  const seed = buildReadResult("001");
  const name = "差额测试云南最早局";
  const send = (year: number) =>
    ingestDocument(
      t.db,
      { bytes: uniqueBytes(), fileName: `${name}-${year}.txt` },
      buildReadResult("001", { year, template: "2021", agency: { ...seed.agency, name, as_printed: name } }),
    );
  const firstReports = async (year: number) =>
    (
      await rows(`SELECT coalesce(sum("firstReports"), 0)::int AS "n" FROM "RegionYearMetrics"
                   WHERE "year" = ${year} AND "regionPath" = '53/5303/530303/'`)
    )[0]!.n as number;
  await send(2025);
  const [before2025, before2022] = [await firstReports(2025), await firstReports(2022)];
  await send(2022);
  expect([await firstReports(2025), await firstReports(2022)]).toEqual([before2025 - 1, before2022 + 1]);
  expect(await rows(ACTUAL_SUMS)).toEqual(await rows(EXPECTED_SUMS));
});

test("a year between two others moves each of its three region keys once, in its year and the years beside it", async () => {
  // The agency's contributions go under its keys one report at a time (metricsDifferenceSql, not summed by
  // key): 2023 uploaded between 2022 and 2024 counts once under the province, the city and the county —
  // a report for 2023, a match for 2023 (2022 exists) and for 2024 (2023 exists now), a lapse gone from 2022.
  const seed = buildReadResult("001");
  const name = "差额测试云南中间年局";
  const send = (year: number) =>
    ingestDocument(
      t.db,
      { bytes: uniqueBytes(), fileName: `${name}-${year}.txt` },
      buildReadResult("001", { year, template: "2021", agency: { ...seed.agency, name, as_printed: name } }),
    );
  const KEYS = ["53/", "53/5303/", "53/5303/530303/"];
  // By year and key (summed over agency kinds: no other agency moves): reports, matchedAgencies, lapsedNext.
  const counts = async () =>
    rows(`SELECT "year", "regionPath", sum("reports")::int AS "reports",
                 sum("matchedAgencies")::int AS "matched", sum("lapsedNext")::int AS "lapsed"
            FROM "RegionYearMetrics"
           WHERE "year" IN (2022, 2023, 2024) AND "regionPath" IN ('${KEYS.join("', '")}')
           GROUP BY 1, 2 ORDER BY 1, 2`);
  await send(2022);
  await send(2024);
  const before = await counts();
  await send(2023);
  const after = await counts();
  const moved = (year: number, path: string) => {
    const find = (list: Record<string, unknown>[]) =>
      list.find((row) => row.year === year && row.regionPath === path) ?? {
        reports: 0,
        matched: 0,
        lapsed: 0,
      };
    const [b, a] = [find(before), find(after)] as { reports: number; matched: number; lapsed: number }[];
    return {
      reports: a!.reports - b!.reports,
      matched: a!.matched - b!.matched,
      lapsed: a!.lapsed - b!.lapsed,
    };
  };
  for (const path of KEYS) {
    expect(moved(2022, path)).toEqual({ reports: 0, matched: 0, lapsed: -1 });
    expect(moved(2023, path)).toEqual({ reports: 1, matched: 1, lapsed: 0 });
    expect(moved(2024, path)).toEqual({ reports: 0, matched: 1, lapsed: 0 });
  }
  expect(await rows(ACTUAL_SUMS)).toEqual(await rows(EXPECTED_SUMS));
});

test("rows a difference leaves without reports go, whichever statement left them empty", async () => {
  // Not reachable through an upload (a new version keeps or adds its agency's report under each key), so
  // the function is called as the upload calls it, with a "before" that held one report under the keys of
  // an agency alone in its province (河南 41), an "after" without it (no such agency), and every summed
  // value unknown before (else the keys would be recomputed instead): each row's count of reports goes from
  // 1 to 0, and the row must go, as a recompute leaves none (its emptied rows come back from the
  // difference's UPDATE, build-summary-delta-sql.ts).
  const seed = buildReadResult("003");
  const outcome = await ingestDocument(
    t.db,
    { bytes: uniqueBytes(), fileName: "差额测试河南独家局-2023.txt" },
    buildReadResult("003", { year: 2023, agency: { ...seed.agency, name: "差额测试河南独家局" } }),
  );
  expect(outcome).toMatchObject({ duplicate: false });
  const client = await getPool(t.db).connect();
  try {
    await client.query("BEGIN");
    const stored = async () =>
      (
        await client.query<{ year: number; regionPath: string; depth: number; reports: number }>(
          `SELECT "year", "regionPath", "depth", "reports" FROM "RegionYearMetrics"
            WHERE "year" = 2023 AND "regionPath" LIKE '41/%' ORDER BY "depth"`,
        )
      ).rows;
    const keys = await stored();
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.every((key) => key.reports === 1)).toBe(true);
    const others = `SELECT count(*)::int AS n FROM "RegionYearMetrics" WHERE "regionPath" NOT LIKE '41/%'`;
    const othersBefore = (await client.query(others)).rows;
    const { regionPath, agencyKind } = (
      await client.query<{ regionPath: string; agencyKind: string }>(
        `SELECT m."regionPath", m."agencyKind" FROM "ReportMetrics" m JOIN "Agency" a ON a."id" = m."agencyId"
          WHERE a."name" = '差额测试河南独家局' AND m."year" = 2023`,
      )
    ).rows[0]!;
    const v = `{1,${Array.from({ length: COUNTED.length - 1 }, () => "0").join(",")},${SUMMED.map(() => "NULL").join(",")}}`;
    const before = { earliest: null, metrics: [{ year: 2023, regionPath, agencyKind, v }], findings: [] };
    await client.query(
      `SELECT "${SUMMARY_DELTA_FUNCTION_NAME}"($1::int[], $2::text[], $3::int[], ARRAY['2023:41'],
                ARRAY[-1], ARRAY[2023], ARRAY[NULL]::int[], ARRAY[NULL]::int[], $4::jsonb)`,
      [
        keys.map((k) => k.year),
        keys.map((k) => k.regionPath),
        keys.map((k) => k.depth),
        JSON.stringify(before),
      ],
    );
    expect(await stored()).toEqual([]);
    expect((await client.query(others)).rows).toEqual(othersBefore);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
});
