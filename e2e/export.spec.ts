// Journey: an analyst exports what they see. 导出 CSV on 排名 downloads exactly the agencies and values of the
// ranking table; the 导出 page chooses cells and layout, previews the selection and downloads an Excel file
// with one sheet per table; every export is in the audit log; a supervisor sees no export buttons and gets
// 403 from the route, one granted export gets the file. The numbers are the five sample reports'
// (spec/seed-truth.json), read back from the page and the files — never from the export code.
import ExcelJS from "exceljs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "./support/auth-users";
import { parseCsv } from "../tests/helpers/parse-csv";

test.use({ storageState: { cookies: [], origins: [] } });
expect.configure({ timeout: 15_000 });

async function signInPage(page: Page, role: "analyst" | "supervisor", canExport = false) {
  const admin = await signInAsAdmin();
  const user = await createUser(admin, role, { canExport });
  await admin.dispose();
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  return user;
}

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test("导出 CSV on 排名 gives exactly the rows and values of the ranking table", async ({ page }) => {
  test.setTimeout(120_000);
  const analyst = await signInPage(page, "analyst");
  const table = page.getByRole("table", { name: "本年新收申请排名" });
  const readTable = async () => {
    await page.goto("/rankings?metric=applications_new");
    await expect(table).toBeVisible();
    return table.getByRole("row").evaluateAll((rows) =>
      rows.slice(1).map((row) => {
        const cells = [...row.querySelectorAll("td, th")].map((cell) => cell.textContent ?? "");
        return { name: row.querySelector("a")?.textContent ?? "", value: cells[2] ?? "" };
      }),
    );
  };
  // Other journeys upload 2023 reports in parallel: the file is compared with a table that was the same
  // before and after the download, so no upload fell between them (read again, at most three times).
  let shown: { name: string; value: string }[] = [];
  let rows: string[][] = [];
  let header: string[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    shown = await readTable();
    expect(shown.length).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-slot="toolbar"]').getByRole("link", { name: "导出 CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^年报导出_2023年_宽表_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readDownload(download);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    [header = [], ...rows] = parseCsv(bytes.subarray(3).toString("utf8"));
    if (JSON.stringify(await readTable()) === JSON.stringify(shown)) break;
  }
  const name = header.indexOf("机构名称");
  const value = header.indexOf("本年新收申请（applications_new）");
  expect(value).toBeGreaterThan(0);
  const exported = rows.map((row) => ({ name: row[name]!, value: row[value] === "" ? "—" : row[value]! }));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  // The table shows numbers grouped by thousands; the file has them plain.
  expect(exported.sort(byName)).toEqual(
    shown.map((row) => ({ ...row, value: row.value.replaceAll(",", "") })).sort(byName),
  );

  // The export is in the audit log with its filters, format and rows.
  // The entry is written when the stream has ended: poll briefly.
  const admin = await signInAsAdmin();
  const findEntry = async () => {
    const audit = (await (await admin.get("/api/admin/audit?action=export")).json()) as {
      entries: Array<{ actorEmail: string; details: { rows: number; format: string; filters: unknown } }>;
    };
    return audit.entries.find((e) => e.actorEmail === analyst.email)?.details ?? null;
  };
  await expect.poll(findEntry).toMatchObject({ rows: rows.length, format: "wide", filters: { year: 2023 } });
  await admin.dispose();
});

test("the 导出 page: choose tables and layout, see the count, download an Excel file", async ({ page }) => {
  test.setTimeout(120_000);
  await signInPage(page, "analyst");
  await page.goto("/export");
  await expect(page.getByRole("heading", { level: 1, name: "导出" })).toBeVisible();
  await expect(page.getByText("此功能正在建设中")).toHaveCount(0);
  await page.getByLabel("表三 收到和处理政府信息公开申请情况").check();
  await page.getByLabel("表四 行政复议、行政诉讼情况").check();
  await page.getByLabel("公开率", { exact: true }).check();
  await page.getByLabel(/^宽表/).check();
  await page.getByRole("button", { name: "应用选择" }).click();
  await expect(page).toHaveURL(/format=wide/);
  const download = page.getByRole("link", { name: "下载 Excel" });
  await expect(download).toHaveAttribute(
    "href",
    /cells=t3%2Ct4&metrics=disclosure_rate&format=wide&type=xlsx/,
  );
  await expect(page.getByText(/所选范围内有 \d+ 份报告/)).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readDownload(file)) as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    "表三 依申请公开",
    "表四 复议诉讼",
    "指标",
  ]);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe("机构名称");
  // Every data row's year is a number cell, not text.
  sheet.eachRow((row, number) => {
    if (number > 1) expect(typeof row.getCell(9).value).toBe("number");
  });

  // Choosing both cells and metrics in long format is said in Chinese, with no download offered.
  await page.getByLabel(/^明细/).check();
  await page.getByRole("button", { name: "应用选择" }).click();
  await expect(page.getByText("明细格式（long）一次只能导出单元格或指标之一")).toBeVisible();
  await expect(page.getByRole("link", { name: "下载 CSV" })).toHaveCount(0);
});

test("a supervisor sees no export and gets 403; one granted export gets the file", async ({ page }) => {
  await signInPage(page, "supervisor");
  await page.goto("/rankings");
  await expect(page.getByRole("heading", { level: 1, name: "排名" })).toBeVisible();
  await expect(page.getByRole("link", { name: "导出 CSV" })).toHaveCount(0);
  const refused = await page.request.get("/api/export?year=2023");
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");

  const admin = await signInAsAdmin();
  const granted = await signIn(await createUser(admin, "supervisor", { canExport: true }));
  await admin.dispose();
  const response = await granted.get("/api/export?year=2023&cells=t3.new.total");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toContain(
    "filename*=UTF-8''%E5%B9%B4%E6%8A%A5%E5%AF%BC%E5%87%BA_2023",
  );
  const text = (await response.body()).toString("utf8");
  expect(text.startsWith("\uFEFF机构名称,")).toBe(true);
  expect(text.split("\r\n").length).toBeGreaterThan(2);
  await granted.dispose();
});
