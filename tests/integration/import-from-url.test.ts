// Import from the web against a local HTTP server on 127.0.0.1 (the allow list names it, as
// FETCH_ALLOW_HOSTS would): a list page of annual reports with a next page, report pages made from the real
// seed texts, the real sample PDF, the same file under two addresses, a link that redirects to 127.0.0.2
// (outside the allow list), a slow page and a huge file. Every fetched file is stored byte for byte with
// its address and fetch time and answered in the upload API's shape. No traffic leaves loopback.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "@/lib/auth/create-user";
import type { FetchConfig } from "@/lib/fetch/fetch-config";
import { importFromUrl, type UrlImport } from "@/lib/ingest/import-from-url";
import { receiveUrlImport } from "@/lib/ingest/receive-url-import";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const FIXTURES = path.join(import.meta.dirname, "../../lib/reader/fixtures");
const seed = (name: string) => readFileSync(path.join(FIXTURES, "seeds", name));
const SEED_000 = seed("000_ea51994d2031337b.txt").toString("utf8");
const SEED_002 = seed("002_ef554fa879909b3d.txt").toString("utf8");
const SEED_001 = seed("001_2ed4faa730a0c388.txt");
const SAMPLE_PDF = readFileSync(path.join(FIXTURES, "samples", "hongze_district_2024.pdf"));
const HUGE = Buffer.alloc(2 * 1024 * 1024, 0x41);

let t: TestDatabase;
let server: http.Server;
let port: number;
let closedPort: number;
let base: string;
const requested: string[] = [];
let staff: { id: string; role: "staff"; regions: string[] };

function reportPage(text: string): string {
  const lines = text
    .split("\n")
    .map((line) => `<p>${line.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>${lines}</body></html>`;
}

function listPage(links: [string, string][]): string {
  const items = links.map(([href, text]) => `<li><a href="${href}">${text}</a></li>`).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><a href="/">首页</a><ul>${items}</ul></body></html>`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const user = await createUser(t.db, {
    email: "web-import@example.gov.cn",
    role: "staff",
    password: "a long enough password",
    actor: null,
  });
  staff = { id: user.id, role: "staff", regions: [] };
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  server = http.createServer((request, response) => {
    const url = request.url ?? "/";
    requested.push(url);
    const html = (body: string) =>
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body);
    switch (url) {
      case "/list/index.html":
        return html(
          listPage([
            ["/art/000.html", "聚贤镇2023年度政府信息公开工作年度报告"],
            ["../art/000.html", "聚贤镇2023年度政府信息公开工作年度报告（重复链接）"],
            ["/files/hongze.pdf", "2024年政府信息公开工作年度报告（附件）"],
            ["/mirror/hongze.pdf", "2024年政府信息公开工作年度报告（备用下载）"],
            ["/files/001.txt", "2023年度报告全文.txt"],
            ["/art/moved.html", "2022年政府信息公开工作年度报告"],
            [`http://127.0.0.2:${closedPort}/report.html`, "2021年政府信息公开工作年度报告（外站）"],
            ["/art/slow.html", "2020年政府信息公开工作年度报告"],
            ["/files/huge.pdf", "2019年政府信息公开工作年度报告.pdf"],
            ["/news/1.html", "工作动态"],
            ["/list/index_1.html", "下一页"],
          ]),
        );
      case "/list/index_1.html":
        return html(listPage([["/art/002.html", "2023年政府信息公开工作年度报告"]]));
      case "/list/empty.html":
        return html(listPage([["/news/2.html", "新闻"]]));
      case "/art/000.html":
        return html(reportPage(SEED_000));
      case "/art/002.html":
        return html(reportPage(SEED_002));
      case "/files/hongze.pdf":
      case "/mirror/hongze.pdf":
        return void response.writeHead(200, { "Content-Type": "application/pdf" }).end(SAMPLE_PDF);
      case "/files/004.txt":
        return void response
          .writeHead(200, { "Content-Type": "text/plain" })
          .end(seed("004_dab85e2dbbd9bf66.txt"));
      case "/files/003.txt":
        return void response
          .writeHead(200, { "Content-Type": "text/plain" })
          .end(seed("003_b657cdc2b6fa0bce.txt"));
      case "/files/001.txt":
        return void response.writeHead(200, { "Content-Type": "text/plain" }).end(SEED_001);
      case "/art/moved.html":
        return void response.writeHead(302, { Location: `http://127.0.0.2:${closedPort}/report.html` }).end();
      case "/art/slow.html":
        response.writeHead(200, { "Content-Type": "text/html" });
        return void response.write("<html>");
      case "/files/huge.pdf":
        return void response.writeHead(200, { "Content-Type": "application/pdf" }).end(HUGE);
      default:
        return void response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.drop();
});

