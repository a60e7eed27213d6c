// Every dashboard page at a laptop's 1366 px and a phone's 390 px: it renders its heading, the page never
// scrolls sideways (wide tables scroll inside their own box), and a screenshot is kept for people to look at.
import { expect, test } from "@playwright/test";
import { signInAsSupervisor } from "./support/supervisor";

test.use({ storageState: { cookies: [], origins: [] } });
expect.configure({ timeout: 15_000 });

const PAGES = [
  { path: "/", heading: "总览" },
  { path: "/rankings?metric=disclosure_rate", heading: "排名" },
  { path: "/regions", heading: "地区" },
  { path: "/regions?region=500107", heading: "地区" },
  { path: "/compare?q=%E9%95%87", heading: "对比" },
  { path: "/quality", heading: "数据质量" },
  { path: "/metrics", heading: "指标说明" },
];

for (const width of [1366, 390]) {
  test(`dashboard pages at ${width} px: no sideways scroll`, async ({ page }) => {
    test.setTimeout(180_000);
    await signInAsSupervisor(page);
    // The agency and comparison pages need real ids: take them from the ranking's links.
    await page.goto("/rankings?year=2023&metric=penalties");
    const links = page.getByRole("table", { name: "行政处罚排名" }).getByRole("link");
    const hrefs = (await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")))).filter(
      Boolean,
    );
    const ids = hrefs.map((href) => href!.split("/").pop());
    const pages = [
      ...PAGES,
      { path: hrefs[0]!, heading: null },
      { path: `/compare?agencies=${ids.slice(0, 2).join(",")}`, heading: "对比" },
    ];
    await page.setViewportSize({ width, height: 900 });
    for (const { path, heading } of pages) {
      await page.goto(path);
      await expect(
        page.getByRole("heading", { level: 1, ...(heading ? { name: heading } : {}) }),
      ).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: "正在加载" })).toHaveCount(0);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(0);
      const name = path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home";
      await page.screenshot({
        path: `.test-data/e2e-results/dashboard/${name}-${width}.png`,
        fullPage: true,
      });
    }
  });
}
