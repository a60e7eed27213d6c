// The bulk path (COPY, many reports per transaction) against the single-upload path: identical rows for the
// same files; a report that fails mid-batch leaves no trace while the rest of its batch lands; the import
// of files from disk with every kind of result; re-reading stored documents with the current reader; and the
// upgrade of a database written by the previous schema.
import { mkdtemp, rm, writeFile, mkdir, cp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/apply-migrations";
import { getPool, type Db } from "@/lib/db/create-client";
import { encodeCellCopyLines } from "@/lib/ingest/cell-copy-rows";
import { getCellId as cellIdOf, getCellNo } from "@/lib/ingest/cell-numbers";
import { correctCell } from "@/lib/ingest/correct-cell";
import { storeDocument } from "@/lib/ingest/ingest-document";
import { importFiles, type ImportResult } from "@/lib/ingest/import-files";
import { hashBytes } from "@/lib/ingest/ingest-document";
import { prepareDocument, type PreparedDocument } from "@/lib/ingest/prepare-document";
import { readReportCells } from "@/lib/ingest/read-report-cells";
import { rereadDocuments } from "@/lib/ingest/reread-documents";
import { SAMPLE_REPORTS_DIR } from "@/lib/ingest/seed-sample-reports";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import type { AgencyKind, ReadResult } from "@/lib/reader/types";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import {
  buildReadError,
  buildReadResult,
  getTruthReport,
  uniqueBytes,
} from "@/tests/helpers/read-result-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const databases: TestDatabase[] = [];
const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const database = await createTestDatabase(options);
  databases.push(database);
  return database;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bulk-ingest-"));
  tempDirs.push(dir);
  return dir;
}

/** Every row the ingestion writes, by natural keys (no ids, no timestamps), for comparing two databases. */
async function dumpRows(db: Db) {
  const pool = getPool(db);
  const query = async (text: string) => (await pool.query(text)).rows;
  return {
    agencies: await query(`SELECT a."name", a."kind", a."regionCode", p."name" AS "parent" FROM "Agency" a
                             LEFT JOIN "Agency" p ON p."id" = a."parentId" ORDER BY a."name"`),
    aliases:
      await query(`SELECT a."name", x."name" AS "alias" FROM "AgencyAlias" x JOIN "Agency" a ON a."id" = x."agencyId"
                           ORDER BY 1, 2`),
    documents:
      await query(`SELECT d."sha256", d."fileName", d."mediaType", d."size", encode(d."bytes", 'hex') AS "bytes",
                                   d."status", d."errorCode", d."errorMessage", a."name" AS "agency", d."year",
                                   d."agencyAsPrinted", d."template", d."readerVersion", d."reading"
                              FROM "Document" d LEFT JOIN "Agency" a ON a."id" = d."agencyId" ORDER BY d."sha256"`),
    reports: await query(`SELECT a."name", r."year", r."versionNo", r."isCurrent", r."template", d."sha256",
                                 r."readerVersion", r."status"
                            FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId" JOIN "Document" d ON d."id" = r."documentId"
                           ORDER BY 1, 2, 3`),
    cells:
      await query(`SELECT a."name", r."year", r."versionNo", c."cellNo", c."inferred", c."value"::text, c."rawText", c."unit"
                          FROM "ReportCell" c JOIN "Report" r ON r."id" = c."reportId" JOIN "Agency" a ON a."id" = r."agencyId"
                         ORDER BY 1, 2, 3, 4`),
    findings:
      await query(`SELECT a."name", r."year", r."versionNo", f."code", f."severity", f."kind", f."origin",
                                  f."cellIds", f."message", f."status"
                             FROM "Finding" f JOIN "Report" r ON r."id" = f."reportId" JOIN "Agency" a ON a."id" = r."agencyId"
                            ORDER BY 1, 2, 3, 4, 8, 9`),
    metrics: await query(`SELECT a."name", m.*, r."versionNo"
                            FROM "ReportMetrics" m JOIN "Agency" a ON a."id" = m."agencyId" JOIN "Report" r ON r."id" = m."reportId"
                           ORDER BY 1, m."year"`).then((rows) =>
      rows.map(({ reportId: _r, agencyId: _a, updatedAt: _u, ...row }) => row),
    ),
  };
}

