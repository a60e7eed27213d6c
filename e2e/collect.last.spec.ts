// Issue 20's journeys: staff import reports from a (loopback) website's list page on 上传 → 从网址导入 and see
// each address's files with their results; an internal address is refused by the guard; the 督查简报 of a
// region prints and downloads as Word; 数据质量 and a region page show the roll-up check. At 1366 and 390 px,
// no sideways scroll, screenshots kept. The only site fetched is the journey's own server on 127.0.0.1.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { E2E_FETCH_PORT } from "./support/e2e-server-env";
import { writeReportFiles } from "./support/report-files";

expect.configure({ timeout: 20_000 });

const SITE = `http://127.0.0.1:${E2E_FETCH_PORT}`;

/** The journey's report site: a list page linking a report page and a report file (fresh synthetic reports). */
async function startReportSite(): Promise<http.Server> {
  const files = writeReportFiles({ sets: [{ name: "web", count: 2, seed: Date.now() % 100_000 }] });
  const page = (text: string) =>
    `<!doctype html><html><head><meta charset="utf-8"></head><body>${text
      .split("\n")
      .map((line) => `<p>${line.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
      .join("")}</body></html>`;
  const server = http.createServer((request, response) => {
    if (request.url === "/list.html")
      return void response
        .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
        .end(
          `<html><body><a href="/art/1.html">${files[0]!.agency}${files[0]!.year}年政府信息公开工作年度报告</a>` +
            `<a href="/files/2.txt">${files[1]!.year}年度报告.txt</a><a href="/about.html">关于我们</a></body></html>`,
        );
    if (request.url === "/art/1.html")
      return void response
        .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
        .end(page(files[0]!.buffer.toString("utf8")));
    if (request.url === "/files/2.txt")
      return void response.writeHead(200, { "Content-Type": "text/plain" }).end(files[1]!.buffer);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(E2E_FETCH_PORT, "127.0.0.1", resolve));
  return server;
}

async function expectNoSidewaysScroll(page: import("@playwright/test").Page, what: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, what).toBeLessThanOrEqual(0);
}

test("从网址导入: a list page's reports imported with their results; an internal address refused", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const server = await startReportSite();
  try {
    await importFromTheWeb(page);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function importFromTheWeb(page: import("@playwright/test").Page) {
  await page.goto("/upload");
  await page.getByRole("link", { name: "从网址导入" }).click();
  await expect(page).toHaveURL(/tab=url/);
  await page.getByLabel("网址（每行一个）").fill(`${SITE}/list.html\nhttp://127.0.0.2:9/secret.html`);
  await page.getByRole("button", { name: "开始导入" }).click();
  const rows = page.getByTestId("url-row");
  await expect(rows.filter({ hasText: "list.html" }).getByRole("status")).toHaveText("找到 2 个文件", {
    timeout: 60_000,
  });
  const files = rows.filter({ hasText: "list.html" }).getByTestId("url-file");
  await expect(files).toHaveCount(2);
  await expect(files.filter({ hasText: `${SITE}/art/1.html` })).toContainText(/已入库|需核对/);
  await expect(files.filter({ hasText: `${SITE}/files/2.txt` })).toContainText(/已入库|需核对/);
  await expect(rows.filter({ hasText: "list.html" })).toContainText("读取列表页 1 个");
  const refused = rows.filter({ hasText: "127.0.0.2" });
  await expect(refused.getByRole("status")).toHaveText("未导入");
  await expect(refused).toContainText("FETCH_BLOCKED_ADDRESS");
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page, `upload url tab at ${width}`);
    await page.screenshot({ path: `.test-data/e2e-results/collect/upload-url-${width}.png`, fullPage: true });
  }
}

test("督查简报: printable page with the data date, Word download, at 1366 and 390 px", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/regions");
  const briefHref = await page.getByRole("link", { name: "督查简报" }).getAttribute("href");
  expect(briefHref).toMatch(/^\/regions\/brief\?year=\d{4}$/);
  await page.goto(briefHref!, { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("督查简报");
  await expect(page.getByText(/数据截至：/)).toBeVisible();
  for (const heading of [
    "一、总体情况",
    "二、主要指标与上年比较",
    "四、年报表格合计（表二至表四）",
    "六、未报送情况",
  ])
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  await expect(page.getByRole("table", { name: "表三 收到和处理政府信息公开申请情况" })).toBeVisible();
  const href = await page.getByRole("link", { name: "下载 Word" }).getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("wordprocessingml");
  expect((await download.body()).subarray(0, 2).toString()).toBe("PK");
  expect((await page.request.get("/api/brief?year=abc")).status()).toBe(400);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page, `brief at ${width}`);
    await page.screenshot({ path: `.test-data/e2e-results/collect/brief-${width}.png`, fullPage: true });
    await page.screenshot({ path: `.test-data/e2e-results/collect/brief-${width}-top.png` });
    await page
      .getByRole("table", { name: "表三 收到和处理政府信息公开申请情况" })
      .screenshot({ path: `.test-data/e2e-results/collect/brief-${width}-table3.png` });
  }
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
  await page.screenshot({ path: `.test-data/e2e-results/collect/brief-print.png`, fullPage: true });
});

test("汇总核对 on 数据质量", async ({ page }) => {
  // The whole country would sum every cell of thousands of governments' children: the section asks for a
  // city or a county, and shows the check there.
  await page.goto("/quality");
  await expect(page.getByRole("heading", { name: "汇总核对（本级报告与下级合计）" })).toBeVisible();
  await expect(page.getByText("请选择一个市或区县查看汇总核对。")).toBeVisible();
  await page.goto("/quality?year=2023&region=5303");
  await expect(page.getByRole("heading", { name: "汇总核对（本级报告与下级合计）" })).toBeVisible();
  await expect(page.locator("#roll-up")).toContainText(
    "区县、市政府的本级报告应等于其部门和下一级政府报告的合计",
  );
  await expect(page.getByText("请选择一个市或区县查看汇总核对。")).toBeHidden();
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page, `quality at ${width}`);
    await page.screenshot({ path: `.test-data/e2e-results/collect/quality-${width}.png`, fullPage: true });
    await page
      .locator("#roll-up")
      .screenshot({ path: `.test-data/e2e-results/collect/quality-rollup-${width}.png` });
  }
});
