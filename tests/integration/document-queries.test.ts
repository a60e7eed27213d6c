// The overview's totals and one document's details, on a database seeded in the test.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import { countReports } from "@/lib/queries/count-reports";
import { getDocument } from "@/lib/queries/get-document";
import { listReports } from "@/lib/queries/list-reports";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { buildReadError, buildReadResult, uniqueBytes } from "@/tests/helpers/read-result-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

test("the overview's totals count every current report, beyond the list's cap of 1,000 rows", async () => {
  const documents = [
    ...generateSyntheticDocuments({ reports: 1_050, years: { from: 2022, to: 2024 }, seed: 31 }),
  ];
  const results = await storeInBulk(t.db, documents);
  expect(results.every((r) => r.ok)).toBe(true);
  const expected = {
    reports: await t.db.report.count({ where: { isCurrent: true } }),
    agencies: (await t.db.report.groupBy({ by: ["agencyId"], where: { isCurrent: true } })).length,
    openFindings: await t.db.finding.count({ where: { status: "open", report: { isCurrent: true } } }),
  };
  expect(expected.reports).toBe(1_050);
  expect(await countReports(t.db)).toEqual(expected);
  expect((await listReports(t.db)).length).toBe(1_000);
  const in2023 = await countReports(t.db, { year: 2023 });
  expect(in2023.reports).toBe(await t.db.report.count({ where: { isCurrent: true, year: 2023 } }));
});

test("a document's details carry its reading, parsed and checked", async () => {
  const accepted = await ingestDocument(
    t.db,
    { bytes: uniqueBytes(), fileName: "报告.txt" },
    buildReadResult("001"),
  );
  const details = await getDocument(t.db, accepted.documentId);
  expect(details).toMatchObject({
    fileName: "报告.txt",
    status: "accepted",
    agencyAsPrinted: "沾益区发改局",
    template: "2021",
    year: 2023,
    agency: { name: "曲靖市沾益区发展和改革局" },
    reading: { ok: true, agency: { as_printed: "沾益区发改局" } },
  });
  expect(details).not.toHaveProperty("bytes");
  const rejected = await ingestDocument(
    t.db,
    { bytes: uniqueBytes(), fileName: "x.pdf" },
    buildReadError("ENCRYPTED", "加密"),
  );
  expect((await getDocument(t.db, rejected.documentId))!.reading).toEqual({
    ok: false,
    error: { code: "ENCRYPTED", message: "加密" },
    mediaType: null,
  });
  // A reading that is not what the schema says is refused, not passed on.
  await getPool(t.db).query(
    `UPDATE "Document" SET "reading" = '{"ok": true, "year": "二〇二三"}' WHERE "id" = $1`,
    [rejected.documentId],
  );
  await expect(getDocument(t.db, rejected.documentId)).rejects.toThrow();
  expect(await getDocument(t.db, 987_654)).toBeNull();
});
