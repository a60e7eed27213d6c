// Journey: an uploaded report names its agency with markup in it. Whatever a document says is shown as
// text — the page shows the tag literally and no script runs.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl } from "./support/e2e-server-env";

const MARK = randomBytes(4).toString("hex");
const AGENCY = `<script>window.__xss_${MARK}=1</script><img src=x onerror="window.__xss_${MARK}=2">恶意镇`;

test.beforeAll(async () => {
  // No upload UI exists to plant this yet, so it goes straight into the e2e server's own database.
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const agency = await client.query<{ id: number }>(
      `INSERT INTO "Agency" (name, kind) VALUES ($1, '乡镇') RETURNING id`,
      [AGENCY],
    );
    const agencyId = agency.rows[0]!.id;
    const document = await client.query<{ id: number }>(
      `INSERT INTO "Document" (sha256, "fileName", size, bytes, status, "agencyId", year, "agencyAsPrinted",
                               template, "readerVersion", reading)
       VALUES ($1, $2, 1, '\\x00', 'accepted', $3, 2099, $4, '2021', 1, '{}') RETURNING id`,
      [randomBytes(32).toString("hex"), `${AGENCY}.txt`, agencyId, AGENCY],
    );
    const report = await client.query<{ id: number }>(
      `INSERT INTO "Report" ("agencyId", year, "versionNo", template, "documentId", "readerVersion") VALUES ($1, 2099, 1, '2021', $2, 1) RETURNING id`,
      [agencyId, document.rows[0]!.id],
    );
    // A current report has its read-model row (ingestion writes both); the overview lists from it.
    await client.query(
      `INSERT INTO "ReportMetrics" ("reportId", "agencyId", year, "agencyKind", template) VALUES ($1, $2, 2099, '乡镇', '2021')`,
      [report.rows[0]!.id, agencyId],
    );
  } finally {
    await client.end();
  }
});

test("an agency name containing a <script> tag is shown as text on the overview", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
  await page.goto("/");
  const cell = page.getByRole("cell").filter({ hasText: "恶意镇" }).first();
  await expect(cell).toBeVisible();
  await expect(cell).toContainText(`<script>window.__xss_${MARK}=1</script>`);
  expect(
    await page.evaluate((mark) => (window as unknown as Record<string, unknown>)[`__xss_${mark}`], MARK),
  ).toBeUndefined();
  expect(await page.locator(`img[src="x"]`).count()).toBe(0);
  expect(dialogs).toEqual([]);
});
