// Journey: a supervisor goes 总览 → 排名 (metric and kind changed with the controls, carried in the URL,
// undone by the back button) → 白市驿镇's page → 地区 from 重庆市 down to 九龙坡区 → 对比 of two agencies →
// 沾益区发改局's page; and a chart shows the same numbers as its table. The figures are the five sample
// reports' (spec/seed-truth.json): 白市驿镇 2023 17 new applications, 4 予以公开, 15 行政处罚; 沾益区发改局
// 2023 3 行政处罚.
import { expect, test, type Page } from "@playwright/test";
import { signInAsSupervisor } from "./support/supervisor";

test.use({ storageState: { cookies: [], origins: [] } });
// Pages render on a shared, busy machine: allow a slow server render before calling a figure missing.
expect.configure({ timeout: 15_000 });

const BAISHIYI = "重庆市九龙坡区白市驿镇人民政府";
const ZHANYI_NDRC = "曲靖市沾益区发展和改革局";

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** The value cell (first year column) of a row of one of the agency page's template tables. */
function templateCell(page: Page, table: string, row: string) {
  return page
    .getByRole("table", { name: table })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: row, exact: true }) })
    .getByRole("cell")
    .first();
}

test("a supervisor goes from 总览 through 排名, an agency, 地区 and 对比", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsSupervisor(page);

  // 总览: the latest year with data (2023) over everything.
  await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
  await expect(page.getByLabel("年度")).toHaveValue("2023");
  await expect(page.locator('[data-metric="applications_new"] [data-value]')).toHaveText("17");
  await expect(page.locator('[data-metric="penalties"] [data-value]')).toHaveText("18");

  // 排名: change the metric, then the peer group; both land in the URL; back undoes them one by one.
  const nav = page.getByRole("navigation", { name: "主导航" });
  await nav.getByRole("link", { name: "排名", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "排名" })).toBeVisible();
  await page.getByLabel("指标").selectOption({ label: "行政处罚" });
  await expect.poll(() => param(page, "metric")).toBe("penalties");
  const ranking = page.getByRole("table", { name: "行政处罚排名" });
  await expect(ranking.getByRole("row").filter({ hasText: ZHANYI_NDRC })).toContainText("3");

  await page.getByRole("group", { name: "机构类型" }).getByText("乡镇", { exact: true }).click();
  await expect.poll(() => param(page, "kind")).toBe("乡镇");
  await expect(ranking.getByRole("row").filter({ hasText: ZHANYI_NDRC })).toHaveCount(0);
  const baishiyiRow = ranking.getByRole("row").filter({ hasText: BAISHIYI });
  await expect(baishiyiRow.getByRole("cell").nth(0)).toHaveText("1");
  await expect(baishiyiRow.getByRole("cell").nth(2)).toHaveText("15");

  await page.goBack();
  await expect.poll(() => param(page, "kind")).toBeNull();
  expect(param(page, "metric")).toBe("penalties");
  await expect(page.getByLabel("指标")).toHaveValue("penalties");
  await expect(ranking.getByRole("row").filter({ hasText: ZHANYI_NDRC })).toHaveCount(1);
  await page.goBack();
  await expect.poll(() => param(page, "metric")).toBeNull();
  await expect(page.getByLabel("指标")).toHaveValue("applications_new");
  await page.goForward();
  await expect(page.getByLabel("指标")).toHaveValue("penalties");

  // 白市驿镇's page: its 2023 report in the template's layout.
  await page.getByRole("table", { name: "行政处罚排名" }).getByRole("link", { name: BAISHIYI }).click();
  await expect(page.getByRole("heading", { level: 1, name: BAISHIYI })).toBeVisible();
  const tableThree = "表三 收到和处理政府信息公开申请情况";
  await expect(templateCell(page, tableThree, "一、本年新收政府信息公开申请数量")).toHaveText("17");
  await expect(templateCell(page, tableThree, "（一）予以公开")).toHaveText("4");
  await expect(templateCell(page, "表二 主动公开政府信息情况", "行政处罚 · 本年处理决定数量")).toHaveText(
    "15",
  );

  // 地区: from the country to 重庆市 (its city level folded) and down to 九龙坡区.
  await nav.getByRole("link", { name: "地区", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "地区" })).toBeVisible();
  await page
    .getByRole("table", { name: "各省份本年新收申请" })
    .getByRole("link", { name: "重庆市", exact: true })
    .click();
  await expect.poll(() => param(page, "region")).toBe("50");
  const crumbs = page.getByRole("navigation", { name: "地区层级" });
  await expect(crumbs.getByRole("link", { name: "全国" })).toBeVisible();
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText("重庆市");
  await page
    .getByRole("table", { name: "各下级地区本年新收申请" })
    .getByRole("link", { name: "九龙坡区", exact: true })
    .click();
  await expect.poll(() => param(page, "region")).toBe("500107");
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText("九龙坡区");
  await expect(crumbs.getByRole("link", { name: "重庆市" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "九龙坡区 · 2023 年合计" })).toBeVisible();
  const towns = page.getByRole("table", { name: "各乡镇街道本年新收申请" });
  await expect(towns.getByRole("row").filter({ hasText: "白市驿镇" }).getByRole("cell").nth(2)).toHaveText(
    "17",
  );

  // 对比: two agencies found by name and by the name printed in the report.
  await nav.getByRole("link", { name: "对比", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "对比" })).toBeVisible();
  await page.getByLabel("查找机构").fill("白市驿");
  await page.getByRole("button", { name: "搜索" }).click();
  await page.getByRole("link", { name: `加入对比：${BAISHIYI}` }).click();
  await expect.poll(() => param(page, "agencies")?.split(",").length).toBe(1);
  await page.getByLabel("查找机构").fill("沾益区发改局");
  await page.getByRole("button", { name: "搜索" }).click();
  await page.getByRole("link", { name: `加入对比：${ZHANYI_NDRC}` }).click();
  await expect.poll(() => param(page, "agencies")?.split(",").length).toBe(2);
  const sideBySide = page.getByRole("table", { name: "2023 年全部指标并列" });
  const penaltiesRow = sideBySide
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "行政处罚", exact: true }) });
  await expect(penaltiesRow.getByRole("cell").nth(1)).toHaveText("15");
  await expect(penaltiesRow.getByRole("cell").nth(2)).toHaveText("3");

  // 沾益区发改局 2023: 3 行政处罚 on its own page.
  await page
    .getByRole("list", { name: "对比的机构" })
    .getByRole("link", { name: ZHANYI_NDRC, exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: ZHANYI_NDRC })).toBeVisible();
  await expect(templateCell(page, "表二 主动公开政府信息情况", "行政处罚 · 本年处理决定数量")).toHaveText(
    "3",
  );
  await expect(page.getByText("沾益区发改局", { exact: true })).toBeVisible();
});

test("a chart shows the same numbers as the table beside it", async ({ page }) => {
  await signInAsSupervisor(page);
  await page.goto("/rankings?year=2023&metric=penalties");
  const table = page.getByRole("table", { name: "行政处罚前十名" });
  const values = await table
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.querySelectorAll("td")[2]?.textContent?.trim() ?? ""));
  expect(values.slice(0, 2)).toEqual(["15", "3"]);
  const chart = page.getByRole("img", { name: "行政处罚前十名图" });
  const labels = chart.locator(".recharts-label-list text");
  await expect(labels.first()).toBeVisible();
  expect(await labels.allTextContents()).toEqual(values);
  const names = await table.locator("tbody tr td:nth-child(2) a").allTextContents();
  // Axis labels shorten long names; each is the start of its table row's name, in the same order.
  // (Recharts draws the tick labels of both axes in one layer: the category ones are the non-numbers.)
  const ticks = (await chart.locator(".recharts-cartesian-axis-tick-value").allTextContents()).filter(
    (tick) => !/^[\d,.%]+$/.test(tick),
  );
  expect(ticks).toHaveLength(names.length);
  ticks.forEach((tick, i) => expect(names[i]!.startsWith(tick.replace(/…$/, ""))).toBe(true));
});
