// A bulk batch keeps the summaries by difference in its own transaction (lib/ingest/summary-difference.ts):
// after every batch's commit every summary table equals plain SQL over the read model and the cells
// (tests/helpers/summary-expectations.ts) — where the recompute behind the batches left the cities and
// provinces to the import's end — and at the end every row of every summary table equals a rebuild's
// (`npm run metrics:rebuild`'s). Over first versions, earlier years after later ones (the earliest report
// moves, last year's matched sums pair with them), new versions of agency-years stored in an earlier batch
// (a value and the findings a new version no longer has: a sum over no known value is NULL, not 0), two
// versions of one agency-year in one batch, a government's first report after its children's, a report that
// fails inside a batch (the batch is split and tried again), and two batches in flight.
import { afterAll, expect, test } from "vitest";
import { getPool, type Db } from "@/lib/db/create-client";
import { BulkWriter } from "@/lib/ingest/bulk-writer";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { DeferredSummaries, rebuildSummaries } from "@/lib/ingest/refresh-report-metrics";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import { METRIC_CELL_NOS } from "@/lib/metrics/build-metrics-sql";
import type { AgencyKind } from "@/lib/reader/types";
import { seededRandom } from "@/lib/synthetic/generate-cells";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
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

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((d) => d.drop())));

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

const query = async (db: Db, text: string) => (await getPool(db).query(text)).rows;

/** Plain SQL's summaries (summary-expectations.ts) against the stored ones. */
async function expectAsPlainSql(db: Db) {
  expect(await query(db, ACTUAL_SUMS)).toEqual(await query(db, EXPECTED_SUMS));
  expect(await query(db, ACTUAL_FINDINGS)).toEqual(await query(db, EXPECTED_FINDINGS));
  expect(
    await query(
      db,
      `SELECT "year", "regionPath", "covered", "townsFiled" FROM "RegionYearCoverage" ORDER BY 1, 2`,
    ),
  ).toEqual(await query(db, EXPECTED_COVERAGE));
  expect(await query(db, ACTUAL_ROLL_UP)).toEqual(await query(db, EXPECTED_ROLL_UP));
}

// Fees in 万元 can be fractional: a difference and a fresh sum may differ in the last bits (as two orders
// of one sum do), so floats are compared to 12 significant digits.
const round = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === "number" && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value,
    ]),
  );

/** Every row of every summary table, every column. */
async function summaryTables(db: Db) {
  const all = async (text: string) => (await query(db, text)).map(round);
  return {
    metrics: await all(`SELECT * FROM "RegionYearMetrics" ORDER BY "year", "regionPath", "agencyKind"`),
    coverage: await all(`SELECT * FROM "RegionYearCoverage" ORDER BY "year", "regionPath"`),
    findings: await all(
      `SELECT * FROM "RegionYearFindings" ORDER BY "year", "regionPath", "agencyKind", "code", "kind", "origin"`,
    ),
    rollUps: await all(
      `SELECT "governmentId", "year", "cellNo", "regionPath", "sum"::text, "children" FROM "RollUpCellSums" ORDER BY 1, 2, 3`,
    ),
  };
}

async function expectAsRebuilt(db: Db) {
  const kept = await summaryTables(db);
  await rebuildSummaries(getPool(db));
  expect(kept).toEqual(await summaryTables(db));
}

let unique = 0;
/**
 * Another version of a document's agency-year: its metric cells changed — the first few blanked when
 * `blank` (known values that go), the others doubled — and without the reader's findings.
 */
