// Every Prisma model of models.prisma, through the client, on a database migrated by our SQL — so the
// schema and the hand-written migration cannot drift: a missing column, a wrong type, a missing unique or
// foreign key shows up here.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { METRICS } from "@/lib/metrics/metric-dictionary";
import { changeColumnName, changeIndexName, changeNColumnName } from "@/lib/metrics/metric-changes";
import { rankingIndexName } from "@/lib/metrics/ranking-index";
import { listDeclaredIndexes } from "@/tests/helpers/prisma-schema-indexes";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

async function createRegionChain() {
  const { db } = t;
  await db.region.create({ data: { code: "53", name: "云南省", level: "province", path: "53/" } });
  await db.region.create({
    data: { code: "5303", name: "曲靖市", level: "city", parentCode: "53", path: "53/5303/" },
  });
  return db.region.create({
    data: { code: "530303", name: "沾益区", level: "county", parentCode: "5303", path: "53/5303/530303/" },
  });
}

async function createUser(id: string) {
  return t.db.user.create({ data: { id, name: id, email: `${id}@example.test`, role: "staff" } });
}

async function createDocument(name: string) {
  return t.db.document.create({
    data: {
      sha256: sha(name),
      fileName: `${name}.txt`,
      mediaType: "text/plain",
      size: 3,
      bytes: new Uint8Array([0xe4, 0xb8, 0x80]),
      status: "accepted",
      readerVersion: 1,
      reading: { ok: true, name },
    },
  });
}