function config(): FetchConfig {
  return { allowHosts: [{ host: "127.0.0.1", port }], timeoutMs: 1_500, maxBytes: 1024 * 1024 };
}

describe("importFromUrl", () => {
  test("crawls a list page to its reports and stores each file with its address", async () => {
    const started = new Date(Date.now() - 1000);
    const result = await importFromUrl({
      db: t.db,
      url: `${base}/list/index.html`,
      uploader: staff,
      config: config(),
    });
    expect(result.ok).toBe(true);
    expect(result.listPages).toBe(2);
    const byUrl = new Map(result.results.map((r) => [r.url.replace(base, ""), r]));
    expect([...byUrl.keys()].sort()).toEqual(
      [
        "/art/000.html",
        "/art/002.html",
        "/art/moved.html",
        "/art/slow.html",
        "/files/001.txt",
        "/files/huge.pdf",
        "/files/hongze.pdf",
        "/mirror/hongze.pdf",
      ].sort(),
    );
    for (const stored of ["/art/000.html", "/art/002.html", "/files/001.txt", "/files/hongze.pdf"])
      expect(byUrl.get(stored), stored).toMatchObject({ ok: true, documentId: expect.any(Number) });
    expect(byUrl.get("/files/hongze.pdf")).toMatchObject({ status: "accepted", year: 2024 });
    // The same bytes under a second address: a duplicate of the first, nothing stored twice.
    expect(byUrl.get("/mirror/hongze.pdf")).toMatchObject({
      status: "duplicate",
      documentId: byUrl.get("/files/hongze.pdf")!.documentId,
    });
    expect(byUrl.get("/art/moved.html")).toMatchObject({
      ok: false,
      error: { code: "FETCH_BLOCKED_ADDRESS" },
    });
    expect(byUrl.get("/art/slow.html")).toMatchObject({ ok: false, error: { code: "FETCH_TIMEOUT" } });
    expect(byUrl.get("/files/huge.pdf")).toMatchObject({ ok: false, error: { code: "FETCH_TOO_LARGE" } });
    // An address linked twice is fetched once; links that name no report are not followed.
    expect(requested.filter((u) => u === "/art/000.html")).toHaveLength(1);
    expect(requested).not.toContain("/news/1.html");
    expect(requested).not.toContain("/");

    const pdf = await t.db.document.findUniqueOrThrow({
      where: { id: byUrl.get("/files/hongze.pdf")!.documentId! },
    });
    expect(Buffer.from(pdf.bytes).equals(SAMPLE_PDF)).toBe(true);
    expect(pdf.sourceUrl).toBe(`${base}/files/hongze.pdf`);
    expect(pdf.fetchedAt!.getTime()).toBeGreaterThanOrEqual(started.getTime());
    expect(pdf.uploadedById).toBe(staff.id);
    const page = await t.db.document.findUniqueOrThrow({
      where: { id: byUrl.get("/art/000.html")!.documentId! },
    });
    expect(Buffer.from(page.bytes).toString("utf8")).toBe(reportPage(SEED_000));
    expect(page.sourceUrl).toBe(`${base}/art/000.html`);
    expect(await t.db.document.count({ where: { sourceUrl: { startsWith: base } } })).toBe(4);
  }, 120_000);

  test("a report file given directly is imported; the same address again is a duplicate", async () => {
    const first = await importFromUrl({
      db: t.db,
      url: `${base}/files/001.txt`,
      uploader: staff,
      config: config(),
    });
    expect(first.results).toHaveLength(1);
    expect(first.results[0]).toMatchObject({ status: "duplicate", url: `${base}/files/001.txt` });
  });

  test.each([
    [
      "an address outside the allow list",
      () => `http://127.0.0.2:${closedPort}/list.html`,
      "FETCH_BLOCKED_ADDRESS",
    ],
    ["[::1]", () => `http://[::1]:${closedPort}/list.html`, "FETCH_BLOCKED_ADDRESS"],
    ["a page without reports", () => `${base}/list/empty.html`, "NO_REPORTS_FOUND"],
    ["a missing page", () => `${base}/nothing.html`, "FETCH_HTTP_ERROR"],
    ["not an address", () => "javascript:alert(1)", "FETCH_INVALID_URL"],
  ])("%s is answered with its code and nothing stored", async (_name, url, code) => {
    const before = await t.db.document.count();
    const result = await importFromUrl({ db: t.db, url: url(), uploader: staff, config: config() });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(await t.db.document.count()).toBe(before);
  });
});

