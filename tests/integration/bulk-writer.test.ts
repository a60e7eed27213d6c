// The bulk writer (lib/ingest/bulk-writer.ts): two batches in flight at once give the same rows, summaries
// included, as one batch at a time; batches that share agencies and new parent governments do not wait for
// each other in a cycle, and a document that shares one with a batch in flight goes into a later batch;
// a bad report in one of them is rejected alone; eager batches store the same rows. And an import whose files are read
// and prepared in the reader threads (prepare-in-thread.ts) stores what the single-upload path stores.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { getPool, type Db } from "@/lib/db/create-client";
import { BulkWriter, type BulkWriterOptions } from "@/lib/ingest/bulk-writer";
import { importFiles, type ImportResult } from "@/lib/ingest/import-files";
import { hashBytes, storeDocument } from "@/lib/ingest/ingest-document";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { closeReaderPool, readInWorker } from "@/lib/ingest/reader-pool";
import { DeferredSummaries, ensureReportMetricsCurrent } from "@/lib/ingest/refresh-report-metrics";
import { changeIndexName } from "@/lib/metrics/metric-changes";
import { METRICS } from "@/lib/metrics/metric-dictionary";
import { rankingIndexName } from "@/lib/metrics/ranking-index";
import { AGENCY_LOCK_SPACE } from "@/lib/ingest/accept-readings";
import { agencyNames } from "@/lib/ingest/split-by-agency";
import { storeInBulk, type BulkResult } from "@/lib/ingest/store-in-bulk";
import type { AgencyKind } from "@/lib/reader/types";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { seededRandom } from "@/lib/synthetic/generate-cells";
import { renderSyntheticText } from "@/lib/synthetic/render-synthetic-text";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const databases: TestDatabase[] = [];
const tempDirs: string[] = [];
afterAll(async () => {
  await closeReaderPool();
  await Promise.all(databases.map((d) => d.drop()));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

/** The rows ingestion writes, by natural keys (no ids, no timestamps): documents, reports, cells,
 *  findings (the cross-year ones included), the read model, its changes and its summaries. */
async function dumpRows(db: Db) {
  const query = async (text: string) => (await getPool(db).query(text)).rows;
  return {
    agencies: await query(`SELECT a."name", a."kind", a."regionCode", p."name" AS "parent" FROM "Agency" a
                             LEFT JOIN "Agency" p ON p."id" = a."parentId" ORDER BY a."name"`),
    // Every column a batch writes (document-copy-row.ts), the bytes included, but the ids.
    documents:
      await query(`SELECT d."sha256", d."fileName", d."mediaType", d."size", d."bytes", d."uploadedById",
                                   d."status", d."errorCode", d."errorMessage", a."name" AS "agency", d."year",
                                   d."agencyAsPrinted", d."template", d."readerVersion", d."reading", d."sourceUrl",
                                   d."fetchedAt"
                              FROM "Document" d LEFT JOIN "Agency" a ON a."id" = d."agencyId"
                             ORDER BY d."sha256"`),
    reports: await query(`SELECT a."name", r."year", r."versionNo", r."isCurrent", r."template", d."sha256"
                            FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId" JOIN "Document" d ON d."id" = r."documentId"
                           ORDER BY 1, 2, 3`),
    cells:
      await query(`SELECT a."name", r."year", c."cellNo", c."inferred", c."value"::text, c."rawText", c."unit"
                          FROM "ReportCell" c JOIN "Report" r ON r."id" = c."reportId" JOIN "Agency" a ON a."id" = r."agencyId"
                         ORDER BY 1, 2, 3`),
    findings:
      await query(`SELECT a."name", r."year", f."code", f."origin", f."cellIds", f."message", f."status"
                             FROM "Finding" f JOIN "Report" r ON r."id" = f."reportId" JOIN "Agency" a ON a."id" = r."agencyId"
                            ORDER BY 1, 2, 3, 5, 6`),
    metrics: await query(`SELECT a."name", m.* FROM "ReportMetrics" m JOIN "Agency" a ON a."id" = m."agencyId"
                           ORDER BY 1, m."year"`).then((rows) =>
      rows.map(({ reportId: _r, agencyId: _a, updatedAt: _u, ...row }) => row),
    ),
    changes:
      await query(`SELECT a."name", c.* FROM "ReportMetricChanges" c JOIN "Agency" a ON a."id" = c."agencyId"
                           ORDER BY 1, c."year"`).then((rows) => rows.map(({ agencyId: _a, ...row }) => row)),
    summaries: {
      metrics: await query(`SELECT * FROM "RegionYearMetrics" ORDER BY "year", "regionPath", "agencyKind"`),
      coverage: await query(`SELECT * FROM "RegionYearCoverage" ORDER BY "year", "regionPath"`),
      findings: await query(
        `SELECT * FROM "RegionYearFindings" ORDER BY "year", "regionPath", "agencyKind", "code"`,
      ),
      rollUps:
        await query(`SELECT a."name", s.* FROM "RollUpCellSums" s JOIN "Agency" a ON a."id" = s."governmentId"
                             ORDER BY 1, s."year", s."cellNo"`).then((rows) =>
          rows.map(({ governmentId: _g, ...row }) => row),
        ),
    },
    stale: await query(`SELECT "key" FROM "AppState" WHERE "key" = 'regionSummariesStale'`),
  };
}

/** Synthetic documents in a shuffled order: batches share agencies, years arrive out of order. */
/** The documents by their agency's name, each agency's in the order given. */
function documentsByAgency(documents: readonly PreparedDocument[]): Map<string, PreparedDocument[]> {
  const byName = new Map<string, PreparedDocument[]>();
  for (const document of documents) {
    const name = document.agency!.name;
    byName.set(name, [...(byName.get(name) ?? []), document]);
  }
  return byName;
}

function shuffledDocuments(): PreparedDocument[] {
  const documents = [
    ...generateSyntheticDocuments({ reports: 120, years: { from: 2019, to: 2025 }, seed: 61 }),
  ];
  const random = seededRandom(62);
  for (let i = documents.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [documents[i], documents[j]] = [documents[j]!, documents[i]!];
  }
  return documents;
}

async function writeAll(
  db: Db,
  documents: readonly PreparedDocument[],
  batchSize: number,
  options: Pick<BulkWriterOptions<string>, "rebuildSummariesIfEmpty"> = {},
) {
  const results = new Map<string, BulkResult>();
  const writer = await BulkWriter.start<string>(db, {
    ...options,
    batchSize,
    onResults: (batch, tags) => batch.forEach((result, index) => results.set(tags[index]!, result)),
  });
  for (const document of documents) await writer.add(document, document.sha256);
  await writer.finish();
  return results;
}

/** Each batch's documents (their sha256) in the order batches commit; every document stored, none a duplicate. */
async function writeInBatches(
  db: Db,
  documents: readonly PreparedDocument[],
  options: Omit<BulkWriterOptions<string>, "onResults">,
): Promise<string[][]> {
  const batches: string[][] = [];
  const writer = await BulkWriter.start<string>(db, {
    ...options,
    onResults: (results, tags) => {
      expect(results.every((r) => r.ok && !r.outcome.duplicate)).toBe(true);
      batches.push(tags);
    },
  });
  for (const document of documents) await writer.add(document, document.sha256);
  await writer.finish();
  return batches;
}

test("two batches in flight store the same rows and summaries as one batch at a time", async () => {
  const documents = shuffledDocuments();
  const serial = await freshDatabase();
  expect((await storeInBulk(serial.db, documents)).every((r) => r.ok)).toBe(true);
  const parallel = await freshDatabase();
  // Small batches: many pairs in flight at once, sharing agencies and parent governments.
  const results = await writeAll(parallel.db, documents, 9);
  expect(results.size).toBe(documents.length);
  expect([...results.values()].every((r) => r.ok && !r.outcome.duplicate)).toBe(true);
  const [a, b] = [await dumpRows(serial.db), await dumpRows(parallel.db)];
  expect(a.reports.length).toBe(120);
  expect(a.summaries.metrics.length).toBeGreaterThan(0);
  expect(b.stale).toEqual([]);
  expect(b).toEqual(a);
});

test("summaries rebuilt at finish (seed:synthetic, an empty read model) equal those recomputed, and a second load into the filled one recomputes", async () => {
  const documents = shuffledDocuments();
  const [first, second] = [documents.slice(0, 70), documents.slice(70)];
  const serial = await freshDatabase();
  expect((await storeInBulk(serial.db, first)).every((r) => r.ok)).toBe(true);
  const rebuilt = await freshDatabase();
  await writeAll(rebuilt.db, first, 9, { rebuildSummariesIfEmpty: true });
  const [a, b] = [await dumpRows(serial.db), await dumpRows(rebuilt.db)];
  expect(a.summaries.metrics.length).toBeGreaterThan(0);
  expect(b.stale).toEqual([]);
  expect(b).toEqual(a);
  // Into the read model now filled the option does nothing: the batches' keys are recomputed.
  expect((await storeInBulk(serial.db, second)).every((r) => r.ok)).toBe(true);
  await writeAll(rebuilt.db, second, 9, { rebuildSummariesIfEmpty: true });
  const [c, d] = [await dumpRows(serial.db), await dumpRows(rebuilt.db)];
  expect(c.reports.length).toBe(120);
  expect(d).toEqual(c);
});

test("eager batches (as soon as a slot is free, growing while both are busy) store the same rows", async () => {
  // In generation order: each agency's years together, departments beside their governments' names.
  const documents = [
    ...generateSyntheticDocuments({ reports: 140, years: { from: 2019, to: 2025 }, seed: 65 }),
  ];
  const serial = await freshDatabase();
  expect((await storeInBulk(serial.db, documents)).every((r) => r.ok)).toBe(true);
  const eager = await freshDatabase();
  const batches = await writeInBatches(eager.db, documents, { batchSize: 60, eagerBatch: 10 });
  expect(batches.flat().sort()).toEqual(documents.map((d) => d.sha256).sort());
  // The first batch went at 10 documents (an agency's years kept together), not at 60. It is the one holding
  // the first document: batches are reported as they commit, and under load a later one may commit first.
  const first = batches.find((batch) => batch.includes(documents[0]!.sha256));
  expect(first!.length).toBeLessThan(20);
  expect(await dumpRows(eager.db)).toEqual(await dumpRows(serial.db));
});

test("a document whose government a batch in flight inserts waits for a later batch, its agency's order kept", async () => {
  // A department (its parent government inserted by name with it), then the government itself, then a
  // town: with batches of 3, the government's reports would share a name with the department's batch in
  // flight — and wait for its commit, alone — so they are held back behind the town's.
  const synthetic = [
    ...generateSyntheticDocuments({ reports: 700, years: { from: 2019, to: 2025 }, seed: 64 }),
  ];
  const department = synthetic.filter((d) => d.agency!.kind === "部门").slice(0, 3);
  const parent = department[0]!.agency!.parent!;
  const departmentName = department[0]!.agency!.name;
  const government = synthetic
    .filter((d) => d.agency!.kind === "区县政府" && d.agency!.name !== parent)
    .slice(0, 2)
    .map((d) => ({ ...d, agency: { ...d.agency!, name: parent } }));
  const town = synthetic.filter((d) => d.agency!.kind === "乡镇").slice(0, 4);
  expect([department.length, government.length, town.length]).toEqual([3, 2, 4]);
  const documents = [...department, ...government, ...town];
  const serial = await freshDatabase();
  expect((await storeInBulk(serial.db, documents)).every((r) => r.ok)).toBe(true);
  const parallel = await freshDatabase();
  const batches = await writeInBatches(parallel.db, documents, { batchSize: 3 });
  const nameOf = new Map(documents.map((d) => [d.sha256, d.agency!.name]));
  // The department's batch; the government's reports in a batch of their own, taken after the town's (not
  // beside the town's first ones, where they come in the stream), in their own order.
  const byBatch = batches.map((tags) => tags.map((sha) => nameOf.get(sha)));
  expect(byBatch.map((names) => names.join("|")).sort()).toEqual(
    [[departmentName, departmentName, departmentName], [parent, parent], town.map((d) => d.agency!.name)]
      .map((names) => names.join("|"))
      .sort(),
  );
  expect(batches.flat().filter((sha) => nameOf.get(sha) === parent)).toEqual(government.map((d) => d.sha256));
  expect(await dumpRows(parallel.db)).toEqual(await dumpRows(serial.db));
});

test("at finish the batch gathered goes as soon as a connection is free, not behind every batch in flight", async () => {
  // Batches of 2: A (agency X, whose lock another session holds, so A waits in acceptReadings), B, then X's
  // next year — held, its name in A's batch — and C. B commits; C must not wait for A (it shares no name
  // with it), nor must X's held report go before A has committed.
  const synthetic = [
    ...generateSyntheticDocuments({ reports: 400, years: { from: 2019, to: 2025 }, seed: 66 }),
  ];
  const byName = documentsByAgency(synthetic);
  const [x0, a1, held] = [...byName.values()].find((documents) => documents.length >= 3)!;
  const taken = new Set(agencyNames(x0!));
  const others: PreparedDocument[] = [];
  for (const documents of byName.values()) {
    const names = agencyNames(documents[0]!);
    if (others.length === 5 || names.some((name) => taken.has(name))) continue;
    names.forEach((name) => taken.add(name));
    others.push(documents[0]!);
  }
  const [a2, b1, b2, c1, c2] = others;
  const database = await freshDatabase();
  expect((await storeInBulk(database.db, [x0!])).every((r) => r.ok)).toBe(true);
  const [{ id: agencyX }] = (
    await getPool(database.db).query(`SELECT "id" FROM "Agency" WHERE "name" = $1`, [x0!.agency!.name])
  ).rows;
  const locker = new pg.Client({ connectionString: database.url });
  await locker.connect();
  await locker.query("SELECT pg_advisory_lock($1::int, $2::int)", [AGENCY_LOCK_SPACE, agencyX]);
  let unlocked = false;
  const unlock = async () => {
    if (unlocked) return;
    unlocked = true;
    await locker.query("SELECT pg_advisory_unlock($1::int, $2::int)", [AGENCY_LOCK_SPACE, agencyX]);
  };
  const committed: string[][] = [];
  const writer = await BulkWriter.start<string>(database.db, {
    batchSize: 2,
    onResults: (results, tags) => {
      expect(results.every((r) => r.ok)).toBe(true);
      committed.push(tags);
      // C has committed while A still waits: A may go on.
      if (tags.includes(c1!.sha256)) void unlock();
    },
  });
  // Should C wait for A, nothing releases A but this: the test then fails on the order, not by timing out.
  const fallback = setTimeout(() => void unlock(), 5_000);
  try {
    for (const document of [a1!, a2!, b1!, b2!, held!, c1!, c2!]) await writer.add(document, document.sha256);
    await writer.finish();
  } finally {
    clearTimeout(fallback);
    await unlock();
    await locker.end();
  }
  const batchOf = (document: PreparedDocument) =>
    committed.findIndex((tags) => tags.includes(document.sha256));
  expect(committed.flat()).toHaveLength(7);
  expect(batchOf(c1!)).toBeLessThan(batchOf(a1!));
  expect(batchOf(held!)).toBeGreaterThan(batchOf(a1!));
  expect(await database.db.report.count({ where: { agencyId: agencyX } })).toBe(3);
});

test("near an import's end a batch gathered while both connections were busy goes in halves, one per free connection", async () => {
  // Batches A (agency X) and B (agency Y, two of the eight documents that follow) wait on their agencies'
  // locks, held by another session, while the others gather; B commits; with fewer documents to come
  // than the batch holds, it goes half now and half at the next free connection — not whole (main: one
  // batch of six), alone on one connection.
  const synthetic = [
    ...generateSyntheticDocuments({ reports: 600, years: { from: 2019, to: 2025 }, seed: 67 }),
  ];
  const byName = documentsByAgency(synthetic);
  const taken = new Set<string>();
  const pick = (count: number, years: number) => {
    const picked: PreparedDocument[][] = [];
    for (const documents of byName.values()) {
      const names = agencyNames(documents[0]!);
      if (picked.length === count) break;
      if (documents.length < years || names.some((name) => taken.has(name))) continue;
      names.forEach((name) => taken.add(name));
      picked.push(documents);
    }
    expect(picked).toHaveLength(count);
    return picked;
  };
  const [x, y] = pick(2, 2);
  const [p, q, z, ...gathered] = pick(11, 1).map((documents) => documents[0]!);
  const stream = [x![1]!, p!, y![1]!, q!, ...gathered];
  const serial = await freshDatabase();
  expect((await storeInBulk(serial.db, [x![0]!, y![0]!])).every((r) => r.ok)).toBe(true);
  expect((await storeInBulk(serial.db, [...stream, z!])).every((r) => r.ok)).toBe(true);
  const database = await freshDatabase();
  expect((await storeInBulk(database.db, [x![0]!, y![0]!])).every((r) => r.ok)).toBe(true);
  const ids = (
    await getPool(database.db).query<{ id: number }>(
      `SELECT "id" FROM "Agency" WHERE "name" = ANY($1::text[]) ORDER BY "name" = $2 DESC`,
      [[x![0]!.agency!.name, y![0]!.agency!.name], x![0]!.agency!.name],
    )
  ).rows.map((row) => row.id);
  const locker = new pg.Client({ connectionString: database.url });
  await locker.connect();
  for (const id of ids)
    await locker.query("SELECT pg_advisory_lock($1::int, $2::int)", [AGENCY_LOCK_SPACE, id]);
  const unlock = (id: number) =>
    locker.query("SELECT pg_advisory_unlock($1::int, $2::int)", [AGENCY_LOCK_SPACE, id]);
  const committed: string[][] = [];
  let bCommitted!: () => void;
  const bDone = new Promise<void>((resolve) => (bCommitted = resolve));
  let left = 1000;
  const writer = await BulkWriter.start<string>(database.db, {
    batchSize: 100,
    eagerBatch: 2,
    remaining: () => left,
    onResults: (results, tags) => {
      expect(results.every((r) => r.ok)).toBe(true);
      committed.push(tags);
      if (tags.includes(y![1]!.sha256)) bCommitted();
      // A goes on once a part of the gathered batch has committed beside it.
      else if (tags.some((sha) => gathered.some((d) => d.sha256 === sha))) void unlock(ids[0]!);
    },
  });
  const fallback = setTimeout(() => void unlock(ids[0]!), 5_000);
  try {
    for (const document of stream) await writer.add(document, document.sha256);
    await unlock(ids[1]!);
    await bDone;
    left = 0;
    await writer.add(z!, z!.sha256);
    await writer.finish();
  } finally {
    clearTimeout(fallback);
    await locker.end();
  }
  const ofGathered = committed
    .map((tags) => tags.filter((sha) => gathered.some((d) => d.sha256 === sha)).length)
    .filter((count) => count > 0);
  expect(ofGathered.reduce((sum, count) => sum + count, 0)).toBe(8);
  // Halves of the six (or seven, should B have gone at three) that gathered.
  expect(Math.max(...ofGathered)).toBeLessThanOrEqual(4);
  expect(await dumpRows(database.db)).toEqual(await dumpRows(serial.db));
});

test("at finish the documents gathered go beside the batch in flight, not behind it; the held ones after it", async () => {
  // A department's batch in flight, blocked on its agency lock (held here); the government's reports share
  // its parent's name (held back); two towns' reports gathered when finish is called. The towns' batch
  // shares nothing with the department's: it is stored while that one waits — waiting for every batch in
  // flight first left it to run alone after them (a seed's last batch on one core).
  const synthetic = [
    ...generateSyntheticDocuments({ reports: 700, years: { from: 2019, to: 2025 }, seed: 64 }),
  ];
  const departmentName = synthetic.find((d) => d.agency!.kind === "部门")!.agency!.name;
  const department = synthetic.filter((d) => d.agency!.name === departmentName).slice(0, 4);
  const parent = department[0]!.agency!.parent!;
  const government = synthetic
    .filter((d) => d.agency!.kind === "区县政府" && d.agency!.name !== parent)
    .slice(0, 2)
    .map((d) => ({ ...d, agency: { ...d.agency!, name: parent } }));
  const town = synthetic.filter((d) => d.agency!.kind === "乡镇" && d.agency!.parent !== parent).slice(0, 2);
  expect([department.length, government.length, town.length]).toEqual([4, 2, 2]);
  const database = await freshDatabase();
  // The department's first report stored before: its agency has an id whose lock can be held.
  expect((await storeInBulk(database.db, department.slice(0, 1))).every((r) => r.ok)).toBe(true);
  const [{ id }] = (
    await getPool(database.db).query<{ id: number }>(`SELECT "id" FROM "Agency" WHERE "name" = $1`, [
      departmentName,
    ])
  ).rows as [{ id: number }];
  const blocker = await getPool(database.db).connect();
  const committed: string[][] = [];
  try {
    await blocker.query("BEGIN");
    await blocker.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [AGENCY_LOCK_SPACE, id]);
    const writer = await BulkWriter.start<string>(database.db, {
      batchSize: 3,
      onResults: (results, tags) => {
        expect(results.every((r) => r.ok)).toBe(true);
        committed.push(tags);
      },
    });
    for (const document of [...department.slice(1), ...government, ...town])
      await writer.add(document, document.sha256);
    const finishing = writer.finish();
    const towns = town.map((d) => d.sha256).join("|");
    let townsFirst = false;
    for (let waited = 0; waited < 15_000 && !townsFirst; waited += 50) {
      townsFirst = committed.some((tags) => tags.join("|") === towns);
      if (!townsFirst) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const whileBlocked = committed.length;
    await blocker.query("COMMIT");
    await finishing;
    expect(townsFirst).toBe(true);
    expect(whileBlocked).toBe(1);
    // Then the department's batch, then the government's (held behind it), in their own order.
    expect(committed.slice(1)).toEqual([
      department.slice(1).map((d) => d.sha256),
      government.map((d) => d.sha256),
    ]);
  } finally {
    await blocker.query("ROLLBACK").catch(() => undefined);
    blocker.release();
  }
  expect(await database.db.report.count()).toBe(8);
});

test("a bad report in one of the batches in flight is rejected alone", async () => {
  const documents = shuffledDocuments().slice(0, 40);
  const bad = documents[13]!;
  documents[13] = {
    ...bad,
    agency: { ...bad.agency!, kind: "不存在的类型" as AgencyKind, name: "并行失败测试镇人民政府" },
  };
  const database = await freshDatabase();
  const results = await writeAll(database.db, documents, 6);
  expect(results.size).toBe(40);
  expect(results.get(bad.sha256)).toMatchObject({ ok: false, error: { code: "STORE_FAILED" } });
  expect([...results.values()].filter((r) => r.ok)).toHaveLength(39);
  expect(await database.db.document.count({ where: { sha256: bad.sha256 } })).toBe(0);
  expect(await database.db.agency.count({ where: { name: "并行失败测试镇人民政府" } })).toBe(0);
  expect(await database.db.report.count()).toBe(39);
  expect(await database.db.reportMetrics.count()).toBe(39);
});

test("an import prepared in the reader threads stores what single uploads store", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bulk-writer-"));
  tempDirs.push(dir);
  const synthetic = [
    ...generateSyntheticDocuments({ reports: 30, years: { from: 2019, to: 2025 }, seed: 63 }),
  ];
  const files = synthetic.map((document, index) => ({
    fileName: `${String(index).padStart(3, "0")}.txt`,
    bytes: new TextEncoder().encode(renderSyntheticText(document, index)),
  }));
  for (const file of files) await writeFile(path.join(dir, file.fileName), file.bytes);
  const single = await freshDatabase();
  for (const file of files)
    await storeDocument(
      single.db,
      { bytes: file.bytes, fileName: file.fileName, mediaType: null },
      await readInWorker(file.bytes, file.fileName),
      hashBytes(file.bytes),
    );
  const imported = await freshDatabase();
  const results: ImportResult[] = [];
  await importFiles({
    db: imported.db,
    paths: [dir],
    uploadedById: null,
    // Batches of 12 or more (an agency's years kept together): their documents and cells (≥ 2,000) go
    // through COPY, as the threads encoded them; a last batch of fewer than 8 through INSERT … unnest.
    batchSize: 12,
    onResult: (result) => results.push(result),
  });
  expect(results).toHaveLength(30);
  expect(results.every((r) => r.ok && r.outcome.status === "accepted")).toBe(true);
  const [a, b] = [await dumpRows(single.db), await dumpRows(imported.db)];
  expect(a.cells.length).toBeGreaterThan(30 * 150);
  expect(b).toEqual(a);
});

test("behind the batches only the counties' summaries are recomputed; the upper levels at finish, exact", async () => {
  const documents = shuffledDocuments();
  const serial = await freshDatabase();
  expect((await storeInBulk(serial.db, documents)).every((r) => r.ok)).toBe(true);
  const deferred = await freshDatabase();
  const pool = getPool(deferred.db);
  const summaries = await DeferredSummaries.start(pool);
  // Over 64 keys: the recompute runs statement by statement (the summary function takes a few keys).
  expect((await storeInBulk(deferred.db, documents.slice(0, 100), { summaries })).every((r) => r.ok)).toBe(
    true,
  );
  const depthCounts = async () =>
    Object.fromEntries(
      (
        await pool.query<{ depth: number; rows: number }>(
          `SELECT "depth", count(*)::int AS "rows" FROM "RegionYearMetrics" GROUP BY 1`,
        )
      ).rows.map((row) => [row.depth, row.rows]),
    );
  // The recompute behind the batch commits in one transaction: once a county's row is there, all are.
  for (let tries = 0; tries < 200 && !(await depthCounts())[3]; tries++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const behind = await depthCounts();
  expect(behind[3]).toBeGreaterThan(0);
  expect(behind[1]).toBeUndefined();
  expect(behind[2]).toBeUndefined();
  expect((await storeInBulk(deferred.db, documents.slice(100), { summaries })).every((r) => r.ok)).toBe(true);
  await summaries.finish();
  const [a, b] = [await dumpRows(serial.db), await dumpRows(deferred.db)];
  expect(a.summaries.metrics.some((row: { depth: number }) => row.depth === 1)).toBe(true);
  expect(b.stale).toEqual([]);
  expect(b.summaries).toEqual(a.summaries);
});

/** 排名's indexes (per metric, on ReportMetrics and ReportMetricChanges) as they stand: name → definition. */
async function rankingIndexes(db: Db): Promise<Record<string, string>> {
  const names = METRICS.flatMap((metric) => [rankingIndexName(metric), changeIndexName(metric)]);
  const { rows } = await getPool(db).query<{ name: string; definition: string }>(
    `SELECT i.relname AS "name", pg_get_indexdef(x.indexrelid) AS "definition"
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE i.relname = ANY($1::text[]) AND x.indisvalid`,
    [names],
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.definition]));
}

