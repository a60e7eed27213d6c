// Journey (issue 12 item 6): a report whose title names no agency is kept as 待补充机关; staff find it in
// 待核对, name the agency on the document's page, and it becomes a report under that agency.
import { expect, test } from "@playwright/test";
import { createToken, createUser, signInAsAdmin } from "./support/auth-users";
import { writeReportFiles } from "./support/report-files";
import { expectNoSidewaysScroll, openSignedInPage } from "./support/sign-in-page";

test("staff complete a document that needs its agency, and it becomes a report", async ({
  browser,
  playwright,
}) => {
  const admin = await signInAsAdmin();
  const staff = await createUser(admin, "staff");
  const [file] = writeReportFiles({ sets: [{ name: "anonymous", count: 1, seed: 4301, noAgency: true }] });
  const api = await playwright.request.newContext({
    baseURL: `http://localhost:${Number(process.env.E2E_PORT ?? 3210)}`,
    extraHTTPHeaders: { Authorization: `Bearer ${await createToken(admin, staff.id)}` },
    storageState: { cookies: [], origins: [] },
  });
  const response = await api.post("/api/reports", {
    multipart: { files: { name: "无机关名称的年报.txt", mimeType: "text/plain", buffer: file!.buffer } },
  });
  const [result] = (await response.json()).results as { status: string; documentId: number }[];
  expect(result).toMatchObject({ status: "needs_agency" });

  const page = await openSignedInPage(browser, staff);
  await page.goto("/review?status=needs_agency");
  await page.getByRole("row").filter({ hasText: "无机关名称的年报.txt" }).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/documents/${result!.documentId}$`));
  await expect(page.getByText("待补充机关").first()).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByLabel(/所属机关全称/).fill(file!.agency!);
  await page.getByRole("button", { name: "保存并生成报告" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(file!.agency!);
});