test("npm run import -- --urls: one JSON line per file with its url, a refused address with its code", async () => {
  const list = path.join(mkdtempSync(path.join(os.tmpdir(), "urls-")), "urls.txt");
  writeFileSync(list, `# 年报网址\n${base}/files/003.txt\n\nhttp://127.0.0.2:${closedPort}/x.html\n`);
  const root = path.join(import.meta.dirname, "../..");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/import.ts", "--urls", list, "--json", "--as", "web-import@example.gov.cn"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        FETCH_ALLOW_HOSTS: `127.0.0.1:${port}`,
        READER_THREADS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(code, stderr).toBe(0);
  const lines = stdout
    .trim()
    .split("\n")
    .map(
      (line) =>
        JSON.parse(line) as { url: string; ok: boolean; documentId?: number; error?: { code: string } },
    );
  const file = lines.find((line) => line.url === `${base}/files/003.txt`)!;
  expect(file).toMatchObject({ ok: true, documentId: expect.any(Number) });
  expect(lines.find((line) => line.url.includes("127.0.0.2"))).toMatchObject({
    ok: false,
    error: { code: "FETCH_BLOCKED_ADDRESS" },
  });
  const stored = await t.db.document.findUniqueOrThrow({ where: { id: file.documentId! } });
  expect(stored.sourceUrl).toBe(`${base}/files/003.txt`);
  expect(Buffer.from(stored.bytes).equals(seed("003_b657cdc2b6fa0bce.txt"))).toBe(true);
}, 180_000);

test("the route's work: one address per JSON request, audited with its url; bad bodies refused", async () => {
  process.env.FETCH_ALLOW_HOSTS = `127.0.0.1:${port}`;
  const uploader = { ...staff, email: "web-import@example.gov.cn" };
  const request = (body: string) =>
    new Request("http://localhost/api/reports/fetch", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json" },
    });
  const response = await receiveUrlImport(t.db, {
    request: request(JSON.stringify({ url: `${base}/files/004.txt` })),
    uploader,
    ip: "127.0.0.1",
  });
  const body = (await response.json()) as UrlImport;
  expect(body).toMatchObject({
    listPages: 0,
    results: [{ url: `${base}/files/004.txt`, documentId: expect.any(Number) }],
  });
  for (const bad of ["not json", JSON.stringify({ url: "" }), JSON.stringify({ url: "x".repeat(3000) })])
    await expect(
      receiveUrlImport(t.db, { request: request(bad), uploader, ip: "127.0.0.1" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  const audited = await t.db.auditLog.findFirstOrThrow({
    where: { action: "upload", target: `document ${body.results[0]!.documentId}` },
  });
  expect(audited.details).toMatchObject({ url: `${base}/files/004.txt`, file: "004.txt" });
  delete process.env.FETCH_ALLOW_HOSTS;
});