const deferredFlag = async (db: Db) =>
  (await getPool(db).query(`SELECT 1 FROM "AppState" WHERE "key" = 'rankingIndexesDeferred'`)).rowCount;

test("into an empty read model 排名's indexes are built at finish, as the migrations define them; into a filled one they stay", async () => {
  const documents = shuffledDocuments();
  const database = await freshDatabase();
  const migrated = await rankingIndexes(database.db);
  expect(Object.keys(migrated)).toHaveLength(2 * METRICS.length);
  const first = await BulkWriter.start<null>(database.db, { batchSize: 20, onResults: () => {} });
  expect(await rankingIndexes(database.db)).toEqual({});
  expect(await deferredFlag(database.db)).toBe(1);
  for (const document of documents.slice(0, 60)) await first.add(document, null);
  await first.finish();
  expect(await rankingIndexes(database.db)).toEqual(migrated);
  expect(await deferredFlag(database.db)).toBe(0);
  // The read model has rows now: a second load keeps the indexes throughout.
  const second = await BulkWriter.start<null>(database.db, { batchSize: 20, onResults: () => {} });
  expect(await rankingIndexes(database.db)).toEqual(migrated);
  for (const document of documents.slice(60)) await second.add(document, null);
  await second.finish();
  expect(await rankingIndexes(database.db)).toEqual(migrated);
  expect(await database.db.reportMetrics.count()).toBe(120);
});

