// The upload route's work (lib/ingest/receive-upload.ts) on a real database with real files: every file a
// result of its own in the API's shape, every refusal with its code and a Chinese message while the rest of
// the batch lands, TOO_LARGE without reading or storing, the same bytes answered as a duplicate, a renamed
// file read by its content, names never used as paths, region limits, and two uploads for one agency × year
// racing into two versions with exactly one current.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "@/lib/auth/create-user";
import { receiveUpload } from "@/lib/ingest/receive-upload";
import type { UploadResult } from "@/lib/ingest/upload-result";
import {
  makeBadFiles,
  renderImageOnlyPdf,
  makeReportFiles,
  renderReportPdf,
  type ReportFile,
} from "@/tests/helpers/report-files";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
let staff: { id: string; email: string; role: "staff"; regions: string[] };
beforeAll(async () => {
  t = await createTestDatabase();
  const user = await createUser(t.db, {
    email: "upload-staff@example.gov.cn",
    role: "staff",
    password: "a long enough password",
    actor: null,
  });
  staff = { ...user, role: "staff", regions: [] };
});
afterAll(() => t?.drop());

function uploadRequest(files: { fileName: string; bytes: Uint8Array; type?: string }[]): Request {
  const form = new FormData();
  for (const file of files)
    form.append(
      "files",
      new Blob([Buffer.from(file.bytes)], { type: file.type ?? "application/octet-stream" }),
      file.fileName,
    );
  return new Request("http://localhost/api/reports", { method: "POST", body: form });
}

async function upload(
  files: { fileName: string; bytes: Uint8Array }[],
  uploader: typeof staff = staff,
): Promise<{ status: number; results: UploadResult[] }> {
  const response = await receiveUpload(t.db, { request: uploadRequest(files), uploader, ip: "127.0.0.1" });
  const body = (await response.json()) as { results: UploadResult[] };
  return { status: response.status, results: body.results };
}