/** A mixed set: synthetic agencies over several years (departments and their governments among them), a
 *  second version of one agency-year, a rejected file and one without an agency. */
function mixedDocuments(seed: number): PreparedDocument[] {
  const synthetic = [...generateSyntheticDocuments({ reports: 40, years: { from: 2020, to: 2023 }, seed })];
  const base = synthetic[5]!;
  const bytes = uniqueBytes("v2");
  const secondVersion: PreparedDocument = {
    ...base,
    bytes,
    size: bytes.byteLength,
    sha256: hashBytes(bytes),
    fileName: "second-version.txt",
    cells: base.cells.map((cell) => (cell.cellNo === 19 ? { ...cell, value: "77", rawText: "７７" } : cell)),
  };
  const extra: [Uint8Array, ReadResult][] = [
    [uniqueBytes("bad"), buildReadError("CORRUPT_FILE", "PDF 文件已损坏。")],
    [
      uniqueBytes("anon"),
      buildReadResult("000", { agency: { ...buildReadResult("000").agency, name: null, kind: null } }),
    ],
  ];
  return [
    ...synthetic,
    secondVersion,
    ...extra.map(([extraBytes, reading], index) =>
      prepareDocument({ bytes: extraBytes, fileName: `extra-${index}.txt` }, reading, hashBytes(extraBytes)),
    ),
  ];
}

