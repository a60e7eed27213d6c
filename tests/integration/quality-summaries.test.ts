// 数据质量 read from the summaries (RegionYearFindings, RegionYearMetrics."toReview" and "lapsedNext") gives
// exactly what plain SQL over the read model, the reports and their findings gives (written here without
// the query functions' code), for the country, provinces, a city, a county and a town, with and without a
// kind filter — over synthetic national data stored through the bulk path, agencies that stopped filing,
// findings of both origins added and settled, and reports confirmed and reopened. The open-findings page
// is checked on each of its three ways of reading (a region's reports, the country's findings, the walk by
// agency name).
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { confirmReport, reopenReport } from "@/lib/ingest/confirm-report";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { resolveFinding } from "@/lib/ingest/resolve-finding";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import { countFindingsByCode } from "@/lib/queries/count-findings-by-code";
import { getReviewQueue } from "@/lib/queries/get-review-queue";
import { listCoverageGaps } from "@/lib/queries/list-coverage-gaps";
import { listOpenFindings } from "@/lib/queries/list-open-findings";
import type { ReportScope } from "@/lib/queries/report-scope";
import type { AgencyKind } from "@/lib/reader/types";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { createFinding } from "@/tests/helpers/dashboard-factory";
import { buildReadResult, uniqueBytes } from "@/tests/helpers/read-result-factory";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
const YEAR = 2023;

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  await db.user.create({
    data: { id: "staff1", name: "staff1", email: "staff1@example.test", role: "staff" },
  });
  await storeInBulk(db, [
    ...generateSyntheticDocuments({ reports: 900, years: { from: 2021, to: 2023 }, seed: 7 }),
  ]);
  // Agencies that filed 2022 only (one without a region): they stopped filing in 2023.
  for (const [prefix, name] of [
    ["000", "停报测试一镇人民政府"],
    ["002", "停报测试二镇人民政府"],
    ["004", "停报测试三镇人民政府"],
  ] as const) {
    const base = buildReadResult(prefix);
    const regionCodes =
      name === "停报测试三镇人民政府" ? { province: null, city: null, county: null, town: null } : undefined;
    const reading = buildReadResult(prefix, {
      year: 2022,
      agency: { ...base.agency, name },
      ...(regionCodes ? { regionCodes } : {}),
    });
    await ingestDocument(db, { bytes: uniqueBytes(), fileName: `${name}.txt` }, reading);
  }
  // Findings of both origins on every 5th current report of the year, some settled; some reports confirmed
  // and one of them reopened.
  const current = await db.report.findMany({
    where: { year: YEAR, isCurrent: true },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const codes = ["CELL_BLANK", "ROW_SHORT", "RULE_CARRY_OVER"];
  for (const [index, report] of current.entries()) {
    if (index % 5 !== 0) continue;
    const code = codes[index % 3]!;
    await createFinding(db, {
      reportId: report.id,
      code,
      origin: code === "RULE_CARRY_OVER" ? "across_years" : "reader",
      kind: code === "ROW_SHORT" ? "uncertain" : "inconsistent",
    });
  }
  const open = await db.finding.findMany({ where: { status: "open" }, orderBy: { id: "asc" }, take: 40 });
  for (const finding of open.filter((_, index) => index % 4 === 0)) {
    await resolveFinding(db, {
      findingId: finding.id,
      decision: "dismissed",
      reason: "测试",
      userId: "staff1",
    });
  }
  const clean = await db.report.findMany({
    where: { year: YEAR, isCurrent: true, findings: { none: { status: "open" } } },
    orderBy: { id: "asc" },
    take: 30,
  });
  for (const report of clean) await confirmReport(db, { reportId: report.id, userId: "staff1" });
  await withTransaction(getPool(db), (client) => reopenReport(client, clean[0]!.id));
}, 240_000);
afterAll(() => t?.drop());

async function rows<T = Record<string, unknown>>(text: string, ...values: unknown[]): Promise<T[]> {
  return t.db.$queryRawUnsafe<T[]>(text, ...values);
}

