// Journey (issue 12): a staff member drops a batch of report files — good ones, flagged ones, a PDF and bad
// files — onto 上传 and watches each go through; opens a flagged PDF report beside its original, corrects
// the cell the rules flagged with a reason, settles what is left and confirms; sees the text original of
// another; an admin finds the acts in the audit log; the report's agency is on 总览. Pages at 1366 and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { createUser, signInAsAdmin } from "./support/auth-users";
import { writeReportFiles, type E2eFile } from "./support/report-files";
import { expectNoSidewaysScroll, openSignedInPage } from "./support/sign-in-page";

test.describe.configure({ mode: "serial", timeout: 180_000 });

// The broken .doc is CORRUPT_FILE where LibreOffice is installed (it tries to convert it), LEGACY_DOC elsewhere.
const BAD_CODES = ["EMPTY_FILE", "UNSUPPORTED_TYPE", "LEGACY_DOC", "NOT_A_REPORT"];
const BAD_NAMES = ["旧版年报.doc"];
const TOO_LARGE = "超过上限的年报.pdf";

let files: E2eFile[] = [];
let good: E2eFile[];
let flaggedText: E2eFile;
let flaggedPdf: E2eFile;
let bad: E2eFile[];
let staffPage: Page;
let pdfAgency = "";
let staffEmail = "";

test.beforeAll(async ({ browser }) => {
  files = writeReportFiles({
    sets: [
      { name: "good", count: 3, seed: 4101 },
      { name: "flaggedText", count: 1, seed: 4102, offBy: 3 },
      { name: "flaggedPdf", count: 1, seed: 4103, offBy: 5, pdf: true },
    ],
    bad: true,
  });
  good = files.filter((file) => file.set === "good");
  flaggedText = files.find((file) => file.set === "flaggedText")!;
  flaggedPdf = files.find((file) => file.set === "flaggedPdf")!;
  bad = files.filter(
    (file) => file.set === "bad" && (BAD_CODES.includes(file.code!) || BAD_NAMES.includes(file.fileName)),
  );
  const admin = await signInAsAdmin();
  const staff = await createUser(admin, "staff");
  staffEmail = staff.email;
  staffPage = await openSignedInPage(browser, staff);
});