function newVersion(document: PreparedDocument, blank: boolean): PreparedDocument {
  const metricCells = new Set(METRIC_CELL_NOS);
  let blanked = 0;
  const cells = document.cells.map((cell) => {
    if (!metricCells.has(cell.cellNo) || cell.value === null) return cell;
    if (blank && blanked++ < 6) return { ...cell, value: null };
    return { ...cell, value: String(Number(cell.value) * 2 + 1) };
  });
  unique += 1;
  return {
    ...document,
    sha256: `${document.sha256.slice(0, 56)}${String(unique).padStart(8, "0")}`,
    fileName: `v${unique}-${document.fileName}`,
    cells,
    findings: [],
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const synthetic = (reports: number, seed: number) => [
  ...generateSyntheticDocuments({ reports, years: { from: 2019, to: 2025 }, seed }),
];

test("each batch leaves every summary exact at its commit, and equal to a rebuild at the end", async () => {
  const { db } = await freshDatabase();
  const pool = getPool(db);
  const first = synthetic(140, 71);
  const later = first.filter((d) => d.year! >= 2022);
  const earlier = first.filter((d) => d.year! < 2022);
  // Versions of agency-years the first load stores, some with known values that go, and findings that go.
  const withFindings = later.filter((d) => d.findings.length > 0);
  const revised = [
    ...withFindings.slice(0, 3).map((d) => newVersion(d, true)),
    ...later.slice(0, 8).map((d, index) => newVersion(d, index % 2 === 0)),
  ];
  // Two versions of one agency-year in one batch: the later one is current.
  const twice = [newVersion(later[20]!, false), newVersion(later[20]!, true)];
  const bad = later[30]!;
  const failing = {
    ...newVersion(bad, false),
    agency: { ...bad.agency!, kind: "不存在的类型" as AgencyKind, name: "差额批次失败测试镇人民政府" },
  };
  // A government's first reports after its children's: the county governments of the first load come last.
  const isGovernment = (d: PreparedDocument) => d.agency!.kind === "区县政府";
  const batches = [
    ...chunk(
      later.filter((d) => !isGovernment(d)),
      25,
    ),
    chunk(later.filter(isGovernment), 25).flat(),
    ...chunk(shuffled([...earlier, ...revised, ...synthetic(70, 72)], 73), 30),
    [...twice, failing, ...synthetic(140, 76).slice(100, 110)],
  ];
  expect(later.filter(isGovernment).length).toBeGreaterThan(0);
  expect(withFindings.length).toBeGreaterThanOrEqual(3);
  const summaries = await DeferredSummaries.start(pool, { background: false });
  for (const batch of batches) {
    const results = await storeInBulk(db, batch, { summaries, summariesByDifference: true });
    for (const [index, result] of results.entries())
      expect(result.ok, batch[index]!.fileName).toBe(batch[index] !== failing);
    // No recompute has run (none behind the batches, `finish` not yet): the batch kept them itself.
    await expectAsPlainSql(db);
  }
  await summaries.finish();
  expect(await db.report.count()).toBe(140 + revised.length + twice.length + 70 + 10);
  expect(await db.reportMetrics.count()).toBe(140 + 70 + 10);
  // The blanked versions made some sum NULL where the first load's was a number: the uncertain keys.
  expect(
    await query(db, `SELECT count(*)::int AS "n" FROM "RegionYearMetrics" WHERE "applicationsNew" IS NULL`),
  ).not.toEqual([{ n: 0 }]);
  await expectAsRebuilt(db);
});

test("two batches in flight keep them by difference, as a rebuild has them", async () => {
  const { db } = await freshDatabase();
  const documents = shuffled(synthetic(160, 74), 75);
  const writer = await BulkWriter.start<null>(db, {
    batchSize: 20,
    summariesByDifferenceFrom: 0,
    onResults: (results) => expect(results.every((r) => r.ok)).toBe(true),
  });
  for (const document of documents) await writer.add(document, null);
  // New versions of a third of them, in a second load.
  for (const document of documents.slice(0, 50)) await writer.add(newVersion(document, false), null);
  await writer.finish();
  expect(await db.reportMetrics.count()).toBe(160);
  // Nothing was recomputed behind the batches, yet the grown tables were analysed as the load doubled them
  // (DeferredSummaries): never analysed, Report's reltuples stays -1 — and each connection's generic plans,
  // made over the empty tables, stay too.
  expect(
    await query(db, `SELECT reltuples > 0 AS "analysed" FROM pg_class WHERE oid = '"Report"'::regclass`),
  ).toEqual([{ analysed: true }]);
  await expectAsRebuilt(db);
});

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
