// Ingestion on a real database: versions, duplicates, rejected and incomplete documents, the read model
// and cross-year findings. Each test works with agencies and bytes of its own, so tests are independent.
import { READER_VERSION } from "@/lib/reader/reader-version";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getPool } from "@/lib/db/create-client";
import { completeDocument } from "@/lib/ingest/complete-document";
import { importDocument } from "@/lib/ingest/import-document";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { readReportCells } from "@/lib/ingest/read-report-cells";
import { SAMPLE_REPORTS_DIR } from "@/lib/ingest/seed-sample-reports";
import { makeReportFiles } from "@/tests/helpers/report-files";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";
import {
  buildReadError,
  buildReadResult,
  getTruthReport,
  uniqueBytes,
} from "@/tests/helpers/read-result-factory";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  // The uploaders the tests name: Document.uploadedById references a real user.
  for (const id of ["u1", "u2"]) {
    await t.db.user.create({ data: { id, name: id, email: `${id}@example.test`, role: "staff" } });
  }
});
afterAll(() => t?.drop());

/** A reading of seed `prefix` under an agency name of this test's own. */
function readingFor(
  prefix: string,
  agencyName: string,
  overrides: Parameters<typeof buildReadResult>[1] = {},
) {
  const base = buildReadResult(prefix);
  return buildReadResult(prefix, {
    ...overrides,
    agency: { ...base.agency, name: agencyName, ...overrides.agency },
  });
}

