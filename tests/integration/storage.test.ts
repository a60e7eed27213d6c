// The cell store and what rests on it (issue 16): versions that never rewrite old cells, the read model
// generated from the metric dictionary (fees in 元 and 万元, nulls), its rebuild, corrections on top of the
// reading, diffs between versions, and the cell catalogue in the database. Each test works with agencies and
// bytes of its own.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { CELL_DEFINITIONS } from "@/lib/ingest/cell-numbers";
import { correctCell } from "@/lib/ingest/correct-cell";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { readReportCells } from "@/lib/ingest/read-report-cells";
import { rebuildReportMetrics } from "@/lib/ingest/refresh-report-metrics";
import { diffReportVersions } from "@/lib/queries/diff-report-versions";
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

function readingFor(name: string, overrides: Parameters<typeof buildReadResult>[1] = {}) {
  const base = buildReadResult("002");
  return buildReadResult("002", { ...overrides, agency: { ...base.agency, name, ...overrides.agency } });
}

async function ingest(name: string, overrides: Parameters<typeof buildReadResult>[1] = {}) {
  return ingestDocument(t.db, { bytes: uniqueBytes(), fileName: `${name}.txt` }, readingFor(name, overrides));
}

async function metricsOf(reportId: number) {
  return t.db.reportMetrics.findUniqueOrThrow({ where: { reportId } });
}

test("the cell catalogue in the database is spec/cells.json, numbered in catalogue order", async () => {
  const rows = await t.db.cellDefinition.findMany({ orderBy: { cellNo: "asc" } });
  expect(rows).toHaveLength(226);
  expect(rows.map((r) => ({ ...r, rowPath: [...r.rowPath], versions: [...r.versions] }))).toEqual(
    CELL_DEFINITIONS.map((d) => ({ ...d, rowPath: [...d.rowPath], versions: [...d.versions] })),
  );
});

test("a new version becomes current without touching the old version's cells", async () => {
  const first = await ingest("存储测试版本镇人民政府");
  const before = await t.db.$queryRaw<{ ctid: string; xmin: string }[]>`
    SELECT ctid::text, xmin::text FROM "ReportCell" WHERE "reportId" = ${first.reportId} ORDER BY "cellNo"`;
  expect(before.length).toBeGreaterThan(150);
  const second = await ingest("存储测试版本镇人民政府", { cells: { "t2.penalty.decisions": 16 } });
  expect(second.versionNo).toBe(2);
  const after = await t.db.$queryRaw<{ ctid: string; xmin: string }[]>`
    SELECT ctid::text, xmin::text FROM "ReportCell" WHERE "reportId" = ${first.reportId} ORDER BY "cellNo"`;
  // Same physical rows, written by the same transaction as before: not one of them was rewritten.
  expect(after).toEqual(before);
  const reports = await t.db.report.findMany({
    where: { agencyId: first.agencyId! },
    orderBy: { versionNo: "asc" },
  });
  expect(reports.map((r) => r.isCurrent)).toEqual([false, true]);
});