test("a load into the empty read model that stops before finish leaves its indexes to the next start", async () => {
  const database = await freshDatabase();
  const migrated = await rankingIndexes(database.db);
  const writer = await BulkWriter.start<null>(database.db, { batchSize: 1000, onResults: () => {} });
  for (const document of shuffledDocuments().slice(0, 10)) await writer.add(document, null);
  // Killed here: finish never runs.
  expect(await rankingIndexes(database.db)).toEqual({});
  await ensureReportMetricsCurrent(getPool(database.db));
  expect(await rankingIndexes(database.db)).toEqual(migrated);
  expect(await deferredFlag(database.db)).toBe(0);
});

/** ReportCell's primary key as it stands: its name, definition and index ([] without one). */
async function cellKey(db: Db) {
  const { rows } = await getPool(db).query(
    `SELECT c."conname" AS "name", pg_get_constraintdef(c."oid") AS "definition",
            pg_get_indexdef(c."conindid") AS "index", x."indisvalid" AS "valid"
       FROM pg_constraint c JOIN pg_index x ON x."indexrelid" = c."conindid"
      WHERE c."conrelid" = '"ReportCell"'::regclass AND c."contype" = 'p'`,
  );
  return rows;
}

test("seed:synthetic into an empty database builds ReportCell's key once at finish, as the migration defines it; the rows are the same", async () => {
  // In generation order, as the seed writes them: each agency's years together.
  const documents = [
    ...generateSyntheticDocuments({ reports: 140, years: { from: 2019, to: 2025 }, seed: 67 }),
  ];
  const serial = await freshDatabase();
  expect((await storeInBulk(serial.db, documents)).every((r) => r.ok)).toBe(true);
  const migrated = await cellKey(serial.db);
  expect(migrated).toEqual([
    {
      name: "ReportCell_pkey",
      definition: 'PRIMARY KEY ("reportId", "cellNo")',
      index:
        'CREATE UNIQUE INDEX "ReportCell_pkey" ON public."ReportCell" USING btree ("reportId", "cellNo")',
      valid: true,
    },
  ]);
  const seeded = await freshDatabase();
  const writer = await BulkWriter.start<null>(seeded.db, {
    batchSize: 20,
    rebuildSummariesIfEmpty: true,
    cellKeyAtFinishIfEmpty: true,
    onResults: () => {},
  });
  expect(await cellKey(seeded.db)).toEqual([]);
  for (const document of documents) await writer.add(document, null);
  expect(await cellKey(seeded.db)).toEqual([]);
  expect(await seeded.db.reportCell.count()).toBeGreaterThan(0);
  await writer.finish();
  expect(await cellKey(seeded.db)).toEqual(migrated);
  expect(await deferredFlag(seeded.db)).toBe(0);
  expect(await dumpRows(seeded.db)).toEqual(await dumpRows(serial.db));
  // Into the filled database the key stays throughout.
  const more = [...generateSyntheticDocuments({ reports: 14, years: { from: 2019, to: 2025 }, seed: 68 })];
  const second = await BulkWriter.start<null>(seeded.db, {
    batchSize: 20,
    rebuildSummariesIfEmpty: true,
    cellKeyAtFinishIfEmpty: true,
    onResults: () => {},
  });
  expect(await cellKey(seeded.db)).toEqual(migrated);
  for (const document of more) await second.add(document, null);
  await second.finish();
  expect(await cellKey(seeded.db)).toEqual(migrated);
});