describe("bulk and single paths", () => {
  test("give identical rows for the same files", async () => {
    const documents = mixedDocuments(101);
    const single = await freshDatabase();
    await storeOneByOne(single.db, documents);
    const bulk = await freshDatabase();
    const results = await storeInBulk(bulk.db, documents);
    expect(results.every((r) => r.ok)).toBe(true);
    const [a, b] = [await dumpRows(single.db), await dumpRows(bulk.db)];
    expect(a.cells.length).toBeGreaterThan(40 * 150); // enough cells for the COPY path
    expect(b).toEqual(a);
  });

  test("a report that fails mid-batch leaves no trace while the rest of its batch lands", async () => {
    const database = await freshDatabase();
    const documents = [
      ...generateSyntheticDocuments({ reports: 9, years: { from: 2021, to: 2023 }, seed: 202 }),
    ];
    // The fifth names an agency kind outside the closed list: the database's CHECK refuses it, mid-batch.
    const bad = documents[4]!;
    documents[4] = {
      ...bad,
      agency: { ...bad.agency!, kind: "不存在的类型" as AgencyKind, name: "失败测试镇人民政府" },
    };
    const results = await storeInBulk(database.db, documents);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, false, true, true, true, true]);
    expect(results[4]).toMatchObject({ ok: false, error: { code: "STORE_FAILED" } });
    expect(await database.db.document.count()).toBe(8);
    expect(await database.db.document.count({ where: { sha256: bad.sha256 } })).toBe(0);
    expect(await database.db.agency.count({ where: { name: "失败测试镇人民政府" } })).toBe(0);
    expect(await database.db.report.count()).toBe(8);
    expect(await database.db.reportMetrics.count()).toBe(8);
  });

  test("a batch's cross-year findings read an earlier year as corrected, its own new years as stored", async () => {
    // One agency's seven years: three stored, the third's carry-forward corrected, then the other four in
    // one batch — whose first year's carried-over count matches the value read, not the corrected one.
    const documents = [
      ...generateSyntheticDocuments({ reports: 7, years: { from: 2019, to: 2025 }, seed: 71 }),
    ];
    expect(new Set(documents.map((d) => d.agency!.name)).size).toBe(1);
    const { db } = await freshDatabase();
    const pool = getPool(db);
    const earlier = await storeInBulk(db, documents.slice(0, 3));
    const corrected = earlier[2]!.ok ? earlier[2]!.outcome.reportId! : 0;
    const read = (await readReportCells(pool, [corrected])).get(corrected)!.get("t3.carry_forward.natural")!;
    expect(read.value).not.toBeNull();
    await correctCell(db, {
      reportId: corrected,
      cellId: "t3.carry_forward.natural",
      value: read.value! + 7,
      reason: "按原文",
      userId: null,
    });
    const later = await storeInBulk(db, documents.slice(3));
    expect(later.every((r) => r.ok)).toBe(true);
    const { rows } = await pool.query<{ year: number; code: string; cellIds: string[]; message: string }>(
      `SELECT r."year", f."code", f."cellIds", f."message" FROM "Finding" f JOIN "Report" r ON r."id" = f."reportId"
        WHERE f."origin" = 'across_years' ORDER BY r."year", f."code"`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ year: 2022, code: "RULE_CARRY_OVER", cellIds: ["t3.carried.natural"] });
    expect(rows[0]!.message).toContain(`为 ${read.value! + 7}`);
  });

  test("a batch's cross-year findings compare its new cells as ReportCell stores them (four decimals)", async () => {
    // One agency's consecutive years in one COPY batch, their cells as lines (the generator's) or as cells:
    // 3.12345 is stored as 3.1235 and 2.50001 as 2.5000 — equal to the next year's, no finding — while
    // 1.2346 against 1.2345 is one. The same Finding rows as the single path, which reads back what it stored.
    const generated = [
      ...generateSyntheticDocuments({ reports: 21, years: { from: 2019, to: 2025 }, seed: 72 }),
    ];
    const first = generated[0]!.agency!.name;
    const years = generated.filter((d) => d.agency!.name === first);
    expect(years.map((d) => d.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    const set = (document: PreparedDocument, values: Record<string, string>, asLines: boolean) => {
      const numbers = new Map(Object.entries(values).map(([id, value]) => [getCellNo(id), value]));
      const cells = [
        ...document.cells.filter((cell) => !numbers.has(cell.cellNo)),
        ...[...numbers].map(([cellNo, value]) => ({
          cellNo,
          value,
          rawText: null,
          inferred: false,
          unit: null,
        })),
      ].sort((a, b) => a.cellNo - b.cellNo);
      const changed = { ...document, cells };
      return asLines ? { ...changed, copyLines: { cells: encodeCellCopyLines(cells) } } : changed;
    };
    const edits: Record<number, Record<string, string>> = {
      2019: { "t3.carry_forward.natural": "3.12345" },
      2020: { "t3.carried.natural": "3.1235", "t3.carry_forward.natural": "2.5" },
      2021: { "t3.carried.natural": "2.50001", "t3.carry_forward.natural": "1.2346" },
      2022: { "t3.carried.natural": "1.2345" },
    };
    const documents = generated.map((document) =>
      document.agency!.name === first && edits[document.year!]
        ? set(document, edits[document.year!]!, document.year! % 2 === 0)
        : document,
    );
    expect(documents.reduce((sum, d) => sum + d.cells.length, 0)).toBeGreaterThan(2000); // the COPY path
    const bulk = await freshDatabase();
    expect((await storeInBulk(bulk.db, documents)).every((r) => r.ok)).toBe(true);
    const single = await freshDatabase();
    await storeOneByOne(single.db, documents);
    const findings = (await dumpRows(bulk.db)).findings.filter(
      (f) => f.origin === "across_years" && f.name === first && f.cellIds.includes("t3.carried.natural"),
    );
    expect(findings.map((f) => [f.year, f.message.match(/为 [\d.]+/g)])).toEqual([
      [2022, ["为 1.2345", "为 1.2346"]],
    ]);
    expect((await dumpRows(bulk.db)).findings).toEqual((await dumpRows(single.db)).findings);
  });

  test("a batch COPYs the cell lines a document brings without asking for its cells", async () => {
    const database = await freshDatabase();
    const generated = [
      ...generateSyntheticDocuments({ reports: 20, years: { from: 2020, to: 2023 }, seed: 203 }),
    ];
    // Each document's cells made unreadable: the bulk path must take its lines (copyLines) as they are.
    const documents = generated.map((document) => {
      expect(document.copyLines).toBeDefined();
      return Object.defineProperties(
        { ...document },
        {
          copyLines: { value: document.copyLines },
          cells: {
            enumerable: true,
            get: () => {
              throw new Error("cells asked for");
            },
          },
        },
      ) as PreparedDocument;
    });
    const results = await storeInBulk(database.db, documents);
    expect(results.every((r) => r.ok)).toBe(true);
    const stored = await getPool(database.db).query<{ sha256: string; cells: string }>(
      `SELECT d."sha256", string_agg(concat_ws(':', c."cellNo", c."value"::text), ',' ORDER BY c."cellNo") AS "cells"
         FROM "ReportCell" c JOIN "Report" r ON r."id" = c."reportId" JOIN "Document" d ON d."id" = r."documentId"
        GROUP BY d."sha256" ORDER BY d."sha256"`,
    );
    const expected = generated
      .map((d) => ({
        sha256: d.sha256,
        cells: d.cells
          .map((c) => [c.cellNo, ...(c.value === null ? [] : [Number(c.value).toFixed(4)])].join(":"))
          .join(","),
      }))
      .sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
    expect(stored.rows).toEqual(expected);
  });
});

