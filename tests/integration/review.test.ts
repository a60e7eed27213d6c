// Staff review on a real database with real files read by the reader (in its worker pool): corrections
// re-run the rules and move findings and the read model; findings settled with a reason, once; 确认 only with
// nothing open, undone by a later correction; a version refiled under another year or re-read as the other
// template, versions listed and diffed (corrections included); 待核对 filtered; a refused document accepted;
// where cells were printed, located through the pool.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "@/lib/auth/create-user";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { completeDocument } from "@/lib/ingest/complete-document";
import { confirmReport, reopenReport } from "@/lib/ingest/confirm-report";
import { correctCell } from "@/lib/ingest/correct-cell";
import { importDocument } from "@/lib/ingest/import-document";
import { locateInWorker } from "@/lib/ingest/reader-pool";
import { refileReport } from "@/lib/ingest/refile-report";
import { rereadAsTemplate } from "@/lib/ingest/reread-as-template";
import { resolveFinding } from "@/lib/ingest/resolve-finding";
import { diffReportVersions } from "@/lib/queries/diff-report-versions";
import { getReportReview } from "@/lib/queries/get-report-review";
import { listReviewQueue } from "@/lib/queries/list-review-queue";
import { reviewQueueFiltersSchema } from "@/lib/queries/review-queue-filters";
import {
  makeReportFiles,
  renderReportPdf,
  renderReportText,
  type ReportFile,
} from "@/tests/helpers/report-files";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
let staffId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  staffId = (
    await createUser(t.db, {
      email: "review@example.gov.cn",
      role: "staff",
      password: "a long enough password",
      actor: null,
    })
  ).id;
});
afterAll(() => t?.drop());

async function upload(file: { fileName: string; bytes: Uint8Array }) {
  const outcome = await importDocument(t.db, { ...file, uploadedById: staffId });
  expect(outcome.status, file.fileName).toBe("accepted");
  return outcome;
}

function withCells(file: ReportFile, cells: Record<string, number | null>, name: string) {
  const changed = { ...file, cells: { ...file.cells, ...cells } };
  return { fileName: name, bytes: new TextEncoder().encode(renderReportText(changed, 3)) };
}

describe("corrections, findings and 确认", () => {
  test("a correction re-runs the rules: the inconsistency goes, the read model follows, the reading stays", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 201, offBy: 4 });
    const { reportId } = await upload(file!);
    const before = await getReportReview(t.db, reportId!);
    const rowTotal = before!.findings.find(
      (f) => f.code === "RULE_ROW_TOTAL" && f.cellIds.includes("t3.new.total"),
    );
    expect(rowTotal, "the 4 added to 本年新收 · 总计 breaks its row").toBeDefined();
    const printed = file!.cells["t3.new.total"]!;
    const right = printed - 4;
    expect(before!.cells["t3.new.total"]).toMatchObject({ value: printed, corrected: false });

    await expect(confirmReport(t.db, { reportId: reportId!, userId: staffId })).rejects.toMatchObject({
      code: "REPORT_HAS_OPEN_FINDINGS",
    });
    await correctCell(t.db, {
      reportId: reportId!,
      cellId: "t3.new.total",
      value: right,
      reason: "原文合计有误，按各列之和",
      userId: staffId,
    });

    const after = await getReportReview(t.db, reportId!);
    expect(after!.cells["t3.new.total"]).toMatchObject({ value: right, readValue: printed, corrected: true });
    expect(after!.findings.filter((f) => f.status === "open" && f.kind === "inconsistent")).toEqual([]);
    expect(after!.corrections).toMatchObject([
      {
        cellId: "t3.new.total",
        oldValue: printed,
        newValue: right,
        reason: "原文合计有误，按各列之和",
        isLatest: true,
      },
    ]);
    const metrics = await t.db.reportMetrics.findUniqueOrThrow({ where: { reportId: reportId! } });
    expect(metrics.applicationsNew).toBe(right);

    await confirmReport(t.db, { reportId: reportId!, userId: staffId });
    const confirmed = await getReportReview(t.db, reportId!);
    expect(confirmed).toMatchObject({ status: "confirmed", confirmedBy: "review" });
    await expect(confirmReport(t.db, { reportId: reportId!, userId: staffId })).rejects.toMatchObject({
      code: "REPORT_ALREADY_CONFIRMED",
    });
    // A later correction makes it 待核对 again.
    await correctCell(t.db, {
      reportId: reportId!,
      cellId: "t2.penalty.decisions",
      value: 99,
      reason: "复核",
      userId: staffId,
    });
    await withTransaction(getPool(t.db), (client) => reopenReport(client, reportId!));
    expect((await getReportReview(t.db, reportId!))!.status).toBe("needs_review");
  });

  test("a finding is settled once, with a reason; the report can then be confirmed", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 202, offBy: 2 });
    const { reportId } = await upload(file!);
    const open = (await getReportReview(t.db, reportId!))!.findings.filter((f) => f.status === "open");
    expect(open.length).toBeGreaterThan(0);
    await expect(
      resolveFinding(t.db, { findingId: open[0]!.id, decision: "confirmed", reason: "  ", userId: staffId }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const settled = await Promise.allSettled(
      ["confirmed", "dismissed"].map((decision) =>
        resolveFinding(t.db, {
          findingId: open[0]!.id,
          decision: decision as "confirmed",
          reason: "原文如此",
          userId: staffId,
        }),
      ),
    );
    expect(settled.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(settled.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "FINDING_ALREADY_RESOLVED" },
    });
    for (const finding of open.slice(1))
      await resolveFinding(t.db, {
        findingId: finding.id,
        decision: "dismissed",
        reason: "已与原文核对",
        userId: staffId,
      });
    const review = await getReportReview(t.db, reportId!);
    expect(
      review!.findings.every((f) => f.status !== "open" && f.resolvedBy === "review" && f.resolutionReason),
    ).toBe(true);
    await confirmReport(t.db, { reportId: reportId!, userId: staffId });
    await expect(
      resolveFinding(t.db, { findingId: 2 ** 31 - 1, decision: "dismissed", reason: "x", userId: staffId }),
    ).rejects.toMatchObject({ code: "FINDING_NOT_FOUND" });
  });
});