test("a seed stopped before finish leaves ReportCell's key to the next start", async () => {
  const database = await freshDatabase();
  const migrated = await cellKey(database.db);
  const writer = await BulkWriter.start<null>(database.db, {
    batchSize: 1000,
    rebuildSummariesIfEmpty: true,
    cellKeyAtFinishIfEmpty: true,
    onResults: () => {},
  });
  for (const document of generateSyntheticDocuments({
    reports: 30,
    years: { from: 2019, to: 2025 },
    seed: 69,
  }))
    await writer.add(document, null);
  // Killed here: finish never runs (the documents gathered are not even written).
  expect(await cellKey(database.db)).toEqual([]);
  await ensureReportMetricsCurrent(getPool(database.db));
  expect(await cellKey(database.db)).toEqual(migrated);
  expect(await deferredFlag(database.db)).toBe(0);
});

test("a batch of a load that rebuilds its summaries at the end COPYs its cells whatever its size (nothing read back by key)", async () => {
  const documents = [
    ...generateSyntheticDocuments({ reports: 3, years: { from: 2019, to: 2025 }, seed: 70 }),
  ];
  const database = await freshDatabase();
  const pool = getPool(database.db);
  // How each statement that wrote cells began: COPY, or an INSERT (one upload's, which reads them back).
  await pool.query(`CREATE TABLE "CellWrites" ("query" text)`);
  await pool.query(`CREATE FUNCTION "log_cell_writes"() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN INSERT INTO "CellWrites" VALUES (left(ltrim(current_query()), 20)); RETURN NULL; END $$`);
  await pool.query(`CREATE TRIGGER "log_cell_writes" AFTER INSERT ON "ReportCell"
                    FOR EACH STATEMENT EXECUTE FUNCTION "log_cell_writes"()`);
  const writer = await BulkWriter.start<null>(database.db, {
    batchSize: 1000,
    rebuildSummariesIfEmpty: true,
    cellKeyAtFinishIfEmpty: true,
    onResults: (results) => expect(results.every((r) => r.ok)).toBe(true),
  });
  // Three reports: 600 cells, below the size from which a batch COPYs them otherwise.
  for (const document of documents) await writer.add(document, null);
  await writer.finish();
  const { rows } = await pool.query<{ query: string }>(`SELECT "query" FROM "CellWrites"`);
  expect(rows.map((row) => row.query.split(" ")[0])).toEqual(["COPY"]);
  expect(await database.db.reportCell.count()).toBe(
    documents.reduce((sum, document) => sum + document.cells.length, 0),
  );
});