describe("the read model (SQL generated from the metric dictionary)", () => {
  // A small, complete report, the counts worked out by hand from spec/metrics.md:
  // N 20, C 3, G 8, P 2, D 1 + 1, U 4, X 2, O 1 → T 19, F 4; RV 3 (1 corrected, 1 pending);
  // LD 2 (0 corrected, 1 pending) + LR 1 (1 corrected).
  const zeroRows = (prefix: string, reasons: string[]) =>
    Object.fromEntries(reasons.map((reason) => [`t3.${prefix}.${reason}.total`, 0]));
  const cells: Record<string, number | null> = {
    ...zeroRows("denied", [
      "state_secret",
      "law_forbidden",
      "three_safety",
      "third_party",
      "internal_affairs",
      "process_info",
      "enforcement_file",
      "query_matter",
    ]),
    ...zeroRows("unable", ["not_held", "needs_creation", "unclear"]),
    ...zeroRows("rejected", ["petition", "duplicate", "publication", "mass_repeat", "confirm_info"]),
    "t3.denied.state_secret.total": 1,
    "t3.denied.third_party.total": 1,
    "t3.unable.not_held.total": 4,
    "t3.rejected.duplicate.total": 2,
    "t3.new.total": 20,
    "t3.new.natural": 15,
    "t3.carried.total": 3,
    "t3.granted.total": 8,
    "t3.partial.total": 2,
    "t3.outcome_total.total": 19,
    "t3.carry_forward.total": 4,
    "t3.other.total": 1,
    "t4.review.total": 3,
    "t4.review.corrected": 1,
    "t4.review.pending": 1,
    "t4.litigation_direct.total": 2,
    "t4.litigation_direct.corrected": 0,
    "t4.litigation_direct.pending": 1,
    "t4.litigation_after_review.total": 1,
    "t4.litigation_after_review.corrected": 1,
    "t4.litigation_after_review.pending": 0,
    "t2.licence.decisions": 396,
    "t2.penalty.decisions": 0,
    "t2.enforcement.decisions": 181,
    "t2.fees.amount": 59237.2449,
  };

  test("counts, numerators and denominators follow spec/metrics.md", async () => {
    const outcome = await ingest("存储测试指标镇人民政府", { cells, units: { "t2.fees.amount": "万元" } });
    expect(await metricsOf(outcome.reportId!)).toMatchObject({
      applicationsNew: 20,
      applicationsTotal: 23,
      processed: 19,
      carriedForward: 4,
      disclosureRateNum: 10,
      disclosureRateDen: 19,
      substantiveDisclosureRateNum: 10,
      substantiveDisclosureRateDen: 12,
      denialRateNum: 2,
      denialRateDen: 19,
      unableRateNum: 4,
      unableRateDen: 19,
      rejectionRateNum: 2,
      completionRateNum: 19,
      completionRateDen: 23,
      naturalPersonShareNum: 15,
      naturalPersonShareDen: 20,
      reviews: 3,
      reviewCorrectionRateNum: 1,
      reviewCorrectionRateDen: 2,
      lawsuits: 3,
      litigationCorrectionRateNum: 1,
      litigationCorrectionRateDen: 2,
      remedyRatePer100Num: 6,
      remedyRatePer100Den: 19,
      licences: 396,
      penalties: 0,
      enforcements: 181,
      feesWan: 59237.2449,
    });
  });

  test("a metric with a null input is null, not 0", async () => {
    const outcome = await ingest("存储测试空值镇人民政府", {
      cells: { ...cells, "t3.partial.total": null, "t2.fees.amount": null },
    });
    const row = await metricsOf(outcome.reportId!);
    expect(row).toMatchObject({
      disclosureRateNum: null,
      disclosureRateDen: 19,
      feesWan: null,
      applicationsNew: 20,
    });
  });

  test.each([
    { unit: "元", printed: 123456, wan: 12.3456 },
    { unit: "万元", printed: 12.5, wan: 12.5 },
    { unit: null, printed: 3, wan: 3 },
  ])("fees printed as $printed $unit count as $wan 万元", async ({ unit, printed, wan }) => {
    const outcome = await ingest(`存储测试收费${unit ?? "无单位"}镇人民政府`, {
      cells: { "t2.fees.amount": printed },
      units: { "t2.fees.amount": unit },
    });
    expect((await metricsOf(outcome.reportId!)).feesWan).toBe(wan);
    const cell = (await readReportCells(getPool(t.db), [outcome.reportId!]))
      .get(outcome.reportId!)!
      .get("t2.fees.amount");
    // The cell keeps what was printed; only the metric converts.
    expect(cell).toMatchObject({ value: printed, unit });
  });
});