describe("versions", () => {
  test("a second upload becomes current; the diff between them lists the changed cells, corrections included", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 203 });
    const first = await upload(file!);
    const second = await upload(
      withCells(file!, { "t2.penalty.decisions": 41, "t2.enforcement.decisions": 7 }, "第二版.txt"),
    );
    expect(second.versionNo).toBe(2);
    const review = await getReportReview(t.db, first.reportId!);
    expect(review!.versions.map((v) => [v.versionNo, v.isCurrent, v.uploadedBy])).toEqual([
      [2, true, "review"],
      [1, false, "review"],
    ]);
    await correctCell(t.db, {
      reportId: first.reportId!,
      cellId: "t3.new.natural",
      value: 12345,
      reason: "测试",
      userId: staffId,
    });
    const changes = await diffReportVersions(t.db, {
      fromReportId: first.reportId!,
      toReportId: second.reportId!,
    });
    expect(changes.map((c) => c.cellId).sort()).toEqual([
      "t2.enforcement.decisions",
      "t2.penalty.decisions",
      "t3.new.natural",
    ]);
    expect(changes.find((c) => c.cellId === "t3.new.natural")).toMatchObject({
      from: 12345,
      fromCorrected: true,
    });
    expect(changes.find((c) => c.cellId === "t2.penalty.decisions")).toMatchObject({ to: 41 });
  });

  test("refiled under another year: current there, the version it displaced and the one left behind follow", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 204, years: { from: 2022, to: 2023 } });
    const [next] = makeReportFiles({ count: 2, seed: 204, years: { from: 2022, to: 2023 } }).slice(1);
    const y2022 = await upload(file!);
    const y2023 = await upload(next!);
    // A second upload for 2022 that was really the 2023 report (say the title printed the wrong year).
    const misfiled = await upload(withCells(file!, { "t2.penalty.decisions": 5 }, "误为2022.txt"));
    expect(misfiled.versionNo).toBe(2);
    const result = await refileReport(t.db, { reportId: misfiled.reportId!, year: 2023 });
    expect(result.to).toMatchObject({ year: 2023, versionNo: 2 });
    const reports = await t.db.report.findMany({
      where: { agencyId: y2022.agencyId! },
      orderBy: { id: "asc" },
    });
    expect(reports.map((r) => [r.id, r.year, r.versionNo, r.isCurrent])).toEqual([
      [y2022.reportId, 2022, 1, true],
      [y2023.reportId, 2023, 1, false],
      [misfiled.reportId, 2023, 2, true],
    ]);
    const metrics = await t.db.reportMetrics.findMany({
      where: { agencyId: y2022.agencyId! },
      orderBy: { year: "asc" },
    });
    expect(metrics.map((m) => [m.year, m.reportId])).toEqual([
      [2022, y2022.reportId],
      [2023, misfiled.reportId],
    ]);
    expect((await t.db.document.findUniqueOrThrow({ where: { id: misfiled.documentId } })).year).toBe(2023);
    await expect(refileReport(t.db, { reportId: misfiled.reportId!, year: 2023 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      refileReport(t.db, { reportId: misfiled.reportId!, agency: { id: 2 ** 31 - 1 } }),
    ).rejects.toMatchObject({
      code: "AGENCY_NOT_FOUND",
    });
  });

  test("re-read as the other template: a new current version of the same document, the old one untouched", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 205 });
    const first = await upload(file!);
    await correctCell(t.db, {
      reportId: first.reportId!,
      cellId: "t3.new.natural",
      value: 777,
      reason: "核对原文",
      userId: staffId,
    });
    const { reportId } = await rereadAsTemplate(t.db, { reportId: first.reportId!, template: "2019" });
    const reread = await getReportReview(t.db, reportId);
    expect(reread).toMatchObject({
      template: "2019",
      versionNo: 2,
      isCurrent: true,
      document: { id: first.documentId },
    });
    expect(reread!.cells["t2.rules.made"]).toBeDefined();
    expect(reread!.cells["t2.rules.issued"]).toBeUndefined();
    expect(reread!.cells["t3.new.natural"]).toMatchObject({ value: 777, corrected: true });
    const old = await getReportReview(t.db, first.reportId!);
    expect(old).toMatchObject({ template: "2021", isCurrent: false });
    expect(old!.cells["t2.rules.issued"]).toBeDefined();
    await expect(rereadAsTemplate(t.db, { reportId, template: "2019" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});

describe("待核对 and documents", () => {
  test("lists reports with open findings and documents to complete, by region, year and status", async () => {
    const flagged = makeReportFiles({ count: 3, seed: 206, offBy: 1 });
    for (const file of flagged) await upload(file);
    const noAgency = {
      fileName: "无机关.txt",
      bytes: new TextEncoder().encode(renderReportText({ ...flagged[0]!, asPrinted: "" }, 9)),
    };
    const incomplete = await importDocument(t.db, { ...noAgency, uploadedById: staffId });
    const parse = (query: Record<string, string>) => reviewQueueFiltersSchema.parse(query);
    const all = await listReviewQueue(t.db, { filters: parse({}) });
    for (const file of flagged) expect(all.rows.some((row) => row.agencyName === file.agency)).toBe(true);
    expect(incomplete.status).toBe("needs_agency");
    expect(all.rows.some((row) => row.kind === "document" && row.id === incomplete.documentId)).toBe(true);
    const documents = await listReviewQueue(t.db, { filters: parse({ status: "needs_agency" }) });
    expect(documents.rows.map((row) => row.kind)).toEqual(["document"]);
    const region = flagged[0]!.regionCode!.slice(0, 4);
    const inRegion = await listReviewQueue(t.db, { filters: parse({ region }) });
    expect(inRegion.rows.length).toBeGreaterThan(0);
    expect(inRegion.rows.every((row) => row.kind === "report")).toBe(true);
    expect(inRegion.rows.some((row) => row.agencyName === flagged[0]!.agency)).toBe(true);
    expect(inRegion.total).toBeLessThan(all.total);
    expect((await listReviewQueue(t.db, { filters: parse({ year: "2019" }) })).total).toBe(0);
    const consistent = await listReviewQueue(t.db, { filters: parse({ status: "uncertain" }) });
    expect(consistent.rows.every((row) => row.uncertain > 0)).toBe(true);
    const limited = await listReviewQueue(t.db, { filters: parse({}), limitTo: [region] });
    expect(
      limited.rows
        .filter((row) => row.kind === "report")
        .every((row) => inRegion.rows.some((r) => r.id === row.id)),
    ).toBe(true);
    // Nonsense in the URL is "all", never an error.
    expect(parse({ region: "abc", year: "x", status: "hacked", page: "-3" })).toEqual({
      status: "all",
      page: 1,
    });
  });

  test("a document refused as another region's is accepted later by someone allowed there", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 207 });
    const outcome = await importDocument(
      t.db,
      { ...file!, uploadedById: staffId },
      { refuse: async () => ({ code: "OUT_OF_REGION", message: "不在您负责的地区内" }) },
    );
    expect(outcome).toMatchObject({ status: "rejected", errorCode: "OUT_OF_REGION", reportId: null });
    const completed = await completeDocument(t.db, { documentId: outcome.documentId });
    expect(completed).toMatchObject({ status: "accepted", reportId: expect.any(Number) });
    const document = await t.db.document.findUniqueOrThrow({ where: { id: outcome.documentId } });
    expect(document).toMatchObject({ status: "accepted", errorCode: null, errorMessage: null });
  });

  test("where cells were printed is located in the reader pool, for a stored PDF", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 208, offBy: 3 });
    const pdf = await renderReportPdf(file!);
    const positions = await locateInWorker(pdf, "报告.pdf", { template: "2021" });
    expect(positions?.kind).toBe("pdf");
    expect(positions!.cells["t3.new.total"]).toMatchObject({ exact: true, page: expect.any(Number) });
    expect(positions!.cells["t3.new.total"]!.box).toHaveLength(4);
  });
});