/** Every status a file row shows, as it happens (the page changes them faster than a test polls). */
async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { seenStatuses: Set<string> }).seenStatuses = seen;
    new MutationObserver(() => {
      for (const badge of document.querySelectorAll('[data-testid="upload-row"] [role="status"]'))
        seen.add((badge.textContent ?? "").replace(/\d+%/, "%"));
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

test("staff upload a batch: each file shows its progress and its own result, bad files their Chinese reason", async () => {
  const page = staffPage;
  await page.goto("/upload");
  await expect(page.getByRole("heading", { level: 1, name: "上传" })).toBeVisible();
  await recordStatuses(page);
  await page.getByLabel("选择要上传的报告文件").setInputFiles([
    ...[...good, flaggedText, flaggedPdf, ...bad].map((file) => ({
      name: file.fileName,
      mimeType: "application/octet-stream",
      buffer: file.buffer,
    })),
    { name: TOO_LARGE, mimeType: "application/pdf", buffer: Buffer.alloc(21 * 1024 * 1024, 0x20) },
  ]);
  const summary = page.getByRole("region", { name: "上传汇总" });
  await expect(summary).toContainText("本批 10 个文件已全部处理完毕", { timeout: 90_000 });
  await expect(summary).toContainText("已入库 3，需核对 2，未通过 5");
  const seen = await page.evaluate(() => [
    ...(window as unknown as { seenStatuses: Set<string> }).seenStatuses,
  ]);
  expect(seen).toEqual(expect.arrayContaining(["等待发送", "已入库", "需核对", "未通过"]));
  expect(
    seen.some((status) => /发送中|读取中/.test(status)),
    seen.join(" "),
  ).toBe(true);

  const rows = page.getByTestId("upload-row");
  for (const file of bad) {
    const row = rows.filter({ hasText: file.fileName });
    await expect(row.getByRole("status")).toHaveText("未通过");
    await expect(row).toContainText(`（${file.code}）`);
    await expect(row).toContainText(/[\u4e00-\u9fff]{4,}/);
  }
  await expect(rows.filter({ hasText: TOO_LARGE })).toContainText("超过上限 20 MB");
  await expect(rows.filter({ hasText: flaggedPdf.fileName })).toContainText("2 处数据不一致");
  await page.screenshot({ path: ".test-data/e2e-results/upload-1366.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: ".test-data/e2e-results/upload-390.png", fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
});

test("a flagged PDF report beside its page: the flagged cell's box marked, corrected with a reason, confirmed", async () => {
  const page = staffPage;
  await page.goto("/review");
  await page.getByRole("row").filter({ hasText: flaggedPdf.fileName }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2023 年度");
  pdfAgency = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").split(" · ")[0]!;
  await expect(page.getByRole("img", { name: /原文第 \d+ 页/ })).toBeVisible({ timeout: 30_000 });
  // The page draws with the flagged cells outlined.
  await expect(page.locator('[data-mark="inconsistent"]').first()).toBeVisible({ timeout: 30_000 });

  const printed = flaggedPdf.cells!["t3.new.total"]!;
  const cell = page.locator('button[data-cell="t3.new.total"]');
  await expect(cell).toHaveText(printed.toLocaleString("zh-CN"));
  await cell.click();
  await expect(page.locator('[data-mark="selected"]')).toBeVisible();
  const panel = page.getByRole("region", { name: "所选单元格" });
  await expect(panel).toContainText("本年新收政府信息公开申请数量");
  await page.screenshot({ path: ".test-data/e2e-results/review-pdf-1366.png" });
  await panel.getByLabel("正确的值").fill(String(printed - 5));
  await panel.getByLabel("更正理由（必填）").fill("原文总计多加了 5，按各列之和更正");
  await panel.getByRole("button", { name: "更正" }).click();
  await expect(panel.getByRole("status")).toHaveText(`已更正：${printed} → ${printed - 5}`);
  await expect(cell).toHaveText((printed - 5).toLocaleString("zh-CN"));
  await expect(page.locator('[data-mark="inconsistent"]')).toHaveCount(0);

  // Whatever else is open is settled with a reason, then the report is confirmed.
  const findings = page.getByRole("list", { name: "问题" });
  for (let open = await findings.getByRole("textbox", { name: "处理理由" }).count(); open > 0; open--) {
    const form = findings.getByRole("form").first();
    await form.getByLabel("处理理由").fill("已与原文核对，无误");
    await form.getByRole("button", { name: "排除" }).click();
    await expect(findings.getByRole("textbox", { name: "处理理由" })).toHaveCount(open - 1);
  }
  await page.getByRole("button", { name: "确认报告" }).click();
  await expect(page.getByRole("heading", { level: 1 }).locator("xpath=..")).toContainText("已确认（");
  await page.reload();
  await expect(page.getByRole("list", { name: "处理记录" })).toContainText("确认报告");
  await expect(page.getByRole("list", { name: "处理记录" })).toContainText(
    "原文总计多加了 5，按各列之和更正",
  );

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: ".test-data/e2e-results/review-pdf-390.png", fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
});

test("a flagged text report shows the line its flagged cell was read from, as text", async () => {
  const page = staffPage;
  await page.goto("/review");
  await page.getByRole("row").filter({ hasText: flaggedText.fileName }).getByRole("link").click();
  const original = page.getByRole("list", { name: "原文" });
  await expect(original).toBeVisible({ timeout: 30_000 });
  await page.locator('button[data-cell="t3.new.total"]').click();
  const line = original.locator('li[aria-current="true"]');
  await expect(line).toBeVisible();
  await expect(line).toContainText("本年新收");
  await expect(line).toContainText(String(flaggedText.cells!["t3.new.total"]));
  await page.screenshot({ path: ".test-data/e2e-results/review-text-1366.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.goto("/review");
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 1366, height: 900 });
});

test("an admin sees the staff member's upload, correction and confirmation in the audit log; 总览 lists the report", async ({
  page,
}) => {
  await page.goto(`/admin/audit?actor=${encodeURIComponent(staffEmail)}`);
  const log = page.getByRole("table", { name: "审计日志" });
  for (const action of ["上传", "更正", "确认"])
    await expect(log.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
  await expect(log).toContainText("原文总计多加了 5");
  await staffPage.goto("/");
  await expect(staffPage.getByText(pdfAgency, { exact: true }).first()).toBeVisible();
});