test("an import's duplicate lookups hold a connection of their own; its batches run on two others", async () => {
  // A database that holds more reports than the import has files: its batches keep the summaries by
  // difference (nothing recomputed behind them on the pool's other connections).
  const database = await freshDatabase();
  const held = [...generateSyntheticDocuments({ reports: 100, years: { from: 2019, to: 2025 }, seed: 70 })];
  expect((await storeInBulk(database.db, held)).every((result) => result.ok)).toBe(true);
  await getPool(database.db).query(`ANALYZE "Report"`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "bulk-writer-"));
  tempDirs.push(dir);
  const synthetic = [
    ...generateSyntheticDocuments({ reports: 80, years: { from: 2019, to: 2025 }, seed: 71 }),
  ];
  for (const [index, document] of synthetic.entries())
    await writeFile(
      path.join(dir, `${String(index).padStart(3, "0")}.txt`),
      renderSyntheticText(document, index),
    );
  // Which backend ran what, as the statements are sent: each batch's cells' COPY, each duplicate lookup.
  const batches = new Set<number>();
  const lookups = new Set<number>();
  let copies = 0;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: pg.Client & { processID: number },
    ...args: unknown[]
  ) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : (first?.text ?? "");
    if (text.startsWith(`COPY "ReportCell"`)) {
      batches.add(this.processID);
      copies += 1;
    }
    if (text.startsWith(`SELECT d."id", d."sha256"`)) lookups.add(this.processID);
    return query.apply(this, args);
  };
  const results: ImportResult[] = [];
  try {
    await importFiles({
      db: database.db,
      paths: [dir],
      uploadedById: null,
      batchSize: 20,
      onResult: (result) => results.push(result),
    });
  } finally {
    (pg.Client.prototype as unknown as { query: unknown }).query = query;
  }
  expect(results.filter((result) => result.ok)).toHaveLength(80);
  expect(copies).toBeGreaterThanOrEqual(3);
  expect(lookups.size).toBe(1);
  expect(batches.size).toBeLessThanOrEqual(2);
  expect([...batches].filter((backend) => lookups.has(backend))).toEqual([]);
});