describe("POST /api/reports", () => {
  test("one result per file, in order: good reports stored, each bad file refused with its code", async () => {
    const good = makeReportFiles({ count: 2, seed: 101 });
    const bad = [...makeBadFiles(), await renderImageOnlyPdf()];
    const files = [good[0]!, ...bad, good[1]!];
    const { status, results } = await upload(files);
    expect(status).toBe(200);
    expect(results.map((r) => r.file)).toEqual(files.map((f) => f.fileName));
    for (const [index, file] of [good[0]!, good[1]!].entries()) {
      const result = results[index === 0 ? 0 : results.length - 1]!;
      expect(result).toMatchObject({
        ok: true,
        status: "accepted",
        agency: { name: file.agency },
        year: file.year,
        template: file.template,
        findings: { inconsistent: 0, uncertain: 0 },
      });
      expect(result.reportId).toEqual(expect.any(Number));
      const cells = await t.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "ReportCell" WHERE "reportId" = ${result.reportId}`;
      expect(cells[0]!.n).toBeGreaterThan(150);
    }
    for (const [index, file] of bad.entries()) {
      const result = results[index + 1]!;
      expect(result, file.fileName).toMatchObject({
        ok: false,
        status: "rejected",
        error: { code: file.code },
      });
      expect(result.error!.message, file.fileName).toMatch(/[\u4e00-\u9fff]/);
      // Kept byte for byte all the same.
      const stored = await t.db.document.findUniqueOrThrow({ where: { id: result.documentId! } });
      expect(Buffer.from(stored.bytes).equals(Buffer.from(file.bytes))).toBe(true);
      expect(stored.errorCode).toBe(file.code);
    }
    const audit = await t.db.auditLog.findMany({ where: { action: "upload", actorId: staff.id } });
    expect(audit).toHaveLength(files.length);
    // Each stored file's entry, written with it: what it became, its report or its error code.
    for (const result of results) {
      const entry = audit.find((row) => row.target === `document ${result.documentId}`);
      expect(entry, result.file).toMatchObject({
        actorEmail: staff.email,
        ip: "127.0.0.1",
        details: {
          file: result.file,
          status: result.status,
          ...(result.reportId !== undefined ? { reportId: result.reportId } : {}),
          ...(result.error ? { error: result.error.code } : {}),
        },
      });
    }
  });

  test("the open findings counted in each result are the report's, whether stored now or a duplicate", async () => {
    const [offBy] = makeReportFiles({ count: 1, seed: 108, offBy: 7 });
    const stored = (await upload([offBy!])).results[0]!;
    expect(stored).toMatchObject({ ok: true, status: "accepted", agency: { name: offBy!.agency } });
    const [counts] = await t.db.$queryRaw<{ inconsistent: number; uncertain: number }[]>`
      SELECT count(*) FILTER (WHERE "kind" = 'inconsistent')::int AS inconsistent,
             count(*) FILTER (WHERE "kind" = 'uncertain')::int AS uncertain
        FROM "Finding" WHERE "reportId" = ${stored.reportId} AND "status" = 'open'`;
    expect(counts!.inconsistent).toBeGreaterThan(0);
    expect(stored.findings).toEqual(counts);
    // The same bytes again: nothing stored, the same report and counts, looked up rather than written.
    const again = (await upload([offBy!])).results[0]!;
    expect(again).toMatchObject({
      status: "duplicate",
      documentId: stored.documentId,
      reportId: stored.reportId,
      agency: stored.agency,
      template: stored.template,
      findings: counts,
    });
  });

  test("a file over MAX_UPLOAD_MB is a TOO_LARGE result, neither read nor stored, and the others land", async () => {
    const [small] = makeReportFiles({ count: 1, seed: 102 });
    const big = { fileName: "超大文件.pdf", bytes: new Uint8Array(1.5 * 1024 * 1024).fill(0x41) };
    const before = await t.db.document.count();
    const previous = process.env.MAX_UPLOAD_MB;
    process.env.MAX_UPLOAD_MB = "1";
    try {
      const { status, results } = await upload([big, small!]);
      expect(status).toBe(200);
      expect(results[0]).toMatchObject({
        file: "超大文件.pdf",
        ok: false,
        documentId: null,
        status: "rejected",
        error: { code: "TOO_LARGE" },
      });
      expect(results[0]!.error!.message).toBe(
        "文件大小 1.5 MB，超过上限 1 MB（可由管理员通过 MAX_UPLOAD_MB 调整）。",
      );
      expect(results[1]).toMatchObject({ ok: true, status: "accepted" });
    } finally {
      if (previous === undefined) delete process.env.MAX_UPLOAD_MB;
      else process.env.MAX_UPLOAD_MB = previous;
    }
    expect(await t.db.document.count()).toBe(before + 1);
  });

  test("the same bytes again are a duplicate pointing at what exists; a renamed PDF is read by its content", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 103 });
    const pdf = await renderReportPdf(file!);
    const first = await upload([{ fileName: "看起来是文本.txt", bytes: pdf }]);
    expect(first.results[0]).toMatchObject({ ok: true, status: "accepted", agency: { name: file!.agency } });
    const again = await upload([{ fileName: "另一个名字.pdf", bytes: pdf }]);
    expect(again.results[0]).toMatchObject({
      ok: true,
      status: "duplicate",
      documentId: first.results[0]!.documentId,
      reportId: first.results[0]!.reportId,
    });
    const stored = await t.db.document.findUniqueOrThrow({ where: { id: first.results[0]!.documentId! } });
    expect(stored.mediaType).toBe("application/pdf");
    // The duplicate stored nothing: the document has the one entry of its first upload.
    const entries = await t.db.auditLog.findMany({
      where: { action: "upload", target: `document ${first.results[0]!.documentId}` },
    });
    expect(entries.map((entry) => (entry.details as { file: string }).file)).toEqual(["看起来是文本.txt"]);
  });

  test("file names are names, never paths", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 104 });
    const { results } = await upload([{ fileName: "../../../etc/\u202eevil.txt", bytes: file!.bytes }]);
    expect(results[0]!.file).toBe("evil.txt");
    const stored = await t.db.document.findUniqueOrThrow({ where: { id: results[0]!.documentId! } });
    expect(stored.fileName).toBe("evil.txt");
  });

  test("a request without files, or not multipart, is a 400 with a code", async () => {
    const empty = await receiveUpload(t.db, {
      request: new Request("http://localhost/api/reports", { method: "POST", body: new FormData() }),
      uploader: staff,
      ip: null,
    });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: "INVALID_INPUT" } });
    await expect(
      receiveUpload(t.db, {
        request: new Request("http://localhost/api/reports", { method: "POST", body: "{}" }),
        uploader: staff,
        ip: null,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  test("a staff member limited to regions files reports only for agencies in them; others are kept, refused", async () => {
    const files = makeReportFiles({ count: 6, seed: 105 });
    const inside = files[0]!;
    const prefix = inside.regionCode!.slice(0, 4);
    const outside = files.find((file) => file.regionCode && !file.regionCode.startsWith(prefix))!;
    expect(outside, "the synthetic set spans several cities").toBeDefined();
    const limited = await createUser(t.db, {
      email: "upload-limited@example.gov.cn",
      role: "staff",
      password: "a long enough password",
      regions: [prefix],
      actor: null,
    });
    const { results } = await upload([inside, outside], { ...limited, role: "staff", regions: [prefix] });
    expect(results[0]).toMatchObject({ ok: true, status: "accepted" });
    expect(results[1]).toMatchObject({ ok: false, status: "rejected", error: { code: "OUT_OF_REGION" } });
    expect(results[1]!.error!.message).toContain(outside.agency);
    const kept = await t.db.document.findUniqueOrThrow({ where: { id: results[1]!.documentId! } });
    expect(kept).toMatchObject({ status: "rejected", errorCode: "OUT_OF_REGION", agencyId: null });
    expect(await t.db.report.count({ where: { documentId: kept.id } })).toBe(0);
    expect(await t.db.agency.count({ where: { name: outside.agency } })).toBe(0);
  });
});

describe("integrity", () => {
  test("two uploads of different files for one agency × year at once: two versions, exactly one current", async () => {
    const [file] = makeReportFiles({ count: 1, seed: 106 });
    const other: ReportFile = {
      ...file!,
      cells: { ...file!.cells, "t2.penalty.decisions": (file!.cells["t2.penalty.decisions"] ?? 0) + 7 },
    };
    const { renderReportText } = await import("@/tests/helpers/report-files");
    const second = { fileName: "第二版.txt", bytes: new TextEncoder().encode(renderReportText(other, 1)) };
    const results = await Promise.all([upload([file!]), upload([second])]);
    for (const {
      results: [result],
    } of results)
      expect(result).toMatchObject({ ok: true, status: "accepted" });
    const agency = await t.db.agency.findUniqueOrThrow({ where: { name: file!.agency } });
    const versions = await t.db.report.findMany({
      where: { agencyId: agency.id, year: file!.year },
      orderBy: { versionNo: "asc" },
    });
    expect(versions.map((v) => v.versionNo)).toEqual([1, 2]);
    expect(versions.filter((v) => v.isCurrent)).toHaveLength(1);
    expect(versions[1]!.isCurrent).toBe(true);
    const metrics = await t.db.reportMetrics.findMany({ where: { agencyId: agency.id, year: file!.year } });
    expect(metrics.map((m) => m.reportId)).toEqual([versions[1]!.id]);
  });
});