describe("ingestDocument", () => {
  test("stores a department's report: regions, agency, parent government, alias, cells, findings", async () => {
    const bytes = uniqueBytes();
    const result = readingFor("001", "曲靖市沾益区发展和改革局", {
      findings: [
        {
          code: "ROW_EMPTY",
          severity: "warning",
          kind: "uncertain",
          cells: ["t3.partial.total"],
          message: "（二）部分公开整行未填写。",
        },
      ],
      inferred: ["t3.partial.total"],
      units: { "t2.fees.amount": "万元" },
    });
    const outcome = await ingestDocument(
      t.db,
      { bytes, fileName: "沾益区发改局.txt", uploadedById: "u1" },
      result,
    );
    expect(outcome).toMatchObject({ duplicate: false, status: "accepted", versionNo: 1, year: 2023 });

    const agency = await t.db.agency.findUniqueOrThrow({
      where: { name: "曲靖市沾益区发展和改革局" },
      include: { aliases: true, parent: true, region: true },
    });
    expect(agency).toMatchObject({ kind: "部门", regionCode: "530303" });
    expect(agency.parent).toMatchObject({
      name: "曲靖市沾益区人民政府",
      kind: "区县政府",
      regionCode: "530303",
    });
    expect(agency.aliases.map((a) => a.name)).toEqual(["沾益区发改局"]);
    expect(agency.region).toMatchObject({
      name: "沾益区",
      level: "county",
      parentCode: "5303",
      path: "53/5303/530303/",
    });

    const report = await t.db.report.findUniqueOrThrow({
      where: { id: outcome.reportId! },
      include: { findings: true, document: true },
    });
    const truth = getTruthReport("001");
    const cells = (await readReportCells(getPool(t.db), [report.id])).get(report.id)!;
    expect(cells.size).toBe(Object.keys(truth.cells).length);
    for (const [cellId, cell] of cells) expect(cell.value, cellId).toBe(truth.cells[cellId]);
    expect(cells.get("t3.partial.total")).toMatchObject({ inferred: true, printedText: null });
    expect(cells.get("t2.fees.amount")!.unit).toBe("万元");
    // Text equal to the value's own text is not stored twice, yet reads back as printed.
    expect(cells.get("t3.new.total")!.printedText).toBe(String(truth.cells["t3.new.total"]));
    const stored = await t.db.reportCell.count({ where: { reportId: report.id, rawText: { not: null } } });
    expect(stored).toBe(0);
    expect(report.findings.map((f) => [f.code, f.kind, f.origin, f.cellIds])).toEqual([
      ["ROW_EMPTY", "uncertain", "reader", ["t3.partial.total"]],
    ]);
    expect(Buffer.from(report.document.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(report.document).toMatchObject({
      uploadedById: "u1",
      agencyId: agency.id,
      year: 2023,
      mediaType: "text/plain",
      agencyAsPrinted: "沾益区发改局",
      template: "2021",
      readerVersion: READER_VERSION,
    });
    expect(report).toMatchObject({ readerVersion: READER_VERSION, template: "2021" });
  });

  test("the read model row holds the metric inputs of the current version's cells", async () => {
    const result = readingFor("002", "测试区读模型镇人民政府");
    const outcome = await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "a.txt" }, result);
    const c = (id: string) => result.cells[id] as number;
    const sum = (ids: string[]) => ids.reduce((s, id) => s + c(id), 0);
    const denied = Object.keys(result.cells).filter((id) => /^t3\.denied\.[a-z_]+\.total$/.test(id));
    expect(denied).toHaveLength(8);
    const row = await t.db.reportMetrics.findUniqueOrThrow({ where: { reportId: outcome.reportId! } });
    expect(row).toMatchObject({
      agencyId: outcome.agencyId,
      year: 2023,
      agencyKind: "乡镇",
      template: "2021",
      regionCode: "500107110",
      regionPath: "50/5001/500107/500107110/",
      applicationsNew: c("t3.new.total"),
      applicationsTotal: c("t3.new.total") + c("t3.carried.total"),
      processed: c("t3.outcome_total.total"),
      disclosureRateNum: c("t3.granted.total") + c("t3.partial.total"),
      disclosureRateDen: c("t3.outcome_total.total"),
      substantiveDisclosureRateDen: c("t3.granted.total") + c("t3.partial.total") + sum(denied),
      naturalPersonShareNum: c("t3.new.natural"),
      reviews: c("t4.review.total"),
      reviewCorrectionRateDen: c("t4.review.total") - c("t4.review.pending"),
      lawsuits: c("t4.litigation_direct.total") + c("t4.litigation_after_review.total"),
      licences: c("t2.licence.decisions"),
      feesWan: c("t2.fees.amount"),
    });
    expect(c("t3.new.total")).toBe(17);
  });

  test("a second document for the same agency and year becomes the current version", async () => {
    const name = "测试区版本镇人民政府";
    const first = await ingestDocument(
      t.db,
      { bytes: uniqueBytes(), fileName: "v1.txt" },
      readingFor("002", name),
    );
    const corrected = readingFor("002", name, { cells: { "t3.new.total": 18, "t3.new.natural": 17 } });
    const second = await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "v2.txt" }, corrected);
    expect(second).toMatchObject({ duplicate: false, versionNo: 2, agencyId: first.agencyId });

    const reports = await t.db.report.findMany({
      where: { agencyId: first.agencyId! },
      orderBy: { versionNo: "asc" },
    });
    expect(reports.map((r) => [r.versionNo, r.isCurrent])).toEqual([
      [1, false],
      [2, true],
    ]);
    const cells = await readReportCells(getPool(t.db), [first.reportId!, second.reportId!]);
    expect(cells.get(first.reportId!)!.get("t3.new.total")!.value).toBe(17);
    expect(cells.get(second.reportId!)!.get("t3.new.total")!.value).toBe(18);
    const metrics = await t.db.reportMetrics.findMany({ where: { agencyId: first.agencyId! } });
    expect(metrics.map((m) => [m.reportId, m.applicationsNew])).toEqual([[second.reportId, 18]]);
  });

  test("an agency first read without a region gets it from a later reading, earlier years included", async () => {
    const name = "测试区补全地区镇人民政府";
    const noRegion = { province: null, city: null, county: null, town: null };
    const first = await ingestDocument(
      t.db,
      { bytes: uniqueBytes(), fileName: "2022.txt" },
      readingFor("003", name, { year: 2022, regionCodes: noRegion }),
    );
    expect(
      await t.db.reportMetrics.findUniqueOrThrow({ where: { reportId: first.reportId! } }),
    ).toMatchObject({
      regionPath: null,
    });
    await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "2023.txt" }, readingFor("003", name));
    const rows = await t.db.reportMetrics.findMany({
      where: { agencyId: first.agencyId! },
      orderBy: { year: "asc" },
    });
    expect(rows.map((r) => [r.year, r.regionPath])).toEqual([
      [2022, "41/4111/411103/411103102/"],
      [2023, "41/4111/411103/411103102/"],
    ]);
  });

  test("the same bytes twice are recognised and stored once", async () => {
    const bytes = uniqueBytes();
    const result = readingFor("003", "测试区重复镇人民政府");
    const first = await ingestDocument(t.db, { bytes, fileName: "a.txt" }, result);
    const again = await ingestDocument(
      t.db,
      { bytes: Uint8Array.from(bytes), fileName: "renamed.txt" },
      result,
    );
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await t.db.document.count({ where: { sha256: first.sha256 } })).toBe(1);
    expect(await t.db.report.count({ where: { agencyId: first.agencyId! } })).toBe(1);
  });

  test("concurrent uploads of the same file store one document and one report", async () => {
    const bytes = uniqueBytes();
    const result = readingFor("003", "测试区并发镇人民政府");
    const outcomes = await Promise.all(
      [1, 2, 3, 4].map(() => ingestDocument(t.db, { bytes, fileName: "same.txt" }, result)),
    );
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.documentId)).size).toBe(1);
    expect(new Set(outcomes.map((o) => o.reportId)).size).toBe(1);
    expect(await t.db.document.count({ where: { sha256: outcomes[0]!.sha256 } })).toBe(1);
  });

  test("concurrent different documents of one agency-year get distinct versions, one current", async () => {
    const name = "测试区并发版本镇人民政府";
    const outcomes = await Promise.all(
      [1, 2, 3].map(() =>
        ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "x.txt" }, readingFor("003", name)),
      ),
    );
    expect(outcomes.map((o) => o.versionNo).sort()).toEqual([1, 2, 3]);
    const agencyId = outcomes[0]!.agencyId!;
    expect(await t.db.report.count({ where: { agencyId, isCurrent: true } })).toBe(1);
    expect(await t.db.reportMetrics.count({ where: { agencyId } })).toBe(1);
  });

  test("a rejected file is kept byte for byte with its error", async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, ...uniqueBytes()]);
    const outcome = await ingestDocument(
      t.db,
      { bytes, fileName: "损坏的报告.pdf", mediaType: "application/pdf", uploadedById: "u2" },
      buildReadError("CORRUPT_FILE", "PDF 文件已损坏，无法打开。"),
    );
    expect(outcome).toMatchObject({
      duplicate: false,
      status: "rejected",
      errorCode: "CORRUPT_FILE",
      reportId: null,
    });
    const document = await t.db.document.findUniqueOrThrow({ where: { id: outcome.documentId } });
    expect(Buffer.from(document.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(document).toMatchObject({
      size: bytes.length,
      mediaType: "application/pdf",
      fileName: "损坏的报告.pdf",
      agencyId: null,
    });
    expect(document).toMatchObject({ errorCode: "CORRUPT_FILE", errorMessage: "PDF 文件已损坏，无法打开。" });
    expect(document.reading).toEqual({
      ok: false,
      error: { code: "CORRUPT_FILE", message: "PDF 文件已损坏，无法打开。" },
      mediaType: null,
    });
  });

  test("text PostgreSQL would refuse (NUL, lone surrogates) does not cost the upload", async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x00, ...uniqueBytes()]);
    const result = readingFor("003", "测试区\u0000清洗镇人民政府", {
      text: "正文\u0000含空字符 \ud800 与孤立代理项",
      rawText: { "t3.new.total": "1\u00007" },
    });
    const outcome = await ingestDocument(t.db, { bytes, fileName: "名称\u0000.txt" }, result);
    expect(outcome.status).toBe("accepted");
    const document = await t.db.document.findUniqueOrThrow({ where: { id: outcome.documentId } });
    expect(document.fileName).toBe("名称.txt");
    expect(Buffer.from(document.bytes).equals(Buffer.from(bytes))).toBe(true);
    const cell = (await readReportCells(getPool(t.db), [outcome.reportId!]))
      .get(outcome.reportId!)!
      .get("t3.new.total")!;
    expect(cell.printedText).toBe("17");
    expect(await t.db.agency.count({ where: { name: "测试区清洗镇人民政府" } })).toBe(1);
  });

  test("a reading without agency or year is kept for staff to complete", async () => {
    const base = buildReadResult("000");
    const noAgency = buildReadResult("000", {
      agency: { ...base.agency, name: null, kind: null },
      findings: [
        {
          code: "AGENCY_UNRESOLVED",
          severity: "warning",
          kind: "uncertain",
          cells: [],
          message: "无法确定发布机关。",
        },
      ],
    });
    const a = await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "a.txt" }, noAgency);
    expect(a).toMatchObject({ status: "needs_agency", agencyId: null, year: 2023, reportId: null });

    const noYear = buildReadResult("000", {
      year: null,
      agency: { ...base.agency, name: "测试区无年份镇人民政府" },
    });
    const b = await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "b.txt" }, noYear);
    expect(b).toMatchObject({ status: "needs_year", year: null, reportId: null });
    expect(b.agencyId).not.toBeNull();
    const stored = await t.db.document.findUniqueOrThrow({ where: { id: a.documentId } });
    expect(stored.reading).toMatchObject({ ok: true, findings: [{ code: "AGENCY_UNRESOLVED" }] });
    // The slim reading keeps no cells and no text: an accepted document's cells are its report's.
    expect(Object.keys(stored.reading as object).sort()).toEqual(
      ["agency", "findings", "mediaType", "ok", "regionCodes", "template", "year"].sort(),
    );
    expect(await t.db.report.count({ where: { documentId: { in: [a.documentId, b.documentId] } } })).toBe(0);
  });

  test("staff complete a document: agency resolved from the name they give, then the year", async () => {
    // A real report whose title names neither the agency nor the year: completion reads its bytes again.
    const seed = await readFile(path.join(SAMPLE_REPORTS_DIR, "003_b657cdc2b6fa0bce.txt"), "utf8");
    const text = seed
      .replace("郾城区裴城镇 2023 年政府信息公开工作年度报告", "政府信息公开工作年度报告")
      .replaceAll("我镇", "我单位");
    const bytes = new TextEncoder().encode(`${text}\n${uniqueBytes("unplaced")}`);
    const base = buildReadResult("003");
    const unplaced = buildReadResult("003", {
      year: null,
      agency: {
        ...base.agency,
        name: null,
        kind: null,
        province: null,
        city: null,
        county: null,
        town: null,
      },
      regionCodes: { province: null, city: null, county: null, town: null },
    });
    const stored = await ingestDocument(t.db, { bytes, fileName: "unplaced.txt" }, unplaced);
    expect(stored.status).toBe("needs_agency");

    const withAgency = await completeDocument(t.db, {
      documentId: stored.documentId,
      agencyName: "郾城区裴城镇",
    });
    expect(withAgency).toMatchObject({ status: "needs_year", reportId: null });
    const agency = await t.db.agency.findUniqueOrThrow({
      where: { id: withAgency.agencyId! },
      include: { aliases: true },
    });
    expect(agency).toMatchObject({ name: "漯河市郾城区裴城镇人民政府", kind: "乡镇" });

    const done = await completeDocument(t.db, { documentId: stored.documentId, year: 2023 });
    expect(done).toMatchObject({ status: "accepted", year: 2023, versionNo: 1, agencyId: agency.id });
    const report = await t.db.report.findUniqueOrThrow({
      where: { id: done.reportId! },
      include: { findings: true },
    });
    // What staff supplied is no longer a finding; the cells are those read from the bytes.
    expect(report.findings.map((f) => f.code)).toEqual([]);
    const cells = (await readReportCells(getPool(t.db), [report.id])).get(report.id)!;
    expect(cells.get("t3.new.total")!.value).toBe(getTruthReport("003").cells["t3.new.total"]);
    expect(await t.db.reportMetrics.count({ where: { reportId: report.id } })).toBe(1);

    await expect(completeDocument(t.db, { documentId: stored.documentId, year: 2024 })).rejects.toMatchObject(
      {
        code: "DOCUMENT_NOT_INCOMPLETE",
      },
    );
    await expect(completeDocument(t.db, { documentId: 987654, year: 2024 })).rejects.toMatchObject({
      code: "DOCUMENT_NOT_FOUND",
    });
  });

  test("cross-year carry-over: found in either upload order, removed when corrected", async () => {
    const name = "测试区跨年镇人民政府";
    const year2022 = (carryForward: number) =>
      readingFor("002", name, { year: 2022, cells: { "t3.carry_forward.total": carryForward } });
    const year2023 = readingFor("002", name, { cells: { "t3.carried.total": 3 } });

    // 2023 first, then 2022 whose 结转下年度 (5) disagrees with 2023's 上年结转 (3).
    const r2023 = await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "2023.txt" }, year2023);
    expect(await acrossYearCodes(r2023.reportId!)).toEqual([]);
    await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "2022.txt" }, year2022(5));
    const findings = await t.db.finding.findMany({
      where: { reportId: r2023.reportId!, origin: "across_years" },
    });
    expect(findings.map((f) => [f.code, f.kind, f.cellIds])).toEqual([
      ["RULE_CARRY_OVER", "inconsistent", ["t3.carried.total"]],
    ]);
    expect(findings[0]!.message).toContain("2022");

    // Staff dismiss it; another 2022 version with the same figure keeps the finding and its status.
    await t.db.finding.update({ where: { id: findings[0]!.id }, data: { status: "dismissed" } });
    await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "2022-again.txt" }, year2022(5));
    const kept = await t.db.finding.findMany({
      where: { reportId: r2023.reportId!, origin: "across_years" },
    });
    expect(kept.map((f) => [f.id, f.status])).toEqual([[findings[0]!.id, "dismissed"]]);

    // A corrected 2022 version (结转下年度 3) clears it.
    await ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "2022-v2.txt" }, year2022(3));
    expect(await acrossYearCodes(r2023.reportId!)).toEqual([]);

    // A new 2023 version against the current 2022 (3 = 3) has none; one printing 4 has one.
    const v2 = await ingestDocument(
      t.db,
      { bytes: uniqueBytes(), fileName: "2023-v2.txt" },
      readingFor("002", name, { cells: { "t3.carried.total": 4 } }),
    );
    expect(await acrossYearCodes(v2.reportId!)).toEqual(["RULE_CARRY_OVER"]);
  });

  test("cross-year carry-over compares the values as stored (four decimal places), in either upload order", async () => {
    // 3.00004 is stored as 3.0000 (DECIMAL(20, 4)) and agrees with 3; 3.0004 is stored as it is and does not.
    // The version just stored is compared by its stored cells, not by the numbers the reader gave.
    const carried = (name: string, value: number) =>
      readingFor("002", name, { cells: { "t3.carried.total": value } });
    const forward = (name: string, value: number) =>
      readingFor("002", name, { year: 2022, cells: { "t3.carry_forward.total": value } });
    const send = (reading: ReturnType<typeof readingFor>) =>
      ingestDocument(t.db, { bytes: uniqueBytes(), fileName: "rounding.txt" }, reading);
    const cases = [
      { value: 3.00004, codes: [] },
      { value: 3.0004, codes: ["RULE_CARRY_OVER"] },
    ];
    for (const [index, { value, codes }] of cases.entries()) {
      // The later year first: the new 2022 version's 结转下年度 is compared with 2023's 上年结转 (3).
      const late = `测试区跨年舍入${index}甲镇人民政府`;
      const r2023 = await send(carried(late, 3));
      await send(forward(late, value));
      expect(await acrossYearCodes(r2023.reportId!)).toEqual(codes);
      // The earlier year first: the new 2023 version's 上年结转 is compared with 2022's 结转下年度 (3).
      const early = `测试区跨年舍入${index}乙镇人民政府`;
      await send(forward(early, 3));
      const later = await send(carried(early, value));
      expect(await acrossYearCodes(later.reportId!)).toEqual(codes);
    }
  });
});