describe("corrections", () => {
  test("a correction applies on top: findings, read model and diff follow; the reading stays", async () => {
    const outcome = await ingest("存储测试更正镇人民政府");
    const reportId = outcome.reportId!;
    const before = await metricsOf(reportId);
    const natural = (await readReportCells(getPool(t.db), [reportId]))
      .get(reportId)!
      .get("t3.new.natural")!.value!;

    // Staff "correct" 新收·自然人 by one: table 三 no longer balances, and the rules say so.
    const first = await correctCell(t.db, {
      reportId,
      cellId: "t3.new.natural",
      value: natural + 1,
      reason: "核对原文",
      userId: "staff1",
    });
    expect(first).toMatchObject({ oldValue: natural, newValue: natural + 1 });
    const cell = (await readReportCells(getPool(t.db), [reportId])).get(reportId)!.get("t3.new.natural")!;
    expect(cell).toMatchObject({ value: natural + 1, readValue: natural, corrected: true });
    const codes = async () =>
      (await t.db.finding.findMany({ where: { reportId, origin: "reader" }, orderBy: { code: "asc" } })).map(
        (f) => [f.code, f.cellIds.join(",")],
      );
    expect(await codes()).toEqual([
      ["RULE_BALANCE", "t3.new.natural,t3.carried.natural,t3.outcome_total.natural,t3.carry_forward.natural"],
      [
        "RULE_ROW_TOTAL",
        "t3.new.total,t3.new.natural,t3.new.commercial,t3.new.research,t3.new.social,t3.new.legal,t3.new.other",
      ],
    ]);
    // The read model counts the corrected figure where the formula uses it (自然人申请占比's numerator).
    expect((await metricsOf(reportId)).naturalPersonShareNum).toBe(natural + 1);
    expect((await metricsOf(reportId)).applicationsNew).toBe(before.applicationsNew);

    // Corrected back: the findings go, and two corrections stand in the cell's history, the last one latest.
    await correctCell(t.db, {
      reportId,
      cellId: "t3.new.natural",
      value: natural,
      reason: "改回原值",
      userId: "staff1",
    });
    expect(await codes()).toEqual([]);
    const history = await t.db.cellCorrection.findMany({ where: { reportId }, orderBy: { id: "asc" } });
    expect(
      history.map((h) => [
        h.oldValue?.toNumber(),
        h.newValue?.toNumber(),
        h.reason,
        h.isLatest,
        h.correctedById,
      ]),
    ).toEqual([
      [natural, natural + 1, "核对原文", false, "staff1"],
      [natural + 1, natural, "改回原值", true, "staff1"],
    ]);
    expect((await metricsOf(reportId)).naturalPersonShareNum).toBe(natural);
    const cellNo = CELL_DEFINITIONS.find((d) => d.cellId === "t3.new.natural")!.cellNo;
    const stored = await t.db.reportCell.findFirstOrThrow({ where: { reportId, cellNo } });
    expect(stored.value?.toNumber()).toBe(natural);
  });

  test("bad corrections are refused with their code and change nothing", async () => {
    const outcome = await ingest("存储测试拒绝更正镇人民政府");
    const reportId = outcome.reportId!;
    await expect(
      correctCell(t.db, { reportId, cellId: "t3.new.total", value: 1, reason: "  ", userId: null }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      correctCell(t.db, { reportId, cellId: "t9.nothing", value: 1, reason: "x", userId: null }),
    ).rejects.toMatchObject({ code: "CELL_NOT_FOUND" });
    // A 2019-template cell on a 2021 report.
    await expect(
      correctCell(t.db, { reportId, cellId: "t2.rules.made", value: 1, reason: "x", userId: null }),
    ).rejects.toMatchObject({ code: "CELL_NOT_FOUND" });
    await expect(
      correctCell(t.db, { reportId: 987654, cellId: "t3.new.total", value: 1, reason: "x", userId: null }),
    ).rejects.toMatchObject({ code: "REPORT_NOT_FOUND" });
    await expect(
      correctCell(t.db, { reportId, cellId: "t3.new.total", value: Number.NaN, reason: "x", userId: null }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await t.db.cellCorrection.count({ where: { reportId } })).toBe(0);
  });

  test("the diff between two versions lists exactly the cells that differ, corrections included", async () => {
    const v1 = await ingest("存储测试差异镇人民政府");
    const v2 = await ingest("存储测试差异镇人民政府", {
      cells: { "t2.penalty.decisions": 99, "t2.licence.decisions": 7 },
    });
    await correctCell(t.db, {
      reportId: v2.reportId!,
      cellId: "t2.enforcement.decisions",
      value: 5,
      reason: "原文为 5",
      userId: null,
    });
    const v1Cells = (await readReportCells(getPool(t.db), [v1.reportId!])).get(v1.reportId!)!;
    const changes = await diffReportVersions(t.db, { fromReportId: v1.reportId!, toReportId: v2.reportId! });
    expect(changes).toEqual(
      [
        {
          cellId: "t2.licence.decisions",
          from: v1Cells.get("t2.licence.decisions")!.value,
          to: 7,
          fromCorrected: false,
          toCorrected: false,
        },
        {
          cellId: "t2.penalty.decisions",
          from: v1Cells.get("t2.penalty.decisions")!.value,
          to: 99,
          fromCorrected: false,
          toCorrected: false,
        },
        {
          cellId: "t2.enforcement.decisions",
          from: v1Cells.get("t2.enforcement.decisions")!.value,
          to: 5,
          fromCorrected: false,
          toCorrected: true,
        },
      ]
        .filter((change) => change.from !== change.to)
        .sort(
          (a, b) =>
            CELL_DEFINITIONS.findIndex((d) => d.cellId === a.cellId) -
            CELL_DEFINITIONS.findIndex((d) => d.cellId === b.cellId),
        ),
    );
  });
});

test("the rebuilt read model equals the one ingestion and corrections kept up to date", async () => {
  // This file's agencies, versions, corrections and a region filled in later are all in the database now.
  const snapshot = async () =>
    (await t.db.reportMetrics.findMany({ orderBy: { reportId: "asc" } })).map(
      ({ updatedAt: _updatedAt, ...row }) => row,
    );
  const incremental = await snapshot();
  expect(incremental.length).toBeGreaterThan(8);
  const { rows } = await rebuildReportMetrics(getPool(t.db));
  expect(rows).toBe(incremental.length);
  expect(await snapshot()).toEqual(incremental);
  expect(await t.db.appState.findUniqueOrThrow({ where: { key: "reportMetricsSql" } })).toBeTruthy();
});