/** The documents stored one at a time through the single-file path, as uploads store them. */
async function storeOneByOne(db: Db, documents: readonly PreparedDocument[]): Promise<void> {
  for (const document of documents)
    await storeDocument(
      db,
      { bytes: document.bytes, fileName: document.fileName, mediaType: null },
      readingOf(document),
      document.sha256,
    );
}

function readingOf(document: PreparedDocument): ReadResult {
  // The prepared document's reading back as a ReadResult (cells from its rows), for the single path.
  if (!document.reading.ok) return document.reading as ReadResult;
  return {
    ...document.reading,
    cells: Object.fromEntries(
      document.cells.map((c) => [cellIdOf(c.cellNo), c.value === null ? null : Number(c.value)]),
    ),
    rawText: Object.fromEntries(
      document.cells.flatMap((c) => (c.rawText === null ? [] : [[cellIdOf(c.cellNo), c.rawText]])),
    ),
    inferred: document.cells.filter((c) => c.inferred).map((c) => cellIdOf(c.cellNo)),
    units: Object.fromEntries(
      document.cells.flatMap((c) => (c.unit === null ? [] : [[cellIdOf(c.cellNo), c.unit]])),
    ),
    text: "",
  };
}

describe("npm run import (importFiles)", () => {
  test("every file gets a result: stored, duplicate, incomplete, rejected, too large, renamed extension", async () => {
    const database = await freshDatabase();
    const dir = await tempDir();
    const seeds = (await readdir(SAMPLE_REPORTS_DIR)).filter((name) => name.endsWith(".txt")).sort();
    await mkdir(path.join(dir, "nested", ".hidden"), { recursive: true });
    await cp(path.join(SAMPLE_REPORTS_DIR, seeds[0]!), path.join(dir, "a.txt"));
    await cp(path.join(SAMPLE_REPORTS_DIR, seeds[0]!), path.join(dir, "nested", "same-as-a.txt"));
    await cp(path.join(SAMPLE_REPORTS_DIR, seeds[1]!), path.join(dir, "nested", "renamed.pdf"));
    await cp(path.join(SAMPLE_REPORTS_DIR, seeds[2]!), path.join(dir, "nested", ".hidden", "skipped.txt"));
    await writeFile(path.join(dir, "notes.txt"), "这不是年度报告，只是一段说明文字。");
    await writeFile(path.join(dir, "big.txt"), Buffer.alloc(3 * 1024 * 1024, 0x41));
    const results: ImportResult[] = [];
    await importFiles({
      db: database.db,
      paths: [dir, path.join(dir, "missing.txt")],
      uploadedById: null,
      maxUploadBytes: 2 * 1024 * 1024,
      onResult: (result) => results.push(result),
    });
    const byFile = new Map(results.map((r) => [path.relative(dir, r.path), r]));
    expect([...byFile.keys()].sort()).toEqual([
      "a.txt",
      "big.txt",
      "missing.txt",
      "nested/renamed.pdf",
      "nested/same-as-a.txt",
      "notes.txt",
    ]);
    // The same bytes twice: whichever is read first is stored, the other answered as its duplicate.
    const twins = ["a.txt", "nested/same-as-a.txt"].map(
      (file) => byFile.get(file) as Extract<ImportResult, { ok: true }>,
    );
    expect(twins.map((r) => r.outcome.duplicate).sort()).toEqual([false, true]);
    expect(twins[0]!.outcome).toMatchObject({ status: "accepted", documentId: twins[1]!.outcome.documentId });
    expect(byFile.get("nested/renamed.pdf")).toMatchObject({ ok: true, outcome: { status: "accepted" } });
    expect(byFile.get("notes.txt")).toMatchObject({
      ok: true,
      outcome: { status: "rejected", errorCode: "NOT_A_REPORT" },
    });
    expect(byFile.get("big.txt")).toMatchObject({ ok: false, error: { code: "TOO_LARGE" } });
    expect(byFile.get("missing.txt")).toMatchObject({ ok: false, error: { code: "FILE_UNREADABLE" } });
    // Stored: the two reports and the rejected notes (kept byte for byte); not the big file.
    expect(await database.db.document.count()).toBe(3);
    const truth = getTruthReport(seeds[1]!.slice(0, 3));
    const renamed = byFile.get("nested/renamed.pdf") as Extract<ImportResult, { ok: true }>;
    const cells = (await readReportCells(getPool(database.db), [renamed.outcome.reportId!])).get(
      renamed.outcome.reportId!,
    )!;
    expect(cells.get("t3.new.total")!.value).toBe(truth.cells["t3.new.total"]);
  });
});