/** Scopes of every level the summaries hold and one they do not (a town), from the data itself. */
async function scopes(): Promise<ReportScope[]> {
  const [deepest] = await rows<{ path: string }>(
    `SELECT m."regionPath" AS path FROM "ReportMetrics" m WHERE m."year" = ${YEAR} AND m."regionPath" ~ '^\\d+/\\d+/\\d+/\\d+/$'
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  const parts = deepest!.path.split("/").filter(Boolean);
  const paths = [null, ...[1, 2, 3, 4].map((depth) => `${parts.slice(0, depth).join("/")}/`)];
  const kinds: (AgencyKind[] | null)[] = [null, ["乡镇", "街道"], ["部门"]];
  return paths.flatMap((regionPath) => kinds.map((k) => ({ regionPath, kinds: k })));
}

/** The plain WHERE over the read model `m` for a scope, with $1 the year. */
function plainScope(scope: ReportScope, alias = "m"): string {
  const parts = [`${alias}."year" = $1`];
  if (scope.regionPath) parts.push(`${alias}."regionPath" LIKE '${scope.regionPath}%'`);
  if (scope.kinds) parts.push(`${alias}."agencyKind" IN (${scope.kinds.map((k) => `'${k}'`).join(", ")})`);
  return parts.join(" AND ");
}

test("the data has what the comparison needs", async () => {
  const [counts] = await rows<{ open: number; across: number; toReview: number; confirmed: number }>(
    `SELECT (SELECT count(*)::int FROM "Finding" WHERE "status" = 'open') AS open,
            (SELECT count(*)::int FROM "Finding" WHERE "status" = 'open' AND "origin" = 'across_years') AS across,
            (SELECT count(*)::int FROM "Report" WHERE "isCurrent" AND "status" = 'needs_review') AS "toReview",
            (SELECT count(*)::int FROM "Report" WHERE "isCurrent" AND "status" = 'confirmed') AS confirmed`,
  );
  expect(counts!.open).toBeGreaterThan(50);
  expect(counts!.across).toBeGreaterThan(10);
  expect(counts!.confirmed).toBe(29);
  expect((await listCoverageGaps({ db: t.db, year: YEAR, regionPath: null })).lapsedTotal).toBeGreaterThan(1);
});

test("findings by code equal plain SQL in every scope", async () => {
  for (const scope of await scopes()) {
    const expected = await rows(
      `SELECT f."code", f."kind"::text AS "kind", f."origin"::text AS "origin",
              count(*)::int AS "findings", count(DISTINCT f."reportId")::int AS "reports"
         FROM "ReportMetrics" m JOIN "Finding" f ON f."reportId" = m."reportId"
        WHERE ${plainScope(scope)} AND f."status" = 'open'
        GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3`,
      YEAR,
    );
    const actual = await countFindingsByCode({ db: t.db, year: YEAR, scope });
    expect({ scope, actual }).toEqual({ scope, actual: expected });
  }
});

test("open findings, each page and filter, equal plain SQL on every way of reading them", async () => {
  for (const scope of await scopes()) {
    for (const filter of [{}, { code: "CELL_BLANK" }, { origin: "across_years" as const }]) {
      const code = "code" in filter ? filter.code : null;
      const origin = "origin" in filter ? filter.origin : null;
      const where = `${plainScope(scope)} AND f."status" = 'open'
        ${code ? `AND f."code" = '${code}'` : ""} ${origin ? `AND f."origin" = '${origin}'` : ""}`;
      const [count] = await rows<{ total: number }>(
        `SELECT count(*)::int AS total FROM "ReportMetrics" m JOIN "Finding" f ON f."reportId" = m."reportId" WHERE ${where}`,
        YEAR,
      );
      for (const page of [1, 2, 9]) {
        const expected = await rows(
          `SELECT f."id", f."code", f."kind"::text AS "kind", f."message", f."cellIds", f."reportId",
                  m."agencyId", a."name" AS "agencyName", m."year"
             FROM "ReportMetrics" m JOIN "Finding" f ON f."reportId" = m."reportId" JOIN "Agency" a ON a."id" = m."agencyId"
            WHERE ${where} ORDER BY a."name", f."code", f."id" LIMIT 7 OFFSET ${(page - 1) * 7}`,
          YEAR,
        );
        // The country's page both from its findings (few) and by walking agency names (many).
        for (const walkMinFindings of [0, 1_000_000]) {
          const actual = await listOpenFindings({
            db: t.db,
            year: YEAR,
            scope,
            code,
            origin,
            page,
            pageSize: 7,
            walkMinFindings,
          });
          expect({ scope, filter, page, actual }).toEqual({
            scope,
            filter,
            page,
            actual: { rows: expected, total: count!.total },
          });
        }
      }
    }
  }
});

test("reports to review, agencies that stopped filing and towns without a report equal plain SQL in every scope", async () => {
  for (const scope of await scopes()) {
    const [review] = await rows(
      `SELECT (count(*) FILTER (WHERE r."status" = 'needs_review'))::int AS "reportsToReview",
              count(*)::int AS "reportsTotal"
         FROM "ReportMetrics" m JOIN "Report" r ON r."id" = m."reportId" WHERE ${plainScope(scope)}`,
      YEAR,
    );
    const queue = await getReviewQueue({ db: t.db, year: YEAR, scope });
    expect({
      scope,
      queue: { reportsToReview: queue.reportsToReview, reportsTotal: queue.reportsTotal },
    }).toEqual({
      scope,
      queue: review,
    });
    const [lapsed] = await rows<{ total: number }>(
      `SELECT count(*)::int AS total FROM "ReportMetrics" p
        WHERE ${plainScope(scope, "p")} AND p."regionPath" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "ReportMetrics" m WHERE m."agencyId" = p."agencyId" AND m."year" = p."year" + 1)`,
      YEAR - 1,
    );
    const gaps = await listCoverageGaps({
      db: t.db,
      year: YEAR,
      regionPath: scope.regionPath,
      kinds: scope.kinds,
    });
    expect({ scope, lapsed: gaps.lapsedTotal }).toEqual({ scope, lapsed: lapsed!.total });
    // The lists, page by page, in their order (region path, then name; towns by path).
    for (const page of [1, 2]) {
      const listed = await listCoverageGaps({
        db: t.db,
        year: YEAR,
        regionPath: scope.regionPath,
        kinds: scope.kinds,
        page,
        pageSize: 3,
      });
      const lapsedRows = await rows<{ agencyId: number }>(
        `SELECT p."agencyId" FROM "ReportMetrics" p JOIN "Agency" a ON a."id" = p."agencyId"
          WHERE ${plainScope(scope, "p")} AND p."regionPath" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "ReportMetrics" m WHERE m."agencyId" = p."agencyId" AND m."year" = p."year" + 1)
          ORDER BY p."regionPath", a."name" LIMIT 3 OFFSET ${(page - 1) * 3}`,
        YEAR - 1,
      );
      const towns = await rows<{ code: string }>(
        `SELECT r."code" FROM "Region" r WHERE r."level" = 'town' AND r."path" LIKE '${scope.regionPath ?? ""}%'
            AND NOT EXISTS (SELECT 1 FROM "ReportMetrics" m WHERE m."regionPath" = r."path" AND m."year" = $1)
          ORDER BY r."path" LIMIT 3 OFFSET ${(page - 1) * 3}`,
        YEAR,
      );
      expect({
        scope,
        page,
        lapsed: listed.lapsed.map((row) => row.agencyId),
        towns: listed.towns.map((row) => row.code),
      }).toEqual({
        scope,
        page,
        lapsed: lapsedRows.map((row) => row.agencyId),
        towns: towns.map((row) => row.code),
      });
    }
  }
});
