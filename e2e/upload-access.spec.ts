// Journey: upload is for staff and admins only — supervisors and analysts see no 上传 or 待核对 in the menu
// and the upload API answers them 403; a file whose request fails can be sent again; leaving mid-batch asks.
import { expect, test } from "@playwright/test";
import { createToken, createUser, signIn, signInAsAdmin } from "./support/auth-users";
import { writeReportFiles } from "./support/report-files";
import { openSignedInPage } from "./support/sign-in-page";

test("supervisors and analysts get no upload: no menu entry, 403 from the API", async ({
  browser,
  playwright,
}) => {
  const admin = await signInAsAdmin();
  const [file] = writeReportFiles({ sets: [{ name: "one", count: 1, seed: 4201 }] });
  for (const role of ["supervisor", "analyst"] as const) {
    const account = await createUser(admin, role);
    const page = await openSignedInPage(browser, account);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "总览" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "上传" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "待核对" })).toHaveCount(0);
    const client = await signIn(account);
    const response = await client.post("/api/reports", {
      multipart: {
        files: { name: file!.fileName, mimeType: "text/plain", buffer: file!.buffer },
      },
    });
    expect(response.status(), role).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    const tokenClient = await playwright.request.newContext({
      baseURL: page.url(),
      extraHTTPHeaders: { Authorization: `Bearer ${await createToken(admin, account.id)}` },
      storageState: { cookies: [], origins: [] },
    });
    expect(
      (
        await tokenClient.post("/api/reports", {
          multipart: { files: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("x") } },
        })
      ).status(),
    ).toBe(403);
  }
});

test("a staff token uploads by script; a failed request is retried from the page; leaving mid-batch asks first", async ({
  browser,
  playwright,
}) => {
  const admin = await signInAsAdmin();
  const staff = await createUser(admin, "staff");
  const [scripted, retried, held] = writeReportFiles({ sets: [{ name: "three", count: 3, seed: 4202 }] });
  const api = await playwright.request.newContext({
    baseURL: `http://localhost:${Number(process.env.E2E_PORT ?? 3210)}`,
    extraHTTPHeaders: { Authorization: `Bearer ${await createToken(admin, staff.id)}` },
    storageState: { cookies: [], origins: [] },
  });
  const response = await api.post("/api/reports", {
    headers: { "Accept-Encoding": "gzip, deflate" },
    multipart: {
      files: { name: scripted!.fileName, mimeType: "text/plain", buffer: scripted!.buffer },
    },
  });
  expect(response.status()).toBe(200);
  // A few hundred bytes of JSON go out as they are, not through a gzip stream of their own per upload.
  expect(response.headers()["content-encoding"]).toBeUndefined();
  expect(response.headers()["cache-control"]).toBe("no-store, no-transform");
  expect((await response.json()).results).toMatchObject([
    { ok: true, status: "accepted", agency: { name: scripted!.agency } },
  ]);

  const page = await openSignedInPage(browser, staff);
  await page.goto("/upload");
  // The first attempt never reaches the server.
  let failNext = true;
  await page.route("**/api/reports", (route) =>
    failNext ? ((failNext = false), route.abort()) : route.continue(),
  );
  await page.getByLabel("选择要上传的报告文件").setInputFiles({
    name: retried!.fileName,
    mimeType: "text/plain",
    buffer: retried!.buffer,
  });
  const row = page.getByTestId("upload-row").filter({ hasText: retried!.fileName });
  await expect(row.getByRole("status")).toHaveText("发送失败");
  await expect(row).toContainText("网络连接中断");
  await row.getByRole("button", { name: "重试" }).click();
  await expect(row.getByRole("status")).toHaveText("已入库");

  // A file held in flight: following a menu link asks first; declining stays on the page.
  await page.unroute("**/api/reports");
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/reports", async (route) => {
    await released;
    await route.continue();
  });
  await page.getByLabel("选择要上传的报告文件").setInputFiles({
    name: held!.fileName,
    mimeType: "text/plain",
    buffer: held!.buffer,
  });
  const dialog = page.waitForEvent("dialog");
  void page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "总览" }).click();
  const prompt = await dialog;
  expect(prompt.message()).toContain("还有文件正在上传");
  await prompt.dismiss();
  await expect(page).toHaveURL(/\/upload$/);
  release();
  await expect(
    page.getByTestId("upload-row").filter({ hasText: held!.fileName }).getByRole("status"),
  ).toHaveText("已入库");
});