describe("npm run reread (rereadDocuments)", () => {
  test("new versions only where the cells change, corrections carried over; rejected files read again", async () => {
    const database = await freshDatabase();
    const { db } = database;
    const seeds = (await readdir(SAMPLE_REPORTS_DIR)).filter((name) => name.endsWith(".txt")).sort();
    const dir = await tempDir();
    for (const name of seeds.slice(0, 3)) await cp(path.join(SAMPLE_REPORTS_DIR, name), path.join(dir, name));
    const results: ImportResult[] = [];
    await importFiles({ db, paths: [dir], uploadedById: null, onResult: (r) => results.push(r) });
    const [first, second, third] = seeds
      .slice(0, 3)
      .map(
        (name) =>
          (results.find((r) => path.basename(r.path) === name) as Extract<ImportResult, { ok: true }>)
            .outcome,
      );
    const pool = getPool(db);
    // As if an older reader had read them: the first misread one cell (staff corrected another), the second
    // read exactly what today's reader reads, the third was refused.
    await pool.query(`UPDATE "Document" SET "readerVersion" = 0`);
    await pool.query(`UPDATE "ReportCell" SET "value" = 999 WHERE "reportId" = $1 AND "cellNo" = 2`, [
      first!.reportId,
    ]);
    await correctCell(db, {
      reportId: first!.reportId!,
      cellId: "t2.penalty.decisions",
      value: 1234,
      reason: "按原文",
      userId: null,
    });
    await pool.query(`DELETE FROM "Report" WHERE "id" = $1`, [third!.reportId]);
    await pool.query(
      `UPDATE "Document" SET "status" = 'rejected', "errorCode" = 'NOT_A_REPORT', "agencyId" = NULL WHERE "id" = $1`,
      [third!.documentId],
    );

    const seen: Record<number, string> = {};
    const summary = await rereadDocuments(db, { onDocument: ({ id, outcome }) => (seen[id] = outcome) });
    expect(summary.examined).toBe(3);
    expect(seen).toEqual({
      [first!.documentId]: "new_version",
      [second!.documentId]: "unchanged",
      [third!.documentId]: "status_changed",
    });

    const versions = await db.report.findMany({
      where: { documentId: first!.documentId },
      orderBy: { versionNo: "asc" },
    });
    expect(versions.map((v) => [v.versionNo, v.isCurrent])).toEqual([
      [1, false],
      [2, true],
    ]);
    const cells = await readReportCells(pool, [versions[0]!.id, versions[1]!.id]);
    const t2RulesRepealed = "t2.rules.repealed"; // cell number 2
    expect(cells.get(versions[0]!.id)!.get(t2RulesRepealed)!.value).toBe(999);
    expect(cells.get(versions[1]!.id)!.get(t2RulesRepealed)!.value).toBe(0);
    // The staff correction stands on the new version too.
    expect(cells.get(versions[1]!.id)!.get("t2.penalty.decisions")).toMatchObject({
      value: 1234,
      corrected: true,
    });
    expect(await db.report.count({ where: { documentId: second!.documentId } })).toBe(1);
    expect(await db.report.count({ where: { documentId: third!.documentId, isCurrent: true } })).toBe(1);
    expect(await db.document.count({ where: { readerVersion: 0 } })).toBe(0);
    // Nothing left to read again.
    expect((await rereadDocuments(db)).examined).toBe(0);
  });
});

