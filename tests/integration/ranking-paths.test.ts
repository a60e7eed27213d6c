// 排名 at national scale reads each page without a window over every agency (a bounded sort for value
// sorts; for change and name sorts the page first, then the ranks from one counting pass): every sort,
// page and scope equals the plain query — RANK() over all rows in scope, last year's value, the page cut
// after sorting everything — written here without the query function's code, over synthetic national data
// stored through the bulk path (ties, missing values and rates below the minimum n included).
import { afterAll, beforeAll, expect, test } from "vitest";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import { getMetric, type MetricId } from "@/lib/metrics/metric-dictionary";
import { getAgencyRanking } from "@/lib/queries/get-agency-ranking";
import { SORT_KEYS } from "@/lib/queries/filters";
import type { ReportScope } from "@/lib/queries/report-scope";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
const YEAR = 2023;
const MIN_N = 10;
const PAGE_SIZE = 9;

beforeAll(async () => {
  t = await createTestDatabase();
  await storeInBulk(t.db, [
    ...generateSyntheticDocuments({ reports: 600, years: { from: 2022, to: 2023 }, seed: 11 }),
  ]);
}, 240_000);
afterAll(() => t?.drop());

// The metric's value and n for alias a, as spec/metrics.md defines them (a rate below n ≥ MIN_N is none).
const VALUE: Partial<Record<MetricId, (a: string) => string>> = {
  disclosure_rate: (a) =>
    `CASE WHEN ${a}."disclosureRateNum" IS NOT NULL AND ${a}."disclosureRateDen" > 0 AND ${a}."disclosureRateDen" >= ${MIN_N}
          THEN (100 * ${a}."disclosureRateNum") / ${a}."disclosureRateDen" END`,
  penalties: (a) => `${a}."penalties"`,
};
const ORDER: Record<(typeof SORT_KEYS)[number], string> = {
  value_desc: `"value" DESC NULLS LAST, "agencyId"`,
  value_asc: `"value" ASC NULLS LAST, "agencyId"`,
  change_desc: `("value" - "previousValue") DESC NULLS LAST, "agencyId"`,
  change_asc: `("value" - "previousValue") ASC NULLS LAST, "agencyId"`,
  name: `"name", "agencyId"`,
};

async function plainRanking(options: {
  scope: ReportScope;
  metricId: MetricId;
  sort: keyof typeof ORDER;
  page: number;
}) {
  const value = VALUE[options.metricId]!;
  const region = options.scope.regionPath ? `AND m."regionPath" LIKE '${options.scope.regionPath}%'` : "";
  const kinds = options.scope.kinds
    ? `AND m."agencyKind" IN (${options.scope.kinds.map((k) => `'${k}'`).join(", ")})`
    : "";
  const rows = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT * FROM (
       SELECT m."agencyId", a."name", ${value("m")} AS "value", ${value("p")} AS "previousValue",
              CASE WHEN ${value("m")} IS NOT NULL THEN rank() OVER (ORDER BY ${value("m")} DESC NULLS LAST) END::int AS "rank"
         FROM "ReportMetrics" m JOIN "Agency" a ON a."id" = m."agencyId"
         LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
        WHERE m."year" = ${YEAR} ${region} ${kinds}) x
      ORDER BY ${ORDER[options.sort]} LIMIT ${PAGE_SIZE} OFFSET ${(options.page - 1) * PAGE_SIZE}`,
  );
  const [counts] = await t.db.$queryRawUnsafe<{ total: number; ranked: number }[]>(
    `SELECT count(*)::int AS total, count(${value("m")})::int AS ranked FROM "ReportMetrics" m
      WHERE m."year" = ${YEAR} ${region} ${kinds}`,
  );
  return { rows, ...counts! };
}

test("every sort, page and scope equals RANK() over the whole scope", async () => {
  const [province] = await t.db.$queryRawUnsafe<{ path: string }[]>(
    `SELECT substring(m."regionPath" from '^\\d+/') AS path FROM "ReportMetrics" m WHERE m."year" = ${YEAR}
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const scopes: ReportScope[] = [
    { regionPath: null, kinds: null },
    { regionPath: province!.path, kinds: null },
    { regionPath: null, kinds: ["部门"] },
  ];
  let ties = 0;
  for (const scope of scopes) {
    for (const metricId of ["disclosure_rate", "penalties"] as const) {
      for (const sort of SORT_KEYS) {
        for (const page of [1, 2, 5, 40]) {
          const expected = await plainRanking({ scope, metricId, sort, page });
          const actual = await getAgencyRanking({
            db: t.db,
            year: YEAR,
            scope,
            metric: getMetric(metricId),
            minN: MIN_N,
            page,
            pageSize: PAGE_SIZE,
            sort,
          });
          expect({ scope, metricId, sort, page, total: actual.total, ranked: actual.ranked }).toEqual({
            scope,
            metricId,
            sort,
            page,
            total: expected.total,
            ranked: expected.ranked,
          });
          const shown = actual.rows.map((row) => ({
            agencyId: row.entity.type === "agency" ? row.entity.id : null,
            name: row.label,
            value: row.value,
            previousValue: row.previousValue,
            rank: row.rank,
          }));
          expect({ scope, metricId, sort, page, shown }).toEqual({
            scope,
            metricId,
            sort,
            page,
            shown: expected.rows,
          });
          ties += new Set(shown.map((row) => row.rank)).size < shown.length ? 1 : 0;
        }
      }
    }
  }
  // Pages where several rows share a rank were among those compared.
  expect(ties).toBeGreaterThan(5);
});
