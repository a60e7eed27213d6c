// Journey: a visitor opens the dashboard and sees the sample reports loaded at first start.
import { expect, test } from "@playwright/test";

// The five sample reports (../shared/seeds), read by the real reader and imported at start: agency as printed,
// statistics year and template version (seed-truth.json).
const SAMPLE_REPORTS = [
  { agency: "聚贤镇", year: "2023", template: "2021" },
  { agency: "沾益区发改局", year: "2023", template: "2021" },
  { agency: "白市驿镇", year: "2023", template: "2021" },
  { agency: "裴城镇", year: "2023", template: "2021" },
  { agency: "普威镇", year: "2020", template: "2019" },
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

// Other journeys add reports to the same server, so this looks at the sample rows only.
test("each sample report shows its template version, open findings and status", async ({ page }) => {
  await page.goto("/");
  const table = page.getByRole("table", { name: "已导入的报告" });
  for (const { agency, template } of SAMPLE_REPORTS) {
    const row = table.getByRole("row").filter({ hasText: agency });
    await expect(row).toContainText(`${template} 版`);
    await expect(row).toContainText(/待核对|已确认/);
    await expect(row.getByRole("cell").nth(5)).toHaveText(/^\d+$/);
  }
});

test("the page is served in Chinese with a CJK font stack", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const fontFamily = await page.locator("body").evaluate((body) => getComputedStyle(body).fontFamily);
  expect(fontFamily).toContain("WenQuanYi Zen Hei");
  await page.screenshot({ path: ".test-data/e2e-results/home.png", fullPage: true });
});