test("adjacent years uploaded at the same time still see each other (carry-over found)", async () => {
  const names = [1, 2, 3, 4, 5, 6].map((i) => `测试区同时上传${i}号镇人民政府`);
  // Agencies that exist already (a creation would serialise the two uploads by itself).
  for (const name of names) {
    await ingestDocument(
      t.db,
      { bytes: uniqueBytes(), fileName: "2020.txt" },
      readingFor("002", name, { year: 2020 }),
    );
  }
  await Promise.all(
    names.flatMap((name) => [
      ingestDocument(
        t.db,
        { bytes: uniqueBytes(), fileName: "2022.txt" },
        readingFor("002", name, { year: 2022, cells: { "t3.carry_forward.total": 5 } }),
      ),
      ingestDocument(
        t.db,
        { bytes: uniqueBytes(), fileName: "2023.txt" },
        readingFor("002", name, { cells: { "t3.carried.total": 3 } }),
      ),
    ]),
  );
  for (const name of names) {
    const report = await t.db.report.findFirstOrThrow({
      where: { agency: { name }, year: 2023, isCurrent: true },
    });
    expect(await acrossYearCodes(report.id), name).toEqual(["RULE_CARRY_OVER"]);
  }
});

async function acrossYearCodes(reportId: number): Promise<string[]> {
  const findings = await t.db.finding.findMany({ where: { reportId, origin: "across_years" } });
  return findings.map((f) => f.code);
}