test("a database written by the previous schema is upgraded with its reports, cells and readings", async () => {
  const database = await freshDatabase({ migrate: false });
  const dir = await tempDir();
  const names = (await readdir(MIGRATIONS_DIR)).sort();
  const before = names.slice(0, names.indexOf("20261203000000_compact_cells"));
  for (const name of before)
    await cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  await applyMigrations({ url: database.url, dir });
  const pool = getPool(database.db);
  const reading = {
    ...buildReadResult("001"),
    rawText: { "t3.new.total": "１７", "t2.licence.decisions": "396" },
  };
  await pool.query(`INSERT INTO "Agency" ("name", "kind") VALUES ('升级测试局', '部门')`);
  await pool.query(
    `INSERT INTO "Document" ("sha256", "fileName", "size", "bytes", "status", "readResult", "agencyId", "year")
     VALUES (repeat('a', 64), 'old.txt', 1, '\\x31', 'accepted', $1, 1, 2023)`,
    [JSON.stringify(reading)],
  );
  await pool.query(
    `INSERT INTO "Report" ("agencyId", "year", "versionNo", "template", "documentId") VALUES (1, 2023, 1, '2021', 1)`,
  );
  await pool.query(
    `INSERT INTO "Cell" ("reportId", "agencyId", "year", "isCurrent", "cellId", "value", "rawText", "inferred", "unit")
     VALUES (1, 1, 2023, true, 't3.new.total', 17, '１７', false, NULL),
            (1, 1, 2023, true, 't2.licence.decisions', 396, '396', false, NULL),
            (1, 1, 2023, true, 't2.fees.amount', 12345, '12345', false, '元'),
            (1, 1, 2023, true, 't3.partial.total', 0, NULL, true, NULL)`,
  );
  await applyMigrations({ url: database.url });
  const cells = (await readReportCells(pool, [1])).get(1)!;
  expect(Object.fromEntries(cells)).toEqual({
    "t2.licence.decisions": {
      value: 396,
      readValue: 396,
      printedText: "396",
      inferred: false,
      unit: null,
      corrected: false,
    },
    "t2.fees.amount": {
      value: 12345,
      readValue: 12345,
      printedText: "12345",
      inferred: false,
      unit: "元",
      corrected: false,
    },
    "t3.new.total": {
      value: 17,
      readValue: 17,
      printedText: "１７",
      inferred: false,
      unit: null,
      corrected: false,
    },
    "t3.partial.total": {
      value: 0,
      readValue: 0,
      printedText: null,
      inferred: true,
      unit: null,
      corrected: false,
    },
  });
  // Only text that differs from the value is kept.
  expect(
    (await pool.query(`SELECT count(*)::int AS n FROM "ReportCell" WHERE "rawText" IS NOT NULL`)).rows[0].n,
  ).toBe(1);
  const document = await database.db.document.findUniqueOrThrow({ where: { id: 1 } });
  expect(document).toMatchObject({
    agencyAsPrinted: "沾益区发改局",
    template: "2021",
    readerVersion: 1,
    errorMessage: null,
  });
  expect(Object.keys(document.reading as object).sort()).toEqual([
    "agency",
    "findings",
    "mediaType",
    "ok",
    "regionCodes",
    "template",
    "year",
  ]);
  expect(await database.db.report.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
    readerVersion: 1,
  });
});
