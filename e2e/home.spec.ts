// Journey: a visitor opens the dashboard and sees the sample reports loaded at first start.
import { expect, test } from "@playwright/test";

// The five sample reports (../shared/seeds), read by the real reader and imported at start: agency as printed
// and statistics year.
const SAMPLE_REPORTS = [
  { agency: "聚贤镇", year: "2023" },
  { agency: "沾益区发改局", year: "2023" },
  { agency: "白市驿镇", year: "2023" },
  { agency: "裴城镇", year: "2023" },
  { agency: "普威镇", year: "2020" },
];

test("the overview lists every sample report with its year", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
  const table = page.getByRole("table", { name: "已导入的报告" });
  await expect(table).toBeVisible();
  for (const { agency, year } of SAMPLE_REPORTS) {
    const row = table.getByRole("row").filter({ hasText: agency });
    await expect(row, `${agency} 的报告`).toHaveCount(1);
    await expect(row.getByRole("cell", { name: year, exact: true })).toBeVisible();
  }
});

test("each listed report shows its template version and status", async ({ page }) => {
  await page.goto("/");
  const rows = page.getByRole("table", { name: "已导入的报告" }).getByRole("row");
  // Header row + one row per sample report.
  await expect(rows).toHaveCount(SAMPLE_REPORTS.length + 1);
  for (const row of await rows.all()) {
    if ((await row.getByRole("columnheader").count()) > 0) continue;
    await expect(row).toContainText(/20(19|21) 版/);
    await expect(row).toContainText(/待核对|已确认/);
  }
});

test("the page is served in Chinese with a CJK font stack", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const fontFamily = await page.locator("body").evaluate((body) => getComputedStyle(body).fontFamily);
  expect(fontFamily).toContain("WenQuanYi Zen Hei");
  await page.screenshot({ path: ".test-data/e2e-results/home.png", fullPage: true });
});