describe("importDocument (the upload path: hash, reader thread, storage)", () => {
  test("a file the reader cannot place keeps the media type its upload declared, and its bytes", async () => {
    const bytes = new Uint8Array([0x00, 0x01, 0x02, 0xfe, ...uniqueBytes("declared")]);
    const outcome = await importDocument(t.db, {
      bytes,
      fileName: "未知格式\u0000.bin",
      mediaType: "application/x-declared-by-upload",
      uploadedById: "u2",
    });
    expect(outcome).toMatchObject({ duplicate: false, status: "rejected", reportId: null });
    const document = await t.db.document.findUniqueOrThrow({ where: { id: outcome.documentId } });
    expect(document).toMatchObject({
      mediaType: "application/x-declared-by-upload",
      fileName: "未知格式.bin",
      uploadedById: "u2",
      size: bytes.length,
      sourceUrl: null,
    });
    expect(Buffer.from(document.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  test("a refusal is decided on the reading's agency and regions, and keeps the document as rejected", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 4343 });
    const seen: { agency: string | null; codes: (string | null)[] }[] = [];
    const outcome = await importDocument(t.db, file!, {
      refuse: async (reading) => {
        seen.push({ agency: reading.agency.name, codes: Object.values(reading.regionCodes) });
        return { code: "OUT_OF_REGION", message: "不在您负责的地区内" };
      },
    });
    expect(seen).toEqual([{ agency: file!.agency, codes: expect.arrayContaining([file!.regionCode]) }]);
    expect(outcome).toMatchObject({ status: "rejected", errorCode: "OUT_OF_REGION", reportId: null });
    expect(await t.db.report.count({ where: { documentId: outcome.documentId } })).toBe(0);
  });
});