describe("schema matches the migration", () => {
  test("every scalar field of every model is a column of the migrated database", async () => {
    const model = (t.db as unknown as { _runtimeDataModel: RuntimeDataModel })._runtimeDataModel;
    const columns = await t.db.$queryRaw<{ table_name: string; column_name: string; udt_name: string }[]>`
      SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public'`;
    const actual = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c.udt_name]));
    const missing: string[] = [];
    let checked = 0;
    for (const [name, { fields, dbName }] of Object.entries(model.models)) {
      for (const field of fields.filter((f) => f.kind !== "object")) {
        checked += 1;
        const udt = actual.get(`${dbName ?? name}.${field.name}`);
        if (!udt || !udtMatches(field, udt))
          missing.push(`${name}.${field.name}:${field.type}→${udt ?? "none"}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(90);
  });
});

describe("schema matches the migration: indexes", () => {
  test("every index the schema declares exists with its columns, uniqueness and predicate — and no other", async () => {
    // Besides the schema's own: 排名's partial index per metric (migration 20261208000000_ranking_indexes,
    // which Prisma cannot express) — (year, value, agencyId) INCLUDE (kind[, numerator, denominator]); a
    // rate's value is an expression, which has no column of its own in pg_index.
    const rankingIndexes = METRICS.map((metric) => ({
      table: "ReportMetrics",
      name: rankingIndexName(metric),
      columns:
        metric.kind === "count"
          ? ["year", metric.column, "agencyId", "agencyKind"]
          : ["year", "agencyId", "agencyKind", metric.numeratorColumn, metric.denominatorColumn],
      unique: false,
      partial: true,
    }));
    // And 排名 by change's partial index per metric (migration 20261209000000_metric_changes): (year, change,
    // agencyId) INCLUDE (kind[, the smaller n]).
    const changeIndexes = METRICS.map((metric) => ({
      table: "ReportMetricChanges",
      name: changeIndexName(metric),
      columns: ["year", changeColumnName(metric), "agencyId", "agencyKind", changeNColumnName(metric)].filter(
        (column) => column !== null,
      ),
      unique: false,
      partial: true,
    }));
    const declared = [...listDeclaredIndexes(), ...rankingIndexes, ...changeIndexes];
    const actual = await t.db.$queryRaw<
      { table: string; name: string; columns: string[]; unique: boolean; partial: boolean }[]
    >`
      SELECT t.relname AS "table", i.relname AS "name",
             array_agg(a.attname::text ORDER BY k.n) AS "columns",
             x.indisunique AS "unique", x.indpred IS NOT NULL AS "partial"
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace s ON s.oid = t.relnamespace AND s.nspname = 'public'
        CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE t.relname <> '_prisma_migrations'
       GROUP BY t.relname, i.relname, x.indisunique, x.indpred`;
    const byName = (rows: { name: string }[]) => [...rows].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(actual)).toEqual(byName(declared));
    expect(declared.length).toBeGreaterThan(40);
  });
});

describe("models", () => {
  test("Region: a tree with materialised paths for prefix filtering", async () => {
    const county = await createRegionChain();
    const withParents = await t.db.region.findUniqueOrThrow({
      where: { code: county.code },
      include: { parent: { include: { parent: true } } },
    });
    expect(withParents.parent?.parent?.name).toBe("云南省");
    const inCity = await t.db.region.findMany({
      where: { path: { startsWith: "53/5303/" } },
      orderBy: { path: "asc" },
    });
    expect(inCity.map((r) => r.code)).toEqual(["5303", "530303"]);
    await expect(
      t.db.region.create({ data: { code: "99", name: "x", level: "province", path: "53/" } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  test("Agency and AgencyAlias: region, parent government, names as printed", async () => {
    const gov = await t.db.agency.create({
      data: { name: "曲靖市沾益区人民政府", kind: "区县政府", regionCode: "530303" },
    });
    const dept = await t.db.agency.create({
      data: {
        name: "曲靖市沾益区发展和改革局",
        kind: "部门",
        regionCode: "530303",
        parentId: gov.id,
        aliases: { create: [{ name: "沾益区发改局" }] },
      },
      include: { aliases: true, parent: true, region: true },
    });
    expect(dept.parent?.name).toBe("曲靖市沾益区人民政府");
    expect(dept.region?.name).toBe("沾益区");
    expect(dept.aliases.map((a) => a.name)).toEqual(["沾益区发改局"]);
    await expect(
      t.db.agencyAlias.create({ data: { agencyId: dept.id, name: "沾益区发改局" } }),
    ).rejects.toMatchObject({
      code: "P2002",
    });
    await expect(
      t.db.agency.create({ data: { name: "曲靖市沾益区人民政府", kind: "区县政府" } }),
    ).rejects.toMatchObject({
      code: "P2002",
    });
    await expect(t.db.agency.create({ data: { name: "某机构", kind: "公司" } })).rejects.toThrow(
      /Agency_kind_check/,
    );
    const gov2 = await t.db.agency.findUniqueOrThrow({ where: { id: gov.id }, include: { children: true } });
    expect(gov2.children.map((c) => c.id)).toEqual([dept.id]);
  });

  test("Document: bytes kept byte for byte, sha256 unique", async () => {
    const bytes = new Uint8Array([0, 255, 0xef, 0xbb, 0xbf, 13, 10, 0x80]);
    const doc = await t.db.document.create({
      data: {
        sha256: sha("raw"),
        fileName: "损坏.pdf",
        size: bytes.length,
        bytes,
        status: "rejected",
        errorCode: "CORRUPT_FILE",
        errorMessage: "文件已损坏",
        readerVersion: 1,
        reading: { ok: false, error: { code: "CORRUPT_FILE", message: "文件已损坏" }, mediaType: null },
        uploadedById: (await createUser("uploader")).id,
      },
    });
    const read = await t.db.document.findUniqueOrThrow({ where: { sha256: sha("raw") } });
    expect(Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(read.mediaType).toBeNull();
    expect(read.reading).toMatchObject({ error: { code: "CORRUPT_FILE" } });
    await expect(createDocumentWithSha(sha("raw"))).rejects.toMatchObject({ code: "P2002" });
    await expect(createDocumentWithSha("not-a-hash")).rejects.toThrow(/Document_sha256_check/);
    expect(doc.uploadedAt).toBeInstanceOf(Date);
  });

  test("Report, ReportCell, CellCorrection: one current version per (agency, year); corrections on top", async () => {
    const agency = await t.db.agency.create({ data: { name: "测试镇人民政府", kind: "乡镇" } });
    const [d1, d2] = [await createDocument("v1"), await createDocument("v2")];
    const version = (versionNo: number, documentId: number, extra: object = {}) => ({
      data: {
        agencyId: agency.id,
        year: 2023,
        versionNo,
        template: "2021",
        documentId,
        readerVersion: 1,
        ...extra,
      },
    });
    const v1 = await t.db.report.create(version(1, d1.id));
    const [newTotal, fees] = await Promise.all(
      ["t3.new.total", "t2.fees.amount"].map((cellId) =>
        t.db.cellDefinition.findUniqueOrThrow({ where: { cellId } }),
      ),
    );
    await t.db.reportCell.createMany({
      data: [
        { reportId: v1.id, cellNo: newTotal!.cellNo, value: 17, rawText: "１７" },
        { reportId: v1.id, cellNo: fees!.cellNo, value: new Prisma.Decimal("59237.2449"), unit: "万元" },
      ],
    });
    // A second current version of the same agency and year is refused by the partial unique index.
    await expect(t.db.report.create(version(2, d2.id))).rejects.toMatchObject({ code: "P2002" });
    await t.db.report.update({ where: { id: v1.id }, data: { isCurrent: false } });
    const v2 = await t.db.report.create(version(2, d2.id));
    await t.db.reportCell.create({
      data: { reportId: v2.id, cellNo: newTotal!.cellNo, value: 18, inferred: true },
    });
    // One row per (version, cell).
    await expect(
      t.db.reportCell.create({ data: { reportId: v2.id, cellNo: newTotal!.cellNo } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await expect(t.db.report.create(version(2, d2.id, { isCurrent: false }))).rejects.toMatchObject({
      code: "P2002",
    });
    await expect(
      t.db.report.create({
        data: {
          agencyId: agency.id,
          year: 2024,
          versionNo: 1,
          template: "2020",
          documentId: d2.id,
          readerVersion: 1,
        },
      }),
    ).rejects.toThrow(/Report_template_check/);

    // Corrections: the latest one of a cell wins in the view; the reading underneath stays.
    const staff = await createUser("corrector");
    await t.db.cellCorrection.create({
      data: {
        reportId: v2.id,
        cellNo: newTotal!.cellNo,
        oldValue: 18,
        newValue: 19,
        reason: "原文为 19",
        correctedById: staff.id,
        isLatest: false,
      },
    });
    await t.db.cellCorrection.create({
      data: {
        reportId: v2.id,
        cellNo: newTotal!.cellNo,
        oldValue: 19,
        newValue: 20,
        reason: "再核为 20",
        correctedById: staff.id,
      },
    });
    await expect(
      t.db.cellCorrection.create({
        data: { reportId: v2.id, cellNo: newTotal!.cellNo, oldValue: 20, newValue: 21, reason: "两条最新" },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    const view = await t.db.$queryRaw<{ value: string; readValue: string; corrected: boolean }[]>`
      SELECT "value"::text, "readValue"::text, "corrected" FROM "CellValue" WHERE "reportId" = ${v2.id}`;
    expect(view).toEqual([{ value: "20.0000", readValue: "18.0000", corrected: true }]);
    expect((await t.db.reportCell.findFirstOrThrow({ where: { reportId: v2.id } })).value?.toNumber()).toBe(
      18,
    );

    const old = await t.db.report.findUniqueOrThrow({ where: { id: v1.id }, include: { document: true } });
    const oldCells = await t.db.$queryRaw<{ cellId: string; value: string; rawText: string | null }[]>`
      SELECT d."cellId", c."value"::text, c."rawText" FROM "ReportCell" c
        JOIN "CellDefinition" d ON d."cellNo" = c."cellNo" WHERE c."reportId" = ${v1.id} ORDER BY c."cellNo"`;
    expect(oldCells.map((c) => [c.cellId, c.value, c.rawText])).toEqual([
      ["t2.fees.amount", "59237.2449", null],
      ["t3.new.total", "17.0000", "１７"],
    ]);
    // Deleting a version takes its cells with it (by trigger: ReportCell has no foreign keys).
    await t.db.report.delete({ where: { id: v1.id } });
    expect(await t.db.reportCell.count({ where: { reportId: v1.id } })).toBe(0);
    expect(old.document.fileName).toBe("v1.txt");
    expect(old.status).toBe("needs_review");
  });

  test("Finding: cell ids, kind, severity, status, origin", async () => {
    const report = await t.db.report.findFirstOrThrow({ where: { isCurrent: true } });
    const finding = await t.db.finding.create({
      data: {
        reportId: report.id,
        code: "RULE_CARRY_OVER",
        severity: "warning",
        kind: "inconsistent",
        origin: "across_years",
        cellIds: ["t3.carried.total", "t3.carry_forward.total"],
        message: "上年结转与上一年度结转下年度不一致",
      },
    });
    expect(finding.status).toBe("open");
    const resolved = await t.db.finding.update({
      where: { id: finding.id },
      data: { status: "dismissed", resolvedAt: new Date(), resolvedById: (await createUser("resolver")).id },
      include: { report: true },
    });
    expect(resolved.cellIds).toEqual(["t3.carried.total", "t3.carry_forward.total"]);
    expect(resolved.report.id).toBe(report.id);
  });

  test("uploader, confirmer and resolver are real users; a deleted user leaves the records without a name", async () => {
    const user = await createUser("linked-user");
    const doc = await t.db.document.create({
      data: {
        sha256: sha("linked"),
        fileName: "linked.txt",
        size: 1,
        bytes: new Uint8Array([0x31]),
        status: "rejected",
        readerVersion: 1,
        reading: {},
        uploadedById: user.id,
      },
      include: { uploadedBy: true },
    });
    expect(doc.uploadedBy?.email).toBe("linked-user@example.test");
    await expect(
      t.db.document.create({
        data: {
          sha256: sha("ghost"),
          fileName: "ghost.txt",
          size: 1,
          bytes: new Uint8Array([0x32]),
          status: "rejected",
          readerVersion: 1,
          reading: {},
          uploadedById: "no-such-user",
        },
      }),
    ).rejects.toThrow(/Document_uploadedById_fkey/);
    await t.db.user.delete({ where: { id: user.id } });
    expect((await t.db.document.findUniqueOrThrow({ where: { id: doc.id } })).uploadedById).toBeNull();
  });

  test("ReportMetrics: one row per current report, filtered by year, kind and region prefix", async () => {
    const report = await t.db.report.findFirstOrThrow({ where: { isCurrent: true } });
    await t.db.reportMetrics.create({
      data: {
        reportId: report.id,
        agencyId: report.agencyId,
        year: report.year,
        agencyKind: "乡镇",
        regionCode: "530303",
        regionPath: "53/5303/530303/",
        template: "2021",
        applicationsNew: 18,
        disclosureRateNum: 5,
        disclosureRateDen: 17,
        feesWan: 59237.2449,
      },
    });
    const rows = await t.db.reportMetrics.findMany({
      where: { year: 2023, agencyKind: "乡镇", regionPath: { startsWith: "53/5303/" } },
      include: { agency: true, report: true },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ applicationsNew: 18, processed: null, feesWan: 59237.2449 });
    await expect(
      t.db.reportMetrics.create({
        data: {
          reportId: report.id,
          agencyId: report.agencyId,
          year: 2023,
          agencyKind: "乡镇",
          template: "2021",
        },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    // Deleting a report takes its cells, findings and read-model row with it.
    await t.db.report.delete({ where: { id: report.id } });
    expect(await t.db.reportMetrics.count({ where: { reportId: report.id } })).toBe(0);
    expect(await t.db.reportCell.count({ where: { reportId: report.id } })).toBe(0);
    expect(await t.db.finding.count({ where: { reportId: report.id } })).toBe(0);
  });
});

async function createDocumentWithSha(sha256: string) {
  return t.db.document.create({
    data: {
      sha256,
      fileName: "x",
      size: 0,
      bytes: new Uint8Array(),
      status: "rejected",
      readerVersion: 1,
      reading: {},
    },
  });
}

interface RuntimeDataModel {
  models: Record<string, { dbName: string | null; fields: { name: string; kind: string; type: string }[] }>;
}

const UDT_BY_TYPE: Record<string, string[]> = {
  String: ["text", "_text", "varchar"],
  Int: ["int4", "_int4", "int2"],
  BigInt: ["int8"],
  Float: ["float8"],
  Decimal: ["numeric"],
  Boolean: ["bool"],
  DateTime: ["timestamp", "timestamptz"],
  Json: ["jsonb"],
  Bytes: ["bytea"],
};

function udtMatches(field: { kind: string; type: string }, udt: string): boolean {
  if (field.kind === "enum") return udt === field.type || udt === `_${field.type}`;
  return UDT_BY_TYPE[field.type]?.includes(udt) ?? false;
}
